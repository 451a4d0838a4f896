// nabla's WebAssembly SIMD kernels (AssemblyScript). Built by scripts/build-wasm.mjs.
export { sgemm } from './gemm';
export { binary_f32, unary_f32, sum_last_f32, sum_first_f32, sum_mid_f32, max_last_f32, compare_f32, where_f32, cast_u8_f32, cast_i32_f32, scatter_add_last_f32 } from './elementwise';
export { im2col_f32, col2im_f32, maxpool_f32 } from './window';
export { adam_f32 } from './optim';
