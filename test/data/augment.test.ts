/**
 * Augmentation: exact results where they are defined (flips, crops, rotation by 90°, identities,
 * blur of a delta, Sobel of a ramp, colour round trips), PyTorch reference values for resizing,
 * affine warps and colour adjustments (computed with torch 1.13's F.interpolate / F.grid_sample and
 * torchvision's tensor colour code on the `pattern` images below), seeding, test-time crops and
 * bad input.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as nb from '../../src/index.js';
import * as A from '../../src/data/augment/index.js';
import { gaussianBlurPlanes } from '../../src/data/augment/gaussian-blur.js';
import { resizedCropWindow } from '../../src/data/augment/random-resized-crop.js';
import { assertClose, throwsMatching, values } from '../helpers.js';

type Tensor = nb.Tensor;

/** The deterministic test image used for the PyTorch references: ((37·i) mod 101)/100. */
function pattern(shape: number[], dtype: 'float32' | 'float64' = 'float64'): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  return nb.tensor(Float64Array.from({ length: n }, (_, i) => ((i * 37) % 101) / 100), { dtype }).reshape(shape);
}

/** 0, 1, 2, … as a float tensor of `shape`. */
function arange(shape: number[]): Tensor {
  return nb.arange(shape.reduce((a, b) => a * b, 1)).float().reshape(shape);
}

const gen = (seed: number): nb.Generator => new nb.Generator(seed);

describe('flips', () => {
  it('reverse the right axis; p = 0 is the identity', () => {
    const x = arange([2, 3, 4]);
    assert.deepEqual(new A.RandomHorizontalFlip({ p: 1 }).call(x).toArray(), x.flip(-1).toArray());
    assert.deepEqual(new A.RandomVerticalFlip({ p: 1 }).call(x).toArray(), x.flip(-2).toArray());
    assert.equal(new A.RandomHorizontalFlip({ p: 0 }).call(x), x);
  });

  it('flip each image of a batch independently', () => {
    const x = arange([16, 1, 2, 3]);
    const y = new A.RandomHorizontalFlip().call(x, { generator: gen(3) });
    let flipped = 0;
    for (let n = 0; n < 16; n++) {
      const yi = y.narrow(0, n, 1).toArray();
      const xi = x.narrow(0, n, 1);
      if (JSON.stringify(yi) === JSON.stringify(xi.flip(-1).toArray())) flipped++;
      else assert.deepEqual(yi, xi.toArray());
    }
    assert.ok(flipped > 0 && flipped < 16, `flipped ${flipped} of 16`);
  });
});

describe('crops', () => {
  const row = nb.tensor([[[0, 1, 2, 3]]]); // [1, 1, 4]

  it('pad with each padding mode (a crop the size of the padded image)', () => {
    const crop = (mode: A.PaddingMode): number[] => values(new A.RandomCrop([1, 8], { padding: [2, 0], paddingMode: mode, fill: 9 }).call(row));
    assert.deepEqual(crop('constant'), [9, 9, 0, 1, 2, 3, 9, 9]);
    assert.deepEqual(crop('edge'), [0, 0, 0, 1, 2, 3, 3, 3]);
    assert.deepEqual(crop('reflect'), [2, 1, 0, 1, 2, 3, 2, 1]);
    assert.deepEqual(crop('symmetric'), [1, 0, 0, 1, 2, 3, 3, 2]);
  });

  it('RandomCrop with padding picks a window of the padded image, and all windows occur', () => {
    const x = arange([1, 4, 4]).add(1);
    const padded = x.pad([1, 1, 1, 1]); // zero padding, [1, 6, 6]
    const t = new A.RandomCrop(4, { padding: 1 });
    const seen = new Set<string>();
    const g = gen(0);
    for (let k = 0; k < 60; k++) {
      const y = JSON.stringify(t.call(x, { generator: g }).toArray());
      let match = '';
      for (let i = 0; i <= 2; i++) for (let j = 0; j <= 2; j++) {
        if (JSON.stringify(padded.narrow(1, i, 4).narrow(2, j, 4).toArray()) === y) match = `${i},${j}`;
      }
      assert.notEqual(match, '', `crop ${y} is not a window of the padded image`);
      seen.add(match);
    }
    assert.equal(seen.size, 9);
  });

  it('padIfNeeded pads a too-small image by the shortfall on both sides (torchvision)', () => {
    const x = nb.ones([1, 2, 2]);
    const y = new A.RandomCrop(4, { padIfNeeded: true }).call(x, { generator: gen(1) });
    assert.deepEqual(y.shape, [1, 4, 4]);
    assert.equal(values(y).reduce((a, b) => a + b, 0) <= 4, true);
  });

  it('CenterCrop uses round-half-to-even offsets and pads with zeros when larger', () => {
    const x = arange([1, 5, 5]);
    assert.deepEqual(values(new A.CenterCrop(2).call(x)), [12, 13, 17, 18]); // offset round(1.5) = 2
    assert.deepEqual(values(new A.CenterCrop([1, 3]).call(x)), [11, 12, 13]);
    const big = new A.CenterCrop(3).call(nb.ones([1, 1, 1]));
    assert.deepEqual(values(big), [0, 0, 0, 0, 1, 0, 0, 0, 0]);
  });

  it('RandomResizedCrop with the whole image is the identity; windows stay inside', () => {
    const x = pattern([2, 6, 6], 'float32');
    const same = new A.RandomResizedCrop(6, { scale: [1, 1], ratio: [1, 1] }).call(x, { generator: gen(0) });
    assertClose(same, x);
    const g = gen(5);
    for (let k = 0; k < 50; k++) {
      const [top, left, h, w] = resizedCropWindowOf(g, 20, 30);
      assert.ok(top >= 0 && left >= 0 && top + h <= 20 && left + w <= 30 && h > 0 && w > 0);
    }
  });
});

