/** Batched matmul with float64 accumulation: i-k-j loop over strided operands. */
import type { Backend, StridedView } from '../backend.js';
import type { DType } from '../../tensor/dtype.js';
import { numel } from '../../tensor/shape.js';
import { alloc, dataOf, stridedOffsets, type ArrayStorage } from './storage.js';

export function matmul(backend: Backend, a: StridedView, b: StridedView, outDtype: DType): ArrayStorage {
  const nd = a.shape.length;
  const M = a.shape[nd - 2]!;
  const K = a.shape[nd - 1]!;
  const N = b.shape[nd - 1]!;
  const batchShape = a.shape.slice(0, nd - 2);
  const batch = numel(batchShape);
  const aBase = stridedOffsets(batchShape, a.strides.slice(0, nd - 2), a.offset);
  const bBase = stridedOffsets(batchShape, b.strides.slice(0, nd - 2), b.offset);
  const [asm, ask] = [a.strides[nd - 2]!, a.strides[nd - 1]!];
  const [bsk, bsn] = [b.strides[nd - 2]!, b.strides[nd - 1]!];
  const ad = dataOf(a);
  const bd = dataOf(b);
  const out = alloc(backend, outDtype, batch * M * N);
  const o = out.data;
  const row = new Float64Array(N);
  for (let p = 0; p < batch; p++) {
    const ab = aBase[p]!;
    const bb = bBase[p]!;
    for (let i = 0; i < M; i++) {
      row.fill(0);
      for (let k = 0; k < K; k++) {
        const av = ad[ab + i * asm + k * ask]!;
        if (av === 0 && Number.isFinite(av)) continue;
        const bo = bb + k * bsk;
        for (let j = 0; j < N; j++) row[j]! += av * bd[bo + j * bsn]!;
      }
      o.set(row, (p * M + i) * N);
    }
  }
  return out;
}
