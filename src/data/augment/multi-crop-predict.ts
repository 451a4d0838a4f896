/**
 * multiCropPredict — test-time augmentation (deck 004 "testing: average a fixed set of crops";
 * ResNet: resize to several scales, 10 crops each). For each scale L in `scales` (default: the
 * image as it is) the images are resized so their shorter edge is L, cut into the five or ten
 * crops of FiveCrop / TenCrop, and fed to the model as one batch; the model's softmax (or, with
 * `softmax: false`, its raw output) is averaged over all crops of all scales:
 *   p(y | x) = 1/(S·K) Σ_s Σ_k softmax(model(crop_k(resize_s(x))))
 * Runs under noGrad. Put the model in eval mode first (dropout, batch norm), as for any evaluation.
 * x: [C, H, W] → [classes]; [N, C, H, W] → [N, classes].
 */
import { noGrad } from '../../autograd/grad-mode.js';
import type { Tensor } from '../../tensor/tensor.js';
import { multiCrop } from './five-crop.js';
import { resizedSize, resizeImages } from './resize.js';
import { bool, checkOptions, imageInput, oneOf, positiveInt, show, sizePair } from './validate.js';

/** A function, or anything with `call(x)` (an nn.Module) or `forward(x)`. */
export type Model = ((x: Tensor) => Tensor) | { call(x: Tensor): Tensor } | { forward(x: Tensor): Tensor };

export interface MultiCropOptions {
  /** 'five' (corners + centre) or 'ten' (the same plus their mirror images); default 'ten'. */
  crops?: 'five' | 'ten';
  /** Crop size: an integer or [height, width] (required). */
  size: number | readonly [number, number];
  /** With 'ten', mirror vertically instead of horizontally (default false). */
  vertical?: boolean;
  /** Shorter-edge sizes to resize to before cropping, e.g. [224, 256, 384]; default none. */
  scales?: readonly number[] | null;
  /** Average softmax probabilities over the last dim (default true); false averages the raw outputs. */
  softmax?: boolean;
}

function runModel(model: Model, x: Tensor): Tensor {
  if (typeof model === 'function') return model(x);
  if ('call' in model && typeof model.call === 'function') return model.call(x);
  if ('forward' in model && typeof model.forward === 'function') return model.forward(x);
  throw new Error(`multiCropPredict: model must be a function or have call(x) / forward(x), got ${show(model)}`);
}

export function multiCropPredict(model: Model, x: Tensor, options: MultiCropOptions): Tensor {
  const who = 'multiCropPredict';
  checkOptions(who, options, ['crops', 'size', 'vertical', 'scales', 'softmax']);
  if (options === undefined || options.size === undefined) throw new Error(`${who}: options.size (the crop size) is required`);
  const s = imageInput(who, x);
  const size = sizePair(who, 'size', options.size);
  const crops = oneOf(who, 'crops', options.crops ?? 'ten', ['five', 'ten'] as const);
  const flip = crops === 'five' ? null : bool(who, 'vertical', options.vertical ?? false) ? 'vertical' : 'horizontal';
  const useSoftmax = bool(who, 'softmax', options.softmax ?? true);
  const scales = options.scales ?? null;
  if (scales !== null && (!Array.isArray(scales) || scales.length === 0)) throw new Error(`${who}: scales must be a non-empty array of sizes, got ${show(scales)}`);
  (scales ?? []).forEach((l, i) => positiveInt(who, `scales[${i}]`, l));
  const k = crops === 'five' ? 5 : 10;
  const x4 = s.batched ? x : x.unsqueeze(0);
  return noGrad(() => {
    let total: Tensor | null = null;
    for (const scale of scales ?? [null]) {
      let img = x4;
      if (scale !== null) {
        const [oh, ow] = resizedSize(s.h, s.w, scale, null);
        img = resizeImages(who, x4, oh, ow, 'bilinear', true);
      }
      const batch = multiCrop(who, img, size, flip).reshape([s.n * k, s.c, size[0], size[1]]);
      const out = runModel(model, batch);
      if (out.ndim < 1 || out.shape[0] !== s.n * k) {
        throw new Error(`${who}: the model returned shape [${out.shape.join(', ')}] for ${s.n * k} crops; expected [${s.n * k}, ...]`);
      }
      const probs = useSoftmax ? out.softmax(-1) : out;
      const summed = probs.reshape([s.n, k, ...out.shape.slice(1)]).sum(1);
      total = total === null ? summed : total.add(summed);
    }
    const mean = total!.div(k * (scales?.length ?? 1));
    return s.batched ? mean : mean.squeeze(0);
  });
}
