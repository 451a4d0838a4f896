/**
 * Transformation (and optimizer) state as JSON-safe plain data, and back.
 *
 * A state is a tree of numbers, booleans, strings, null, arrays, plain objects and Tensors.
 * serializeState replaces every Tensor by {shape, dtype, data}, where data is the row-major list
 * of its values; NaN, Infinity and -Infinity (which JSON cannot hold) are written as the strings
 * "NaN", "Infinity" and "-Infinity". Every finite float32 or float64 value survives
 * JSON.stringify/JSON.parse exactly, so a deserialized state continues bit for bit.
 */
import { tensor } from '../../tensor/creation.js';
import { assertDType, type DType } from '../../tensor/dtype.js';
import { Tensor } from '../../tensor/tensor.js';

/** A tensor as plain data. */
export interface TensorData {
  shape: number[];
  dtype: DType;
  data: (number | 'NaN' | 'Infinity' | '-Infinity')[];
}

export type SerializedState = null | boolean | number | string | TensorData | SerializedState[] | { [key: string]: SerializedState };

export function tensorToData(t: Tensor): TensorData {
  const data = Array.from(t.data(), (v): TensorData['data'][number] => (Number.isFinite(v) ? v : Number.isNaN(v) ? 'NaN' : v > 0 ? 'Infinity' : '-Infinity'));
  return { shape: [...t.shape], dtype: t.dtype, data };
}

export function isTensorData(x: unknown): x is TensorData {
  if (x === null || typeof x !== 'object' || Array.isArray(x)) return false;
  const o = x as Record<string, unknown>;
  return Object.keys(o).length === 3 && typeof o['dtype'] === 'string' && Array.isArray(o['shape']) && Array.isArray(o['data']);
}

export function dataToTensor(d: TensorData, where = 'deserializeState'): Tensor {
  assertDType(where, 'dtype', d.dtype);
  const n = d.shape.reduce((a, b) => a * b, 1);
  if (!d.shape.every((s) => Number.isInteger(s) && s >= 0) || d.data.length !== n) {
    throw new Error(`${where}: tensor data of length ${d.data.length} does not fit shape [${d.shape.join(', ')}]`);
  }
  const values = Float64Array.from(d.data, (v) => {
    if (typeof v === 'number') return v;
    if (v === 'NaN') return NaN;
    if (v === 'Infinity') return Infinity;
    if (v === '-Infinity') return -Infinity;
    throw new Error(`${where}: tensor data must be numbers or "NaN"/"Infinity"/"-Infinity", got ${JSON.stringify(v)}`);
  });
  return tensor(values, { dtype: d.dtype }).reshape(d.shape);
}

/** The state with every Tensor replaced by TensorData (a deep copy; the input is not modified). */
export function serializeState(state: unknown): SerializedState {
  if (state instanceof Tensor) return tensorToData(state);
  if (state === null || typeof state === 'boolean' || typeof state === 'number' || typeof state === 'string') return state;
  if (Array.isArray(state)) return state.map(serializeState);
  if (typeof state === 'object' && Object.getPrototypeOf(state) === Object.prototype) {
    const out: Record<string, SerializedState> = {};
    for (const [k, v] of Object.entries(state as object)) out[k] = serializeState(v);
    return out;
  }
  throw new Error(`serializeState: cannot serialize a value of type ${typeof state === 'object' ? (state as object).constructor?.name ?? 'object' : typeof state}`);
}

/**
 * The inverse of serializeState: TensorData becomes Tensors again. Tensors already present are
 * cloned, so the result never aliases the input. `visit` may adjust each rebuilt tensor (the
 * optimizer casts to the parameter's dtype and checks shapes there).
 */
export function deserializeState(data: unknown, visit: (t: Tensor) => Tensor = (t) => t): unknown {
  if (data instanceof Tensor) return visit(data.clone());
  if (isTensorData(data)) return visit(dataToTensor(data));
  if (data === null || typeof data === 'boolean' || typeof data === 'number' || typeof data === 'string') return data;
  if (Array.isArray(data)) return data.map((d) => deserializeState(d, visit));
  if (typeof data === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(data as object)) out[k] = deserializeState(v, visit);
    return out;
  }
  throw new Error(`deserializeState: unexpected value of type ${typeof data}`);
}
