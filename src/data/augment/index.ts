/**
 * Image augmentation (deck 000/001 augmentation and noise, deck 004 flips, crops, scales,
 * multi-crop testing, colour jitter, cutout, rotation, noise, blur, Sobel): transforms on CHW
 * images and NCHW batches, seeded and composable. One transform per file; see transform.ts for
 * the contract and sampling.ts for the shared geometric sampling.
 */
export { Transform, RandomTransform, type CallOptions, type TransformSpec, type TransformFn, type TransformLike } from './transform.js';
export { fromSpec, transformTypes } from './spec.js';
// containers
export { Compose, type ComposeConfig } from './compose.js';
export { RandomApply, type RandomApplyOptions, type RandomApplyConfig } from './random-apply.js';
export { RandomChoice, type RandomChoiceOptions, type RandomChoiceConfig } from './random-choice.js';
// geometry
export { RandomHorizontalFlip, type RandomFlipOptions, type RandomFlipConfig } from './random-horizontal-flip.js';
export { RandomVerticalFlip } from './random-vertical-flip.js';
export { RandomCrop, type RandomCropOptions, type RandomCropConfig } from './random-crop.js';
export { CenterCrop, type CenterCropConfig } from './center-crop.js';
export { Resize, resizedSize, type ResizeOptions, type ResizeConfig } from './resize.js';
export { RandomResize, type RandomResizeOptions, type RandomResizeConfig } from './random-resize.js';
export { RandomResizedCrop, type RandomResizedCropOptions, type RandomResizedCropConfig } from './random-resized-crop.js';
export { RandomRotation, rotate, type RandomRotationOptions, type RandomRotationConfig } from './random-rotation.js';
export { RandomAffine, affine, type AffineOptions, type RandomAffineOptions, type RandomAffineConfig } from './random-affine.js';
export { ElasticTransform, type ElasticTransformOptions, type ElasticTransformConfig } from './elastic-transform.js';
export { inverseAffine, type Affine, type Interpolation, type PaddingMode } from './sampling.js';
// colour, noise, filters
export { ColorJitter, type ColorJitterOptions, type ColorJitterConfig } from './color-jitter.js';
export { RandomGrayscale, type RandomGrayscaleOptions, type RandomGrayscaleConfig } from './random-grayscale.js';
export { rgbToHsv, hsvToRgb, rgbToGrayscale, adjustBrightness, adjustContrast, adjustSaturation, adjustHue } from './color.js';
export { GaussianNoise, type GaussianNoiseOptions, type GaussianNoiseConfig } from './gaussian-noise.js';
export { GaussianBlur, gaussianBlur, gaussianKernel1d, type GaussianBlurOptions, type GaussianBlurConfig } from './gaussian-blur.js';
export { RandomErasing, type RandomErasingOptions, type RandomErasingConfig, type EraseValue } from './random-erasing.js';
export { Cutout, type CutoutOptions, type CutoutConfig } from './cutout.js';
export { SobelEdges, type SobelEdgesOptions, type SobelEdgesConfig } from './sobel-edges.js';
export { Normalize, type NormalizeOptions, type NormalizeConfig } from './normalize.js';
// test-time augmentation
export { FiveCrop, fiveCropPositions, type FiveCropConfig } from './five-crop.js';
export { TenCrop, type TenCropOptions, type TenCropConfig } from './ten-crop.js';
export { multiCropPredict, type MultiCropOptions, type Model } from './multi-crop-predict.js';