function resizedCropWindowOf(g: nb.Generator, h: number, w: number): [number, number, number, number] {
  return resizedCropWindow(g, h, w, [0.08, 1], [3 / 4, 4 / 3]);
}

describe('resize (PyTorch F.interpolate references)', () => {
  const x = pattern([1, 5, 7]);
  it('bilinear down, with and without antialias', () => {
    assertClose(new A.Resize([3, 4], { antialias: false }).call(x),
      [0.32875, 0.555417, 0.319167, 0.50375, 0.26875, 0.79, 0.55375, 0.57, 0.419167, 0.772083, 0.535833, 0.467917], { atol: 1e-6 });
    assertClose(new A.Resize([3, 4]).call(x),
      [0.417483, 0.506, 0.373029, 0.525306, 0.430688, 0.562933, 0.471644, 0.627831, 0.436259, 0.623714, 0.461886, 0.482245], { atol: 1e-6 });
  });
  it('bilinear up (antialias makes no difference) and nearest', () => {
    const up = new A.Resize([8, 9]).call(x);
    assertClose(up.narrow(1, 0, 2), [0.0, 0.246667, 0.534444, 0.597778, 0.1, 0.387778, 0.675556, 0.626667, 0.2,
      0.249375, 0.496042, 0.587431, 0.503472, 0.349375, 0.293472, 0.483056, 0.581458, 0.449375], { atol: 1e-6 });
    assertClose(up, new A.Resize([8, 9], { antialias: false }).call(x), { atol: 1e-12 });
    assertClose(new A.Resize([3, 4], { interpolation: 'nearest' }).call(x), [0.0, 0.37, 0.1, 0.84, 0.57, 0.94, 0.67, 0.4, 0.7, 0.06, 0.8, 0.53]);
  });
  it('an integer size sets the shorter edge (capped by maxSize)', () => {
    assert.deepEqual(new A.Resize(10).call(x).shape, [1, 10, 14]);
    assert.deepEqual(new A.Resize(10, { maxSize: 12 }).call(x).shape, [1, 8, 12]);
    assert.deepEqual(A.resizedSize(7, 5, 10, null), [14, 10]);
  });
});

