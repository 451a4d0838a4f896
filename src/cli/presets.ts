/**
 * Named models for the run config (`"model": {"preset": "lenet"}`), as layer-spec lists whose
 * input sizes are filled in from the data (src/cli/model.ts) and whose last layer has
 * "outFeatures": "outputs" (the number of classes or targets).
 *
 *   mlp           Flatten → [Linear(h) → (BatchNorm1d) → activation → (Dropout)] per hidden size → Linear
 *                 options: hidden [128], activation 'ReLU', dropout 0, batchNorm false
 *   lenet         LeNet-5 (LeCun et al. 1998) with 'same' convolutions, so any image size ≥ 4 works:
 *                 [Conv5×5(c) → activation → MaxPool2] per channel count → Flatten → [Linear(h) → activation]… → Linear
 *                 options: channels [6, 16], hidden [120, 84], activation 'ReLU', dropout 0, batchNorm false
 *   small-resnet  He et al. 2016: Conv3×3(width) → BN → ReLU, then per stage c (stride 2 from the second
 *                 stage) `blocks` residual blocks [Conv3×3 → BN → ReLU → Conv3×3 → BN] + shortcut
 *                 (1×1 conv + BN when the shape changes), ReLU after each; global average pool → Linear
 *                 options: channels [16, 32, 64], blocks 1
 */
import type { RunConfig } from './config.js';
import { ConfigError } from './schema.js';

type Spec = Record<string, unknown>;

const KNOWN: Record<string, string[]> = {
  mlp: ['hidden', 'activation', 'dropout', 'batchNorm'],
  lenet: ['channels', 'hidden', 'activation', 'dropout', 'batchNorm'],
  'small-resnet': ['channels', 'blocks'],
};

export function presetSpecs(model: Extract<RunConfig['model'], { preset: string }>, inputShape: readonly number[]): Spec[] {
  const { preset, ...o } = model;
  for (const k of Object.keys(o)) {
    if (!KNOWN[preset]!.includes(k)) throw new ConfigError(`model.${k}`, `not an option of preset '${preset}' (options: ${KNOWN[preset]!.join(', ')})`);
  }
  const act = { type: (o['activation'] as string | undefined) ?? 'ReLU' };
  const dropout = (o['dropout'] as number | undefined) ?? 0;
  const bn = (o['batchNorm'] as boolean | undefined) ?? false;
  const dense = (sizes: number[]): Spec[] =>
    sizes.flatMap((h) => [
      { type: 'Linear', outFeatures: h },
      ...(bn ? [{ type: 'BatchNorm1d' }] : []),
      act,
      ...(dropout > 0 ? [{ type: 'Dropout', p: dropout }] : []),
    ]);
  const head: Spec = { type: 'Linear', outFeatures: 'outputs' };
  const image = (): void => {
    if (inputShape.length !== 3) throw new ConfigError('model.preset', `'${preset}' needs images [C, H, W], but the data's examples have shape [${inputShape.join(', ')}]`);
  };
  switch (preset) {
    case 'mlp':
      return [{ type: 'Flatten' }, ...dense((o['hidden'] as number[] | undefined) ?? [128]), head];
    case 'lenet': {
      image();
      const convs = ((o['channels'] as number[] | undefined) ?? [6, 16]).flatMap((c) => [
        { type: 'Conv2d', outChannels: c, kernelSize: 5, padding: 'same' },
        ...(bn ? [{ type: 'BatchNorm2d' }] : []),
        act,
        { type: 'MaxPool2d', kernelSize: 2 },
      ]);
      return [...convs, { type: 'Flatten' }, ...dense((o['hidden'] as number[] | undefined) ?? [120, 84]), head];
    }
    case 'small-resnet': {
      image();
      const channels = (o['channels'] as number[] | undefined) ?? [16, 32, 64];
      const blocks = (o['blocks'] as number | undefined) ?? 1;
      const conv = (c: number, stride: number): Spec => ({ type: 'Conv2d', outChannels: c, kernelSize: 3, stride, padding: 1, bias: false });
      const layers: Spec[] = [conv(channels[0]!, 1), { type: 'BatchNorm2d' }, { type: 'ReLU' }];
      let prev = channels[0]!;
      channels.forEach((c, stage) => {
        for (let b = 0; b < blocks; b++) {
          const stride = stage > 0 && b === 0 ? 2 : 1;
          const change = stride !== 1 || c !== prev;
          layers.push({
            type: 'Residual',
            block: [conv(c, stride), { type: 'BatchNorm2d' }, { type: 'ReLU' }, conv(c, 1), { type: 'BatchNorm2d' }],
            shortcut: change ? [{ type: 'Conv2d', outChannels: c, kernelSize: 1, stride, bias: false }, { type: 'BatchNorm2d' }] : null,
          }, { type: 'ReLU' });
          prev = c;
        }
      });
      return [...layers, { type: 'AdaptiveAvgPool2d', outputSize: 1 }, { type: 'Flatten' }, head];
    }
    default:
      throw new ConfigError('model.preset', `unknown preset ${JSON.stringify(preset)}`);
  }
}
