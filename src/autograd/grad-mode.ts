/** Whether ops record the graph. `noGrad` is for inference and optimizer updates. */
let enabled = true;

export function isGradEnabled(): boolean {
  return enabled;
}

function withMode<T>(mode: boolean, fn: () => T): T {
  const prev = enabled;
  enabled = mode;
  try {
    const r = fn();
    if (r instanceof Promise) {
      throw new Error('noGrad/enableGrad: fn must be synchronous (an async fn would leak the grad mode across awaits)');
    }
    return r;
  } finally {
    enabled = prev;
  }
}

/** Runs fn without recording the graph, like `with torch.no_grad():`. */
export function noGrad<T>(fn: () => T): T {
  return withMode(false, fn);
}

/** Runs fn with graph recording on, e.g. inside a noGrad block. */
export function enableGrad<T>(fn: () => T): T {
  return withMode(true, fn);
}

export function setGradEnabled(mode: boolean): void {
  enabled = mode;
}