describe('rotation and affine', () => {
  it('rotation by 90° with nearest equals a transpose and a flip (counter-clockwise)', () => {
    for (const n of [4, 5]) {
      const x = arange([2, 2, n, n]);
      const y = new A.RandomRotation([90, 90], { interpolation: 'nearest' }).call(x);
      assert.deepEqual(y.toArray(), x.flip(-1).transpose(-2, -1).toArray());
    }
  });

  it('rotation by 30° matches torchvision (bilinear, zero fill)', () => {
    assertClose(A.rotate(pattern([1, 6, 5]), 30, { interpolation: 'bilinear' }), [
      0.188114, 0.412673, 0.389275, 0.289997, 0.004363, 0.342478, 0.577907, 0.813336, 0.42658, 0.154767, 0.497125, 0.245683, 0.481112, 0.665799, 0.951971,
      0.6699, 0.417244, 0.384474, 0.384317, 0.619747, 0.27667, 0.591234, 0.574164, 0.319078, 0.302008, 0.006945, 0.266907, 0.494439, 0.632823, 0.198111,
    ], { atol: 1e-6 });
  });

  it('affine (rotate, translate, scale, shear) matches torchvision F.affine', () => {
    const y = A.affine(pattern([1, 6, 5]), { angle: 30, translate: [1, -1], scale: 1.2, shear: [10, 5], interpolation: 'bilinear' });
    assertClose(y, [
      0.117467, 0.563209, 0.388545, 0.202883, 0.506943, 0.350343, 0.60895, 0.421393, 0.311237, 0.581687, 0.450193, 0.754253, 0.436332, 0.352372, 0.656432,
      0.524938, 0.493336, 0.123057, 0.427117, 0.731176, 0.368436, 0.774993, 0.412219, 0.501861, 0.764964, 0.0, 0.071286, 0.176851, 0.510188, 0.275185,
    ], { atol: 1e-6 });
  });

  it('the identity affine is the identity; fill colours the outside', () => {
    const x = pattern([3, 2, 7, 5], 'float32');
    for (const interpolation of ['nearest', 'bilinear'] as const) {
      const t = new A.RandomAffine(0, { translate: [0, 0], scale: [1, 1], shear: 0, interpolation });
      assert.deepEqual(t.call(x, { generator: gen(1) }).toArray(), x.toArray());
    }
    const shifted = A.affine(nb.zeros([1, 3, 3]), { translate: [1, 0], fill: 7 });
    assert.deepEqual(values(shifted), [7, 0, 0, 7, 0, 0, 7, 0, 0]);
    const half = A.affine(nb.zeros([1, 1, 2]), { translate: [0.5, 0], fill: 1, interpolation: 'bilinear' });
    assertClose(half, [0.5, 0]);
  });

  it('elastic with alpha 0 is the identity; with alpha > 0 it moves pixels smoothly', () => {
    const x = pattern([4, 1, 12, 12], 'float32');
    assert.deepEqual(new A.ElasticTransform({ alpha: 0, sigma: 3 }).call(x, { generator: gen(2) }).toArray(), x.toArray());
    const e = new A.ElasticTransform({ alpha: 8, sigma: 3 });
    const d = e.displacement(1, 12, 12, gen(2));
    // smoothed field: horizontal neighbours differ far less than the field's values
    const rough = new A.ElasticTransform({ alpha: 8, sigma: 0 }).displacement(1, 12, 12, gen(2));
    const meanStep = (f: Float64Array): number => {
      let acc = 0;
      for (let y = 0; y < 12; y++) for (let i = 0; i < 11; i++) acc += Math.abs(f[y * 12 + i + 1]! - f[y * 12 + i]!);
      return acc / (12 * 11);
    };
    const meanAbs = (f: Float64Array): number => f.subarray(0, 144).reduce((a, v) => a + Math.abs(v), 0) / 144;
    assert.ok(meanStep(d) < 0.5 * meanAbs(d), `smoothed: step ${meanStep(d)}, size ${meanAbs(d)}`);
    assert.ok(meanStep(rough) > meanAbs(rough), `unsmoothed: step ${meanStep(rough)}, size ${meanAbs(rough)}`);
    assert.ok(Math.max(...rough) <= 8 && Math.min(...rough) >= -8);
    assert.notDeepEqual(e.call(x, { generator: gen(2) }).toArray(), x.toArray());
  });
});

