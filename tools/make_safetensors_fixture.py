"""Writes test/io/fixtures/python.safetensors with Python's safetensors (numpy API), so the
TypeScript reader is tested against files made by the reference implementation:
    python3 tools/make_safetensors_fixture.py   (needs the `safetensors` and `numpy` packages)
The expected values are simple closed forms, repeated in test/io/safetensors.test.ts."""
import numpy as np
from safetensors.numpy import save_file

tensors = {
    "f32": np.arange(6, dtype=np.float32).reshape(2, 3) / 4,
    "f64": np.array([1.5, -2.25, 1e300], dtype=np.float64),
    "i32": np.array([[-7], [2147483647]], dtype=np.int32),
    "bool": np.array([True, False, True], dtype=np.bool_),
    "i64": np.array([-3, 4], dtype=np.int64),
    "f16": np.array([0.5, -2.0, 65504.0], dtype=np.float16),
    "u8": np.array([0, 255], dtype=np.uint8),
    "scalar": np.array(3.25, dtype=np.float32),
    "empty": np.zeros((0, 4), dtype=np.float32),
}
save_file(tensors, "test/io/fixtures/python.safetensors", metadata={"made_by": "safetensors-python"})
