/** The Optimizer shell: PyTorch's contract (groups, zeroGrad, step, closures, skipping) and bad input. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as nb from '../../src/index.js';
import { OPTIMIZERS, initialParams, lossAndGrad, mse, trainStep } from './problem.js';

const ALL = Object.entries(OPTIMIZERS);

test('defaults are PyTorch\'s', () => {
  const p = initialParams();
  const d = (o: nb.optim.Optimizer): Record<string, unknown> => ({ ...o.defaults });
  assert.deepEqual(d(new nb.optim.SGD(p, { lr: 0.1 })), { lr: 0.1, momentum: 0, dampening: 0, nesterov: false, weightDecay: 0, maximize: false });
  assert.deepEqual(d(new nb.optim.Adagrad(p)), { lr: 0.01, lrDecay: 0, weightDecay: 0, initialAccumulatorValue: 0, eps: 1e-10, maximize: false });
  assert.deepEqual(d(new nb.optim.Adadelta(p)), { lr: 1, rho: 0.9, eps: 1e-6, weightDecay: 0, maximize: false });
  assert.deepEqual(d(new nb.optim.RMSprop(p)), { lr: 0.01, alpha: 0.99, eps: 1e-8, weightDecay: 0, momentum: 0, centered: false, maximize: false });
  assert.deepEqual(d(new nb.optim.Adam(p)), { lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0, amsgrad: false, maximize: false });
  assert.deepEqual(d(new nb.optim.AdamW(p)), { lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 1e-2, amsgrad: false, maximize: false });
  assert.deepEqual(d(new nb.optim.Adamax(p)), { lr: 2e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0, maximize: false });
  assert.deepEqual(d(new nb.optim.NAdam(p)), { lr: 2e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0, momentumDecay: 4e-3, maximize: false });
});

test('parameter groups take per-group options over the defaults; addParamGroup adds one later', () => {
  const [w1, b1, w2, b2] = initialParams() as [nb.Tensor, nb.Tensor, nb.Tensor, nb.Tensor];
  const opt = new nb.optim.Adam([{ params: [w1, b1] }, { params: w2, lr: 0.1, betas: [0.5, 0.9] }], { lr: 0.01 });
  assert.equal(opt.paramGroups.length, 2);
  assert.equal(opt.paramGroups[0]!.lr, 0.01);
  assert.equal(opt.paramGroups[1]!.lr, 0.1);
  assert.deepEqual(opt.paramGroups[1]!.betas, [0.5, 0.9]);
  assert.notEqual(opt.paramGroups[0]!.betas, opt.defaults['betas'], 'groups get their own copy of array options');
  opt.addParamGroup({ params: [b2], amsgrad: true });
  assert.equal(opt.paramGroups[2]!.amsgrad, true);
  assert.equal(opt.paramGroups[2]!.lr, 0.01);
  assert.throws(() => opt.addParamGroup({ params: [w1] }), /Adam: some parameters appear in more than one parameter group/);
});

test('writing paramGroups[i].lr (as a schedule does) changes the next step', () => {
  const p = nb.tensor([1], { dtype: 'float64', requiresGrad: true });
  const opt = new nb.optim.SGD([p], { lr: 0.1 });
  p.grad = nb.tensor([1], { dtype: 'float64' });
  opt.step();
  opt.paramGroups[0]!.lr = 0.5;
  opt.step();
  assert.equal(p.item(), 1 - 0.1 - 0.5);
});

test('zeroGrad sets grads to null, or to zeros with {setToNone: false}', () => {
  const params = initialParams();
  const opt = new nb.optim.SGD(params, { lr: 0.1 });
  lossAndGrad(params);
  const g = params[0]!.grad!;
  opt.zeroGrad({ setToNone: false });
  assert.equal(params[0]!.grad, g);
  assert.ok(Array.from(g.data()).every((v) => v === 0));
  opt.zeroGrad();
  assert.ok(params.every((p) => p.grad === null));
});

test('step(closure) evaluates the closure with grad mode on and returns its value', () => {
  const params = initialParams();
  const opt = new nb.optim.SGD(params, { lr: 0.1 });
  const loss = nb.noGrad(() =>
    opt.step(() => {
      opt.zeroGrad();
      const l = mse(params);
      l.backward();
      return l;
    }),
  );
  assert.ok(loss instanceof nb.Tensor);
  assert.equal(opt.step(), undefined);
});

test('parameters without a gradient are skipped: unchanged and without state (also requiresGrad=false ones)', () => {
  for (const [name, Ctor] of ALL) {
    const params = initialParams();
    const frozen = nb.tensor([1, 2], { dtype: 'float64' });
    const opt = new Ctor([...params, frozen], { lr: 0.01 });
    params[1]!.requiresGrad_(false);
    const before = Array.from(params[1]!.data());
    const loss = mse(params);
    loss.backward();
    opt.step();
    assert.deepEqual(Array.from(params[1]!.data()), before, `${name}: frozen bias unchanged`);
    assert.deepEqual(Array.from(frozen.data()), [1, 2], name);
    assert.equal(opt.state.has(params[1]!), false, name);
    assert.equal(opt.state.has(params[0]!), true, name);
  }
});

test('the step is not recorded in the graph, and works while grad mode is on', () => {
  const params = initialParams();
  const opt = new nb.optim.Adam(params);
  trainStep(opt, params);
  assert.ok(params.every((p) => p.isLeaf && p.requiresGrad));
});

// ---- bad input ----------------------------------------------------------------------------------

test('every optimizer rejects a negative learning rate, naming itself and the option', () => {
  for (const [name, Ctor] of ALL) {
    assert.throws(() => new Ctor(initialParams(), { lr: -1 }), new RegExp(`^Error: ${name}: invalid learning rate lr=-1 \\(must be a number >= 0\\)`));
    assert.throws(() => new Ctor(initialParams(), { lr: null }), new RegExp(`${name}: invalid learning rate lr=null`));
    assert.throws(() => new Ctor(initialParams(), { lr: 'fast' }), new RegExp(`${name}: invalid learning rate lr="fast"`));
    assert.throws(() => new Ctor([{ params: initialParams(), lr: -2 }], { lr: 0.1 }), new RegExp(`${name}: invalid learning rate lr=-2`));
  }
});

test('every optimizer rejects unknown options (also inside a group), listing the known ones', () => {
  for (const [name, Ctor] of ALL) {
    assert.throws(() => new Ctor(initialParams(), { lr: 0.1, learningRate: 0.1 }), new RegExp(`${name}: unknown option 'learningRate' \\(known: lr, `));
    assert.throws(() => new Ctor([{ params: initialParams(), weight_decay: 0.1 }], { lr: 0.1 }), new RegExp(`${name}: parameter group 0: unknown option 'weight_decay' \\(known: params, lr, `));
  }
});

test('every optimizer rejects the same parameter twice, in one group or across groups', () => {
  for (const [name, Ctor] of ALL) {
    const [a, b] = initialParams() as [nb.Tensor, nb.Tensor];
    assert.throws(() => new Ctor([a, b, a], { lr: 0.1 }), new RegExp(`${name}: parameter group 0: the same parameter appears twice \\(positions 0 and 2\\)`));
    assert.throws(() => new Ctor([{ params: [a] }, { params: [b, a] }], { lr: 0.1 }), new RegExp(`${name}: some parameters appear in more than one parameter group`));
  }
});

test('every optimizer rejects non-float, non-leaf, non-Tensor and empty parameter lists', () => {
  for (const [name, Ctor] of ALL) {
    assert.throws(() => new Ctor([nb.tensor([1, 2], { dtype: 'int32' })], { lr: 0.1 }), new RegExp(`${name}: parameter group 0: can only optimize floating-point Tensors, but parameter 0 has dtype int32`));
    const leaf = nb.tensor([1], { requiresGrad: true });
    assert.throws(() => new Ctor([leaf, leaf.mul(2)], { lr: 0.1 }), new RegExp(`${name}: parameter group 0: can't optimize a non-leaf Tensor \\(parameter 1 was computed by 'mul'\\)`));
    assert.throws(() => new Ctor([leaf, 3 as unknown as nb.Tensor], { lr: 0.1 }), new RegExp(`${name}: parameter group 0: can only optimize Tensors, but parameter 1 is number`));
    assert.throws(() => new Ctor([], { lr: 0.1 }), new RegExp(`${name}: got an empty parameter list`));
    assert.throws(() => new Ctor(leaf as never, { lr: 0.1 }), new RegExp(`${name}: params must be an iterable of Tensors or of parameter groups, got a single Tensor`));
    assert.throws(() => new Ctor([leaf, { params: [] }] as never, { lr: 0.1 }), new RegExp(`${name}: params mixes Tensors and parameter groups`));
  }
});

test('option values are checked like PyTorch checks them', () => {
  const p = initialParams;
  assert.throws(() => new nb.optim.SGD(p()), /SGD: parameter group 0 didn't specify a value of required option 'lr'/);
  assert.throws(() => new nb.optim.SGD(p(), { lr: 0.1, momentum: -0.5 }), /SGD: invalid momentum value momentum=-0.5/);
  assert.throws(() => new nb.optim.SGD(p(), { lr: 0.1, nesterov: true }), /SGD: Nesterov momentum requires a momentum > 0 and zero dampening/);
  assert.throws(() => new nb.optim.SGD(p(), { lr: 0.1, momentum: 0.9, dampening: 0.1, nesterov: true }), /SGD: Nesterov/);
  assert.throws(() => new nb.optim.SGD(p(), { lr: 0.1, weightDecay: -1 }), /SGD: invalid weight_decay value weightDecay=-1/);
  assert.throws(() => new nb.optim.SGD(p(), { lr: 0.1, maximize: 1 } as object), /SGD: invalid option maximize=1 \(must be true or false\)/);
  assert.throws(() => new nb.optim.Adam(p(), { eps: -1e-8 }), /Adam: invalid epsilon value eps=-1e-8/);
  assert.throws(() => new nb.optim.Adam(p(), { betas: [1, 0.999] }), /Adam: invalid beta parameter at index 0: 1 \(must be in \[0, 1\)\)/);
  assert.throws(() => new nb.optim.AdamW(p(), { betas: [0.9, -0.1] }), /AdamW: invalid beta parameter at index 1: -0.1/);
  assert.throws(() => new nb.optim.NAdam(p(), { betas: [0.9] as unknown as [number, number] }), /NAdam: invalid betas \[0.9\] \(must be a pair/);
  assert.throws(() => new nb.optim.Adamax(p(), { betas: [0.9, 1] }), /Adamax: invalid beta parameter at index 1: 1/);
  assert.throws(() => new nb.optim.Adadelta(p(), { rho: 1.5 }), /Adadelta: invalid rho value rho=1.5 \(must be a number in \[0, 1\]\)/);
  assert.throws(() => new nb.optim.Adagrad(p(), { lrDecay: -1 }), /Adagrad: invalid lr_decay value lrDecay=-1/);
  assert.throws(() => new nb.optim.Adagrad(p(), { initialAccumulatorValue: -1 }), /Adagrad: invalid initial_accumulator_value initialAccumulatorValue=-1/);
  assert.throws(() => new nb.optim.RMSprop(p(), { alpha: -0.1 }), /RMSprop: invalid alpha value alpha=-0.1/);
  assert.throws(() => new nb.optim.RMSprop(p(), { centered: 'yes' } as object), /RMSprop: invalid option centered="yes"/);
  assert.throws(() => new nb.optim.NAdam(p(), { momentumDecay: -1 }), /NAdam: invalid momentum_decay value momentumDecay=-1/);
  assert.throws(() => new nb.optim.Adam(p(), { amsgrad: 'no' } as object), /Adam: invalid option amsgrad="no"/);
  assert.throws(() => new nb.optim.Adam(p(), 0.1 as unknown as object), /Adam: options must be an object, got number/);
  assert.throws(() => new nb.optim.Adam([{ lr: 0.1 } as never]), /Adam: params must be an iterable|Adam: parameter group 0: can only optimize Tensors/);
  const opt = new nb.optim.Adam(p());
  assert.throws(() => opt.step(5 as never), /Adam\.step: closure must be a function, got number/);
});