describe('filters', () => {
  it('the Gaussian kernel sums to 1 and blurs a delta into the kernel', () => {
    const k = A.gaussianKernel1d(5, 1.3);
    assertClose(k.reduce((a, b) => a + b, 0), 1, { atol: 1e-12 });
    assertClose(k[0]!, k[4]!);
    const delta = nb.zeros([1, 9, 9], { dtype: 'float64' });
    const d = delta.data();
    d[4 * 9 + 4] = 1;
    const y = new A.GaussianBlur(5, { sigma: 1.3 }).call(nb.tensor(d, { dtype: 'float64' }).reshape([1, 9, 9]));
    const got = values(y);
    for (let i = 0; i < 9; i++) {
      for (let j = 0; j < 9; j++) {
        const expect = i >= 2 && i <= 6 && j >= 2 && j <= 6 ? k[i - 2]! * k[j - 2]! : 0;
        assertClose(got[i * 9 + j]!, expect, { atol: 1e-12 });
      }
    }
  });

  it('the typed-array blur (used by ElasticTransform) matches the conv2d blur', () => {
    const x = pattern([3, 7, 6]);
    const planes = Float64Array.from(x.data());
    gaussianBlurPlanes(planes, 3, 7, 6, 9, 2); // kernel longer than the image: reflection bounces
    assertClose(planes, A.gaussianBlur(x, [9, 9], 2), { atol: 1e-12 });
  });

  it('Sobel on a ramp gives a constant gradient', () => {
    const ramp = nb.tensor(Float64Array.from({ length: 36 }, (_, i) => 0.1 * (i % 6) + 0.3 * Math.floor(i / 6)), { dtype: 'float64' }).reshape([1, 6, 6]);
    const y = new A.SobelEdges().call(ramp);
    assert.deepEqual(y.shape, [4, 6, 6]);
    const inner = (t: Tensor): number[] => values(t.narrow(1, 1, 4).narrow(2, 1, 4));
    assertClose(inner(y.narrow(0, 1, 1)), new Array(16).fill(0.1), { atol: 1e-12 });
    assertClose(inner(y.narrow(0, 2, 1)), new Array(16).fill(0.3), { atol: 1e-12 });
    assertClose(inner(y.narrow(0, 3, 1)), new Array(16).fill(Math.sqrt(0.1)), { atol: 1e-12 });
    assertClose(y.narrow(0, 0, 1), ramp);
    const rgb = nb.cat([ramp, ramp, ramp], 0).unsqueeze(0);
    const edges = new A.SobelEdges({ append: false, normalized: false }).call(rgb);
    assert.deepEqual(edges.shape, [1, 3, 6, 6]);
    assertClose(inner(edges.narrow(1, 0, 1).squeeze(0)), new Array(16).fill(0.8 * 0.9999), { atol: 1e-9 });
  });

  it('Normalize standardises per channel and is invertible', () => {
    const x = pattern([2, 3, 4, 4]);
    const t = new A.Normalize({ mean: [0.5, 0.4, 0.3], std: [0.2, 0.25, 0.5] });
    const y = t.call(x);
    assertClose(y.narrow(1, 1, 1), x.narrow(1, 1, 1).sub(0.4).div(0.25), { atol: 1e-12 });
    assertClose(t.inverse().call(y), x, { atol: 1e-12 });
  });
});

