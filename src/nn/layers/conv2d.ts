/**
 * 2-D convolution (cross-correlation), torch.nn.Conv2d.
 *   input [N, Cin, H, W] (or unbatched [Cin, H, W]) → output [N, Cout, Ho, Wo],
 *   Ho = floor((H + 2·padding − dilation·(kh − 1) − 1) / stride) + 1   (deck 003), likewise Wo;
 *   weight [Cout, Cin/groups, kh, kw], bias [Cout].
 * padding: an amount per side (number or [ph, pw]), 'valid' (= 0) or 'same' (output size = input
 * size, stride 1 only; an odd total padding puts the extra row/column at the bottom/right).
 * Default init as PyTorch: kaimingUniform_(a = √5) on the weight, bias ~ U(±1/√fanIn) with
 * fanIn = Cin/groups · kh · kw.
 */
import { conv2d } from '../../ops/window.js';
import type { Generator } from '../../random/generator.js';
import { zeros } from '../../tensor/creation.js';
import { shapeStr } from '../../tensor/shape.js';
import type { Tensor } from '../../tensor/tensor.js';
import { Module } from '../module.js';
import { resetLinearLike } from './default-init.js';
import { bool, checkOptions, floatDType, floatInput, generatorOption, inputRank, intPair, positiveInt } from './validate.js';

type Pair = number | readonly [number, number];

export interface Conv2dOptions {
  stride?: Pair;
  padding?: Pair | 'same' | 'valid';
  dilation?: Pair;
  groups?: number;
  bias?: boolean;
  generator?: Generator;
  dtype?: 'float32' | 'float64';
}

export interface Conv2dConfig {
  inChannels: number;
  outChannels: number;
  kernelSize: [number, number];
  stride: [number, number];
  padding: [number, number] | 'same' | 'valid';
  dilation: [number, number];
  groups: number;
  bias: boolean;
  dtype: 'float32' | 'float64';
}

export class Conv2d extends Module {
  readonly config: Conv2dConfig;
  declare weight: Tensor;
  declare bias: Tensor | null;

  constructor(inChannels: number, outChannels: number, kernelSize: Pair, options: Conv2dOptions = {}) {
    super();
    const who = 'Conv2d';
    checkOptions(who, options, ['stride', 'padding', 'dilation', 'groups', 'bias', 'generator', 'dtype']);
    const groups = positiveInt(who, 'groups', options.groups ?? 1);
    positiveInt(who, 'inChannels', inChannels);
    positiveInt(who, 'outChannels', outChannels);
    if (inChannels % groups !== 0) throw new Error(`${who}: inChannels (${inChannels}) must be divisible by groups (${groups})`);
    if (outChannels % groups !== 0) throw new Error(`${who}: outChannels (${outChannels}) must be divisible by groups (${groups})`);
    const stride = intPair(who, 'stride', options.stride ?? 1, 1);
    const p = options.padding ?? 0;
    if (typeof p === 'string' && p !== 'same' && p !== 'valid') {
      throw new Error(`${who}: padding must be an integer >= 0, a pair of them, 'same' or 'valid', got ${JSON.stringify(p)}`);
    }
    const padding = p === 'same' || p === 'valid' ? p : intPair(who, 'padding', p, 0);
    if (padding === 'same' && (stride[0] !== 1 || stride[1] !== 1)) {
      throw new Error(`${who}: padding='same' is not supported for strided convolutions (stride ${JSON.stringify(stride)})`);
    }
    this.config = {
      inChannels,
      outChannels,
      kernelSize: intPair(who, 'kernelSize', kernelSize, 1),
      stride,
      padding,
      dilation: intPair(who, 'dilation', options.dilation ?? 1, 1),
      groups,
      bias: bool(who, 'bias', options.bias ?? true),
      dtype: floatDType(who, options.dtype ?? 'float32'),
    };
    const [kh, kw] = this.config.kernelSize;
    const { dtype } = this.config;
    this.registerParameter('weight', zeros([outChannels, inChannels / groups, kh, kw], { dtype }));
    this.registerParameter('bias', this.config.bias ? zeros([outChannels], { dtype }) : null);
    this.resetParameters(generatorOption(who, options.generator));
  }

  static fromConfig(config: Conv2dConfig, options: { generator?: Generator } = {}): Conv2d {
    const { inChannels, outChannels, kernelSize, ...rest } = config;
    return new Conv2d(inChannels, outChannels, kernelSize, { ...rest, ...options });
  }

  /** Re-draws the weights with PyTorch's default init. */
  resetParameters(generator?: Generator): void {
    resetLinearLike(this.weight, this.bias, generator);
  }

  forward(x: Tensor): Tensor {
    floatInput('Conv2d', x);
    inputRank('Conv2d', x, [3, 4], '[N, C, H, W] (or unbatched [C, H, W])');
    const c = x.shape[x.ndim - 3]!;
    if (c !== this.config.inChannels) {
      throw new Error(`Conv2d: expected ${this.config.inChannels} input channels, got input ${shapeStr(x.shape)}`);
    }
    const { stride, padding, dilation, groups } = this.config;
    return conv2d(x, this.weight, this.bias, { stride, padding, dilation, groups });
  }

  override extraRepr(): string {
    const c = this.config;
    const parts = [`${c.inChannels}, ${c.outChannels}, kernelSize=${JSON.stringify(c.kernelSize)}, stride=${JSON.stringify(c.stride)}`];
    if (c.padding !== 'valid' && (typeof c.padding === 'string' || c.padding[0] || c.padding[1])) parts.push(`padding=${JSON.stringify(c.padding)}`);
    if (c.dilation[0] !== 1 || c.dilation[1] !== 1) parts.push(`dilation=${JSON.stringify(c.dilation)}`);
    if (c.groups !== 1) parts.push(`groups=${c.groups}`);
    if (!c.bias) parts.push('bias=false');
    return parts.join(', ');
  }
}
