/**
 * Rebuilding transforms from JSON: `fromSpec({type: 'RandomCrop', size: 28, padding: 2})`. A spec
 * is `{type, ...config}` as `toSpec()` writes it (containers nest their children's specs under
 * `transforms`), so `fromSpec(t.toSpec())` is a transform equal to t. Run configs use the same form.
 */
import { CenterCrop } from './center-crop.js';
import { ColorJitter } from './color-jitter.js';
import { Compose } from './compose.js';
import { Cutout } from './cutout.js';
import { ElasticTransform } from './elastic-transform.js';
import { FiveCrop } from './five-crop.js';
import { GaussianBlur } from './gaussian-blur.js';
import { GaussianNoise } from './gaussian-noise.js';
import { Normalize } from './normalize.js';
import { RandomAffine } from './random-affine.js';
import { RandomApply } from './random-apply.js';
import { RandomChoice } from './random-choice.js';
import { RandomCrop } from './random-crop.js';
import { RandomErasing } from './random-erasing.js';
import { RandomGrayscale } from './random-grayscale.js';
import { RandomHorizontalFlip } from './random-horizontal-flip.js';
import { RandomResize } from './random-resize.js';
import { RandomResizedCrop } from './random-resized-crop.js';
import { RandomRotation } from './random-rotation.js';
import { RandomVerticalFlip } from './random-vertical-flip.js';
import { Resize } from './resize.js';
import { SobelEdges } from './sobel-edges.js';
import { TenCrop } from './ten-crop.js';
import type { Transform, TransformSpec } from './transform.js';
import { show } from './validate.js';

type Builder = (config: never) => Transform;

const LEAVES: Record<string, Builder> = {
  CenterCrop: CenterCrop.fromConfig,
  ColorJitter: ColorJitter.fromConfig,
  Cutout: Cutout.fromConfig,
  ElasticTransform: ElasticTransform.fromConfig,
  FiveCrop: FiveCrop.fromConfig,
  GaussianBlur: GaussianBlur.fromConfig,
  GaussianNoise: GaussianNoise.fromConfig,
  Normalize: Normalize.fromConfig,
  RandomAffine: RandomAffine.fromConfig,
  RandomCrop: RandomCrop.fromConfig,
  RandomErasing: RandomErasing.fromConfig,
  RandomGrayscale: RandomGrayscale.fromConfig,
  RandomHorizontalFlip: RandomHorizontalFlip.fromConfig,
  RandomResize: RandomResize.fromConfig,
  RandomResizedCrop: RandomResizedCrop.fromConfig,
  RandomRotation: RandomRotation.fromConfig,
  RandomVerticalFlip: RandomVerticalFlip.fromConfig,
  Resize: Resize.fromConfig,
  SobelEdges: SobelEdges.fromConfig,
  TenCrop: TenCrop.fromConfig,
};

const CONTAINERS = ['Compose', 'RandomApply', 'RandomChoice'];

/** The transform types `fromSpec` knows. */
export const transformTypes: readonly string[] = [...Object.keys(LEAVES), ...CONTAINERS].sort();

/** Builds a transform from `{type, ...config}`; an array of specs becomes a Compose. */
export function fromSpec(spec: TransformSpec | readonly TransformSpec[], path = 'spec'): Transform {
  if (Array.isArray(spec)) return new Compose(spec.map((s, i) => fromSpec(s, `${path}[${i}]`)));
  if (typeof spec !== 'object' || spec === null || typeof (spec as TransformSpec).type !== 'string') {
    throw new Error(`fromSpec: ${path} must be an object with a string 'type', got ${show(spec)}`);
  }
  const { type, ...config } = spec as TransformSpec;
  try {
    if (CONTAINERS.includes(type)) {
      const { transforms, ...rest } = config as { transforms?: unknown };
      if (!Array.isArray(transforms)) throw new Error(`${type}: 'transforms' must be an array of specs, got ${show(transforms)}`);
      const children = transforms.map((s: TransformSpec, i) => fromSpec(s, `${path}.transforms[${i}]`));
      if (type === 'Compose') {
        if (Object.keys(rest).length) throw new Error(`Compose: unknown option '${Object.keys(rest)[0]}' (known: transforms)`);
        return new Compose(children);
      }
      return type === 'RandomApply' ? new RandomApply(children, rest) : new RandomChoice(children, rest);
    }
    const build = LEAVES[type];
    if (!build) {
      const why = type === 'Lambda' ? 'a plain function cannot be rebuilt from JSON' : `known types: ${transformTypes.join(', ')}`;
      throw new Error(`unknown transform type '${type}' (${why})`);
    }
    return build(config as never);
  } catch (e) {
    if (e instanceof Error && !e.message.startsWith('fromSpec:')) e.message = `fromSpec: ${path}: ${e.message}`;
    throw e;
  }
}