describe('colour', () => {
  const rgb = pattern([3, 2, 3]);
  it('RGB → HSV matches torchvision and round-trips', () => {
    assertClose(A.rgbToHsv(rgb), [0.583333, 0.583333, 0.207819, 0.583333, 0.583333, 0.958848, 1.0, 0.519481, 0.861702, 0.8, 0.45977, 0.964286,
      0.4, 0.77, 0.94, 0.5, 0.87, 0.84], { atol: 1e-6 });
    assertClose(A.hsvToRgb(A.rgbToHsv(rgb)), rgb, { atol: 1e-12 });
    const many = nb.rand([2, 3, 8, 8], { generator: gen(4), dtype: 'float64' });
    assertClose(A.hsvToRgb(A.rgbToHsv(many)), many, { atol: 1e-12 });
  });

  it('a hue shift by 0 is the identity; other adjustments match torchvision', () => {
    assertClose(A.adjustHue(rgb, 0), rgb, { atol: 1e-12 });
    assertClose(A.adjustHue(rgb, 0.2), [0.28, 0.65, 0.13, 0.38, 0.75, 0.84, 0.0, 0.37, 0.94, 0.1, 0.47, 0.802, 0.4, 0.77, 0.492, 0.5, 0.87, 0.03], { atol: 1e-6 });
    assertClose(A.adjustSaturation(rgb, 0.3), [0.1141, 0.484074, 0.77345, 0.214093, 0.584067, 0.458434, 0.1741, 0.544074, 0.83345, 0.274093, 0.644067, 0.215434,
      0.2341, 0.604074, 0.59045, 0.334093, 0.704067, 0.275434], { atol: 1e-6 });
    assertClose(A.adjustContrast(rgb, 1.5), [0.0, 0.332117, 0.887117, 0.0, 0.482117, 1.0, 0.077117, 0.632117, 1.0, 0.227117, 0.782117, 0.0,
      0.377117, 0.932117, 0.0, 0.527117, 1.0, 0.122117], { atol: 1e-6 });
  });

  it('ColorJitter with fixed factors applies them; grayscale images take brightness and contrast', () => {
    const x = pattern([1, 4, 4]);
    assertClose(new A.ColorJitter({ brightness: [2, 2] }).call(x), x.mul(2).clamp(0, 1), { atol: 1e-12 });
    const y = new A.ColorJitter({ brightness: 0.5, contrast: 0.5 }).call(x, { generator: gen(1) });
    assert.deepEqual(y.shape, [1, 4, 4]);
    assert.ok(values(y).every((v) => v >= 0 && v <= 1));
    const full = new A.ColorJitter({ brightness: 0.4, contrast: 0.4, saturation: 0.4, hue: 0.1 }).call(pattern([2, 3, 5, 5]), { generator: gen(1) });
    assert.deepEqual(full.shape, [2, 3, 5, 5]);
    const gray = new A.RandomGrayscale({ p: 1 }).call(rgb);
    assertClose(gray.narrow(0, 0, 1), gray.narrow(0, 2, 1));
    assertClose(gray.narrow(0, 0, 1), A.rgbToGrayscale(rgb));
  });
});

describe('noise and erasing', () => {
  it('GaussianNoise has the requested mean and spread, clipped to [0, 1] by default', () => {
    const x = nb.full([1, 64, 64], 0.5);
    const y = new A.GaussianNoise({ mean: 0.1, std: 0.05 }).call(x, { generator: gen(1) });
    const d = values(y).map((v) => v - 0.5);
    const mean = d.reduce((a, b) => a + b, 0) / d.length;
    const sd = Math.sqrt(d.reduce((a, b) => a + (b - mean) ** 2, 0) / d.length);
    assert.ok(Math.abs(mean - 0.1) < 0.005 && Math.abs(sd - 0.05) < 0.005, `mean ${mean}, sd ${sd}`);
    const clipped = new A.GaussianNoise({ std: 1 }).call(x, { generator: gen(1) });
    assert.ok(values(clipped).every((v) => v >= 0 && v <= 1));
  });

  /** The bounding box of the zeros of a [C, H, W] image: [top, left, bottom, right, count]. */
  function zeroBox(y: Tensor): number[] {
    const [, h, w] = y.shape as [number, number, number];
    const d = values(y.narrow(0, 0, 1));
    let [t, l, b, r, count] = [h, w, -1, -1, 0];
    d.forEach((v, i) => {
      if (v !== 0) return;
      const yy = Math.floor(i / w);
      const xx = i % w;
      [t, l, b, r] = [Math.min(t, yy), Math.min(l, xx), Math.max(b, yy + 1), Math.max(r, xx + 1)];
      count++;
    });
    return [t, l, b, r, count];
  }

  it('RandomErasing erases a rectangle of the expected area in every channel', () => {
    const x = nb.ones([3, 10, 10]);
    for (let seed = 0; seed < 5; seed++) {
      const y = new A.RandomErasing({ p: 1, scale: [0.25, 0.25], ratio: [1, 1] }).call(x, { generator: gen(seed) });
      const [t, l, b, r, count] = zeroBox(y);
      assert.equal(count, 25);
      assert.equal((b! - t!) * (r! - l!), 25); // a solid 5×5 square
      assert.equal(values(y).filter((v) => v === 0).length, 75);
    }
    const painted = new A.RandomErasing({ p: 1, value: [2, 3, 4] }).call(x, { generator: gen(0) });
    assert.ok(values(painted.narrow(0, 2, 1)).includes(4));
  });

  it('Cutout zeroes a (clipped) square: h·w inside the image', () => {
    const x = nb.ones([2, 12, 12]);
    let full = 0;
    for (let seed = 0; seed < 20; seed++) {
      const y = new A.Cutout(4).call(x, { generator: gen(seed) });
      const [t, l, b, r, count] = zeroBox(y);
      assert.equal((b! - t!) * (r! - l!), count, 'the zeros form a rectangle');
      assert.ok(b! - t! <= 4 && r! - l! <= 4);
      if (t! > 0 && b! < 12) assert.equal(b! - t!, 4);
      if (l! > 0 && r! < 12) assert.equal(r! - l!, 4);
      if (count === 16) full++;
    }
    assert.ok(full > 5);
  });
});

