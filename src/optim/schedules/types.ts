/**
 * A learning-rate schedule: a pure function from the step count t = 0, 1, 2, … to a value.
 * Nothing is stored between calls, so `schedule(t)` is the same whenever and however often it is asked;
 * the scheduler classes in `lr-scheduler/` only count steps and write `schedule(t)` into an optimizer.
 */
export type Schedule = (t: number) => number;

/** The curve used between two points by one-cycle schedules. */
export type AnnealStrategy = 'cos' | 'linear';