describe('seeding', () => {
  const x = pattern([16, 3, 12, 12], 'float32'); // 16 images: two seeds give the same coin flips with odds 2^-16
  const transforms: A.Transform[] = [
    new A.RandomHorizontalFlip(), new A.RandomVerticalFlip(), new A.RandomCrop(10, { padding: 2 }),
    new A.RandomResizedCrop(8), new A.RandomRotation(30), new A.RandomAffine(20, { translate: [0.2, 0.2], scale: [0.8, 1.2], shear: 10 }),
    new A.ElasticTransform({ alpha: 5, sigma: 2 }), new A.ColorJitter({ brightness: 0.5, contrast: 0.5, saturation: 0.5, hue: 0.2 }),
    new A.GaussianNoise(), new A.GaussianBlur(5), new A.RandomErasing({ p: 1 }), new A.Cutout(4), new A.RandomGrayscale({ p: 0.5 }),
    new A.RandomApply([new A.RandomRotation(45)]), new A.RandomChoice([new A.RandomHorizontalFlip({ p: 1 }), new A.GaussianNoise()]),
  ];
  for (const t of transforms) {
    it(`${t.type}: same seed, same output; another seed, another output`, () => {
      const a = t.call(x, { generator: gen(7) });
      assert.deepEqual(values(t.call(x, { generator: gen(7) })), values(a));
      assert.notDeepEqual(values(t.call(x, { generator: gen(8) })), values(a));
    });
  }

  it('the constructor generator is used when the call passes none; the global default otherwise', () => {
    const own = new A.RandomAffine(30, { generator: gen(3) }).call(x);
    assert.deepEqual(values(own), values(new A.RandomAffine(30).call(x, { generator: gen(3) })));
    nb.manualSeed(11);
    const a = new A.RandomAffine(30).call(x);
    nb.manualSeed(11);
    assert.deepEqual(values(new A.RandomAffine(30).call(x)), values(a));
  });

  it('a batch equals its images transformed one after another with the same generator', () => {
    const t = new A.RandomAffine(30, { translate: [0.1, 0.1] });
    const batch = t.call(x, { generator: gen(5) });
    const g = gen(5);
    const one = Array.from({ length: 16 }, (_, n) => t.call(x.narrow(0, n, 1).squeeze(0), { generator: g }));
    assert.deepEqual(values(batch), one.flatMap(values));
  });

  it('specs round-trip: fromSpec(t.toSpec()) behaves like t', () => {
    const t = new A.Compose([
      new A.RandomCrop(12, { padding: 2, paddingMode: 'reflect' }),
      new A.RandomApply([new A.ColorJitter({ brightness: 0.3, hue: 0.1 })], { p: 0.7 }),
      new A.RandomChoice([new A.GaussianBlur(3, { sigma: [0.5, 1] }), new A.RandomAffine(10, { shear: [1, 2, 3, 4] })], { p: [1, 2] }),
      new A.Normalize({ mean: [0.5, 0.5, 0.5], std: 0.25 }),
    ]);
    const spec = JSON.parse(JSON.stringify(t.toSpec()));
    const u = A.fromSpec(spec);
    assert.deepEqual(u.toSpec(), t.toSpec());
    assert.deepEqual(values(u.call(x, { generator: gen(2) })), values(t.call(x, { generator: gen(2) })));
  });
});

describe('containers', () => {
  const x = arange([6, 1, 3, 3]);
  it('Compose applies in order; RandomApply with p = 0 / 1', () => {
    const t = new A.Compose([new A.RandomHorizontalFlip({ p: 1 }), (y: Tensor) => y.add(1)]);
    assert.deepEqual(t.call(x).toArray(), x.flip(-1).add(1).toArray());
    assert.equal(new A.RandomApply([new A.RandomVerticalFlip({ p: 1 })], { p: 0 }).call(x), x);
    assert.deepEqual(new A.RandomApply([new A.RandomVerticalFlip({ p: 1 })], { p: 1 }).call(x).toArray(), x.flip(-2).toArray());
  });

  it('RandomApply and RandomChoice transform chosen images of a batch in place', () => {
    const y = new A.RandomApply([new A.RandomVerticalFlip({ p: 1 })]).call(x, { generator: gen(1) });
    const flipped = x.flip(-2);
    let changed = 0;
    for (let n = 0; n < 6; n++) {
      const yn = JSON.stringify(y.narrow(0, n, 1).toArray());
      if (yn === JSON.stringify(flipped.narrow(0, n, 1).toArray())) changed++;
      else assert.equal(yn, JSON.stringify(x.narrow(0, n, 1).toArray()));
    }
    assert.ok(changed > 0 && changed < 6);
    const second = new A.RandomChoice([new A.RandomVerticalFlip({ p: 1 }), new A.RandomHorizontalFlip({ p: 1 })], { p: [0, 1] });
    assert.deepEqual(second.call(x, { generator: gen(0) }).toArray(), x.flip(-1).toArray());
  });
});

describe('test-time augmentation', () => {
  const x = arange([1, 4, 5]);
  it('FiveCrop takes the corners and the centre in torchvision order', () => {
    const c = new A.FiveCrop([2, 3]).call(x);
    assert.deepEqual(c.shape, [5, 1, 2, 3]);
    assert.deepEqual(values(c.narrow(0, 0, 1)), [0, 1, 2, 5, 6, 7]);
    assert.deepEqual(values(c.narrow(0, 1, 1)), [2, 3, 4, 7, 8, 9]);
    assert.deepEqual(values(c.narrow(0, 2, 1)), [10, 11, 12, 15, 16, 17]);
    assert.deepEqual(values(c.narrow(0, 3, 1)), [12, 13, 14, 17, 18, 19]);
    assert.deepEqual(values(c.narrow(0, 4, 1)), [6, 7, 8, 11, 12, 13]);
    assert.deepEqual(A.fiveCropPositions(4, 5, 2, 3), [[0, 0], [0, 2], [2, 0], [2, 2], [1, 1]]);
  });

  it('TenCrop adds the crops of the mirror image; batches give [N, 10, C, h, w]', () => {
    const c = new A.TenCrop(2).call(x);
    const mirrored = new A.FiveCrop(2).call(x.flip(-1));
    assert.deepEqual(c.narrow(0, 5, 5).toArray(), mirrored.toArray());
    const v = new A.TenCrop(2, { vertical: true }).call(x);
    assert.deepEqual(v.narrow(0, 5, 5).toArray(), new A.FiveCrop(2).call(x.flip(-2)).toArray());
    assert.deepEqual(new A.TenCrop(2).call(arange([3, 2, 4, 4])).shape, [3, 10, 2, 2, 2]);
  });

  it('multiCropPredict averages the softmax over the crops (and scales)', () => {
    const batch = pattern([2, 1, 6, 6]);
    // a "model" whose logits are [mean, −mean, 0] of each crop
    const model = (b: Tensor): Tensor => {
      const m = b.mean([1, 2, 3]).unsqueeze(1);
      return nb.cat([m, m.neg(), m.mul(0)], 1);
    };
    const p = A.multiCropPredict(model, batch, { crops: 'ten', size: 4 });
    assert.deepEqual(p.shape, [2, 3]);
    for (let n = 0; n < 2; n++) {
      const crops = new A.TenCrop(4).call(batch.narrow(0, n, 1).squeeze(0));
      const expected = model(crops).softmax(-1).mean(0);
      assertClose(p.narrow(0, n, 1).squeeze(0), expected, { atol: 1e-12 });
    }
    const raw = A.multiCropPredict(model, batch.narrow(0, 0, 1).squeeze(0), { crops: 'five', size: 4, softmax: false });
    assertClose(raw, model(new A.FiveCrop(4).call(batch.narrow(0, 0, 1).squeeze(0))).mean(0), { atol: 1e-12 });
    const scaled = A.multiCropPredict(model, batch, { crops: 'five', size: 4, scales: [6, 8] });
    const at8 = A.multiCropPredict(model, new A.Resize(8).call(batch), { crops: 'five', size: 4 });
    const at6 = A.multiCropPredict(model, batch, { crops: 'five', size: 4 });
    assertClose(scaled, at6.add(at8).div(2), { atol: 1e-12 });
    const sums = values(p.sum(1));
    assertClose(sums, [1, 1], { atol: 1e-12 });
  });
});

describe('bad input', () => {
  it('names the transform and the problem', () => {
    throwsMatching(() => new A.RandomAffine(10).call(nb.zeros([28, 28])), /RandomAffine/, /3-D image \[C, H, W\] or a 4-D batch/, /\[28, ?28\]/);
    throwsMatching(() => new A.RandomHorizontalFlip().call(nb.zeros([1, 2, 2], { dtype: 'int32' })), /RandomHorizontalFlip/, /floating-point/);
    throwsMatching(() => new A.ColorJitter({ saturation: 0.5 }).call(nb.zeros([1, 4, 4])), /ColorJitter/, /saturation needs 3 channels, got an image with 1 channel$/);
    throwsMatching(() => new A.ColorJitter({ hue: 0.1 }).call(nb.zeros([4, 4, 4])), /ColorJitter/, /hue needs 3 channels/);
    throwsMatching(() => new A.ColorJitter({ hue: 0.7 }), /ColorJitter/, /hue/, /\[-0.5, 0.5\]/);
    throwsMatching(() => new A.RandomCrop(32).call(nb.zeros([1, 28, 28])), /RandomCrop/, /larger than the image 28x28/, /padIfNeeded/);
    throwsMatching(() => new A.FiveCrop(30).call(nb.zeros([1, 28, 28])), /FiveCrop/, /larger than the image/);
    throwsMatching(() => new A.RandomHorizontalFlip({ p: 1.5 }), /RandomHorizontalFlip/, /p must be a probability in \[0, 1\], got 1.5/);
    throwsMatching(() => new A.RandomErasing({ p: -0.1 }), /RandomErasing/, /probability/);
    throwsMatching(() => new A.RandomApply([], { p: 2 }), /RandomApply/, /probability/);
    throwsMatching(() => new A.GaussianBlur(3, { sigma: -1 }), /GaussianBlur/, /sigma must be positive/);
    throwsMatching(() => new A.GaussianBlur(3, { sigma: [-1, 2] }), /GaussianBlur/, /sigma must be positive/);
    throwsMatching(() => new A.GaussianBlur(4), /GaussianBlur/, /odd/);
    throwsMatching(() => new A.ElasticTransform({ sigma: -2 }), /ElasticTransform/, /sigma must be a non-negative/);
    throwsMatching(() => new A.GaussianNoise({ std: -1 }), /GaussianNoise/, /std/);
    throwsMatching(() => new A.Normalize({ mean: [0, 0], std: [1, 0] }), /Normalize/, /std must be positive/);
    throwsMatching(() => new A.Normalize({ mean: [0, 0], std: [1, 1] }).call(nb.zeros([3, 2, 2])), /Normalize/, /2 values but the image has 3 channels/);
    throwsMatching(() => new A.RandomCrop(4, { pading: 2 } as never), /RandomCrop/, /unknown option 'pading'/);
    throwsMatching(() => new A.RandomCrop(4, { paddingMode: 'wrap' as never }), /RandomCrop/, /paddingMode must be one of/);
    throwsMatching(() => new A.RandomRotation(10, { interpolation: 'bicubic' as never }), /RandomRotation/, /interpolation/);
    throwsMatching(() => new A.RandomAffine(10, { translate: [2, 0] }), /RandomAffine/, /translate/);
    throwsMatching(() => new A.RandomApply([new A.RandomCrop(2)], { p: 0.5 }).call(nb.zeros([8, 1, 4, 4]), { generator: gen(0) }), /RandomApply/, /keep the image shape/);
    throwsMatching(() => A.fromSpec({ type: 'RandomSpin' }), /fromSpec/, /unknown transform type 'RandomSpin'/);
    throwsMatching(() => A.fromSpec({ type: 'Compose', transforms: [{ type: 'RandomCrop' }] }), /fromSpec: spec.transforms\[0\]: RandomCrop: size/);
    throwsMatching(() => A.multiCropPredict((b) => b, nb.zeros([1, 8, 8]), { size: 4, crops: 'six' as never }), /multiCropPredict/, /crops/);
  });
});
