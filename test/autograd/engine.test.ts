/** Reverse-mode autograd: PyTorch's semantics for backward(), .grad, hooks, grad mode and friends. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as nb from '../../src/index.js';
import { assertClose, throwsMatching, values } from '../helpers.js';

const f64 = (data: unknown, requiresGrad = false): nb.Tensor => nb.tensor(data, { dtype: 'float64', requiresGrad });

describe('backward()', () => {
  test('on a scalar output fills .grad of every leaf that requires grad', () => {
    const x = nb.tensor([1, 2, 3], { requiresGrad: true });
    const w = nb.tensor([4, 5, 6], { requiresGrad: true });
    const c = nb.tensor([7, 8, 9]); // does not require grad
    x.mul(w).add(c).sum().backward();
    assert.deepEqual(values(x.grad!), [4, 5, 6]);
    assert.deepEqual(values(w.grad!), [1, 2, 3]);
    assert.equal(c.grad, null);
    assert.deepEqual(x.grad!.shape, [3]);
    assert.equal(x.grad!.dtype, 'float32');
  });

  test('on a 0-d output of a chain of ops gives the analytic derivative', () => {
    const x = f64([0.3, -1.2, 2.0], true);
    // d/dx sum(exp(x) * sin(x)) = exp(x)(sin x + cos x)
    x.exp().mul(x.sin()).sum().backward();
    const expected = [0.3, -1.2, 2.0].map((v) => Math.exp(v) * (Math.sin(v) + Math.cos(v)));
    assertClose(x.grad!, expected, { atol: 1e-12, rtol: 1e-12 });
  });

  test('with an explicit gradient for a non-scalar output computes the vector-Jacobian product', () => {
    const x = nb.tensor([[1, 2, 3], [4, 5, 6]], { requiresGrad: true });
    const y = x.square(); // dy/dx = 2x
    y.backward(nb.tensor([[1, 0, 2], [0.5, 1, -1]]));
    assert.deepEqual(values(x.grad!), [2, 0, 12, 4, 10, -12]);
  });

  test('a gradient of another float dtype is cast to the output dtype', () => {
    const x = nb.tensor([1, 2], { requiresGrad: true });
    x.mul(3).backward(f64([1, 2]));
    assert.equal(x.grad!.dtype, 'float32');
    assert.deepEqual(values(x.grad!), [3, 6]);
  });

  test('on a non-scalar output without a gradient throws, naming the shape', () => {
    const x = nb.ones([2, 3], { requiresGrad: true });
    throwsMatching(() => x.mul(2).backward(), /backward/, /\[2,3\]/);
    assert.equal(x.grad, null);
  });

  test('with a gradient of the wrong shape throws, naming both shapes', () => {
    const x = nb.ones([2, 3], { requiresGrad: true });
    throwsMatching(() => x.mul(2).backward(nb.ones([3, 2])), /\[3,2\]/, /\[2,3\]/);
  });

  test('on a tensor that does not require grad throws', () => {
    throwsMatching(() => nb.ones([2]).sum().backward(), /backward/, /require/i);
    const x = nb.ones([2], { requiresGrad: true });
    const y = nb.noGrad(() => x.mul(2).sum());
    throwsMatching(() => y.backward(), /does not require grad/);
  });

  test('.grad accumulates across backward calls and restarts after grad = null', () => {
    const x = nb.tensor([1, 2], { requiresGrad: true });
    x.mul(3).sum().backward();
    assert.deepEqual(values(x.grad!), [3, 3]);
    x.square().sum().backward();
    assert.deepEqual(values(x.grad!), [3 + 2, 3 + 4]);
    x.grad = null;
    x.mul(5).sum().backward();
    assert.deepEqual(values(x.grad!), [5, 5]);
  });

  test('the implied gradient is exactly 1 even when the output is Inf or NaN (PyTorch seeds with ones_like)', () => {
    // d/dx (x + c) = 1 for any c; the seed must not be computed arithmetically from the output
    const x = nb.tensor([1, 2], { requiresGrad: true });
    x.add(Infinity).sum().backward();
    assert.deepEqual(values(x.grad!), [1, 1]);
    const y = nb.tensor([1, 2], { requiresGrad: true });
    y.add(NaN).sum().backward();
    assert.deepEqual(values(y.grad!), [1, 1]);
    const big = nb.tensor([100], { requiresGrad: true }); // exp(100) overflows float32
    big.exp().sum().backward();
    assert.deepEqual(values(big.grad!), [Infinity]);
    const g = nb.grad((t: nb.Tensor) => t.add(-Infinity).sum())(nb.tensor([3]));
    assert.deepEqual(values(g), [1]);
  });

  test('works inside noGrad (the backward pass itself records nothing) and keeps the mode', () => {
    const x = nb.tensor([1, 2], { requiresGrad: true });
    const y = x.mul(3).sum();
    nb.noGrad(() => {
      y.backward();
      assert.equal(nb.isGradEnabled(), false);
    });
    assert.deepEqual(values(x.grad!), [3, 3]);
    assert.equal(x.grad!.requiresGrad, false);
    assert.equal(nb.isGradEnabled(), true);
  });

  test('a hook that throws propagates and leaves grad mode as it was', () => {
    const x = nb.tensor([1, 2], { requiresGrad: true });
    x.registerHook(() => {
      throw new Error('hook failed');
    });
    assert.throws(() => x.mul(2).sum().backward(undefined, { createGraph: true }), /hook failed/);
    assert.equal(nb.isGradEnabled(), true);
    nb.noGrad(() => {
      assert.throws(() => nb.enableGrad(() => x.mul(2).sum()).backward(undefined, { createGraph: true }), /hook failed/);
      assert.equal(nb.isGradEnabled(), false);
    });
  });

  test('a leaf can be the root: backward(gradient) stores the gradient itself', () => {
    const x = nb.tensor([1, 2], { requiresGrad: true });
    x.backward(nb.tensor([5, 6]));
    assert.deepEqual(values(x.grad!), [5, 6]);
  });

  test('the stored .grad is a fresh tensor: mutating it does not corrupt other leaves', () => {
    // add's VJP passes the same gradient through to both inputs.
    const a = nb.tensor([1, 2], { requiresGrad: true });
    const b = nb.tensor([3, 4], { requiresGrad: true });
    a.add(b).sum().backward();
    nb.noGrad(() => a.grad!.mul_(10));
    assert.deepEqual(values(a.grad!), [10, 10]);
    assert.deepEqual(values(b.grad!), [1, 1]);
  });
});

describe('leaves and non-leaves', () => {
  test('isLeaf, gradFn and requiresGrad follow PyTorch', () => {
    const x = nb.ones([2], { requiresGrad: true });
    const c = nb.ones([2]);
    assert.equal(x.isLeaf, true);
    assert.equal(x.gradFn, null);
    assert.equal(c.isLeaf, true);
    const y = x.mul(2);
    assert.equal(y.isLeaf, false);
    assert.equal(y.requiresGrad, true);
    assert.equal(y.gradFn!.name, 'mul');
    assert.equal(x.add(1).gradFn!.name, 'add');
    assert.equal(x.exp().gradFn!.name, 'exp');
    // ops on tensors that do not require grad record nothing: the result is a leaf
    const z = c.mul(2);
    assert.equal(z.isLeaf, true);
    assert.equal(z.requiresGrad, false);
  });

  test('a non-leaf has .grad null after backward unless retainGrad() was called', () => {
    const x = nb.tensor([1, 2], { requiresGrad: true });
    const y = x.mul(3);
    const z = x.mul(4);
    assert.equal(y.retainGrad(), y);
    y.mul(z).sum().backward(); // d/dy = z = 4x, d/dz = y = 3x
    assert.deepEqual(values(y.grad!), [4, 8]);
    assert.equal(z.grad, null);
    assert.deepEqual(values(x.grad!), [24, 48]); // 3·4x + 4·3x
  });

  test('requiresGrad cannot be turned off on a non-leaf, and retainGrad needs requiresGrad', () => {
    const x = nb.ones([2], { requiresGrad: true });
    throwsMatching(() => (x.mul(2).requiresGrad = false), /non-leaf/, /detach/);
    throwsMatching(() => nb.ones([2]).retainGrad(), /retainGrad/);
  });

  test('integer and bool tensors cannot require grad', () => {
    throwsMatching(() => nb.tensor([1, 2], { dtype: 'int32', requiresGrad: true }), /floating/, /int32/);
    throwsMatching(() => nb.arange(3).requiresGrad_(), /int32/);
    const b = nb.tensor([true, false]);
    throwsMatching(() => (b.requiresGrad = true), /bool/);
    assert.equal(b.requiresGrad, false);
    throwsMatching(() => nb.zeros([2], { dtype: 'int32', requiresGrad: true }), /floating/);
  });

  test('casting to an integer dtype cuts the graph', () => {
    const x = nb.tensor([1.5, 2.5], { requiresGrad: true });
    const i = x.int();
    assert.equal(i.requiresGrad, false);
    assert.equal(i.gradFn, null);
    const d = x.double();
    assert.equal(d.requiresGrad, true);
    d.mul(2).sum().backward();
    assert.equal(x.grad!.dtype, 'float32');
    assert.deepEqual(values(x.grad!), [2, 2]);
  });
});

describe('detach()', () => {
  test('shares storage and is cut from the graph', () => {
    const x = nb.tensor([1, 2, 3], { requiresGrad: true });
    const y = x.mul(2);
    const d = y.detach();
    assert.equal(d.storage, y.storage);
    assert.equal(d.requiresGrad, false);
    assert.equal(d.isLeaf, true);
    assert.equal(d.gradFn, null);
    assert.deepEqual(values(d), [2, 4, 6]);
    // gradient flows through x only, not through the detached copy of y
    d.mul(x).sum().backward();
    assert.deepEqual(values(x.grad!), [2, 4, 6]);
  });

  test('writes through the detached tensor are visible in the original (shared memory)', () => {
    const x = nb.tensor([1, 2, 3], { requiresGrad: true });
    const d = x.detach();
    d.fill_(7); // allowed in grad mode: d does not require grad
    assert.deepEqual(values(x), [7, 7, 7]);
    assert.equal(x.requiresGrad, true);
  });
});

describe('grad mode', () => {
  test('noGrad records nothing and restores the mode', () => {
    const x = nb.ones([2], { requiresGrad: true });
    assert.equal(nb.isGradEnabled(), true);
    const y = nb.noGrad(() => {
      assert.equal(nb.isGradEnabled(), false);
      return x.mul(2).add(1);
    });
    assert.equal(y.requiresGrad, false);
    assert.equal(y.gradFn, null);
    assert.deepEqual(values(y), [3, 3]);
    assert.equal(nb.isGradEnabled(), true);
  });

  test('noGrad restores the mode when fn throws, and rethrows', () => {
    assert.throws(
      () =>
        nb.noGrad(() => {
          throw new Error('boom');
        }),
      /boom/,
    );
    assert.equal(nb.isGradEnabled(), true);
    // nested: the inner block restores the outer (disabled) mode, not "on"
    nb.noGrad(() => {
      assert.throws(() => nb.enableGrad(() => { throw new Error('inner'); }), /inner/);
      assert.equal(nb.isGradEnabled(), false);
      assert.throws(() => nb.noGrad(() => { throw new Error('inner2'); }), /inner2/);
      assert.equal(nb.isGradEnabled(), false);
    });
    assert.equal(nb.isGradEnabled(), true);
  });

  test('noGrad refuses an async fn and still restores the mode', async () => {
    throwsMatching(() => nb.noGrad(async () => 1), /synchronous/);
    assert.equal(nb.isGradEnabled(), true);
  });

  test('enableGrad inside noGrad records again', () => {
    const x = nb.ones([2], { requiresGrad: true });
    const [a, b] = nb.noGrad(() => {
      const a = x.mul(2);
      const b = nb.enableGrad(() => {
        assert.equal(nb.isGradEnabled(), true);
        return x.mul(3);
      });
      assert.equal(nb.isGradEnabled(), false);
      return [a, b] as const;
    });
    assert.equal(a.requiresGrad, false);
    assert.equal(b.requiresGrad, true);
    assert.equal(b.gradFn!.name, 'mul');
    b.sum().backward();
    assert.deepEqual(values(x.grad!), [3, 3]);
  });
});

describe('backward through the graph twice', () => {
  test('throws an error mentioning retainGraph', () => {
    const x = nb.tensor([1, 2], { requiresGrad: true });
    const y = x.exp().sum();
    y.backward();
    throwsMatching(() => y.backward(), /retainGraph/, /second time/);
  });

  test('a graph shared below the root is also freed', () => {
    const x = nb.tensor([1, 2], { requiresGrad: true });
    const h = x.exp();
    h.sum().backward();
    throwsMatching(() => h.mul(2).sum().backward(), /retainGraph/);
  });

  test('works with {retainGraph: true}, and the gradients then double', () => {
    const x = f64([0.5, 1.5], true);
    const y = x.sin().mul(x).sum();
    y.backward(undefined, { retainGraph: true });
    const once = values(x.grad!);
    y.backward(undefined, { retainGraph: true });
    assertClose(x.grad!, once.map((v) => 2 * v), { atol: 0, rtol: 1e-15 });
    y.backward(); // the last one may free
    assertClose(x.grad!, once.map((v) => 3 * v), { atol: 0, rtol: 1e-15 });
    throwsMatching(() => y.backward(), /retainGraph/);
  });
});

describe('hooks', () => {
  test('a leaf hook sees the gradient, a returned tensor replaces it, remove() detaches it', () => {
    const x = nb.tensor([1, 2], { requiresGrad: true });
    const seen: number[][] = [];
    const handle = x.registerHook((g) => {
      seen.push(values(g));
      return g.mul(10);
    });
    x.mul(3).sum().backward();
    assert.deepEqual(seen, [[3, 3]]);
    assert.deepEqual(values(x.grad!), [30, 30]);
    handle.remove();
    x.grad = null;
    x.mul(3).sum().backward();
    assert.equal(seen.length, 1);
    assert.deepEqual(values(x.grad!), [3, 3]);
    handle.remove(); // idempotent
  });

  test('a non-leaf hook sees the total gradient once and can rescale what flows further', () => {
    const x = nb.tensor([1, 2], { requiresGrad: true });
    const y = x.mul(2);
    const calls: number[][] = [];
    y.registerHook((g) => {
      calls.push(values(g));
      return g.mul(-1);
    });
    // y is used twice: its gradient is 1 + 3 = 4 per element, delivered in one call
    y.add(y.mul(3)).sum().backward();
    assert.deepEqual(calls, [[4, 4]]);
    assert.deepEqual(values(x.grad!), [-8, -8]);
  });

  test('a hook returning nothing leaves the gradient alone; hooks chain in registration order', () => {
    const x = nb.tensor([1], { requiresGrad: true });
    const order: string[] = [];
    x.registerHook(() => {
      order.push('observe');
    });
    x.registerHook((g) => {
      order.push('double');
      return g.mul(2);
    });
    x.registerHook((g) => {
      order.push(`third sees ${g.item()}`);
      return g.add(1);
    });
    x.mul(5).sum().backward();
    assert.deepEqual(order, ['observe', 'double', 'third sees 10']);
    assert.equal(x.grad!.item(), 11);
  });

  test('registerHook on a tensor that does not require grad throws', () => {
    throwsMatching(() => nb.ones([2]).registerHook(() => undefined), /registerHook/, /require grad/);
  });
});

describe('graph structure', () => {
  test('a tensor used twice (diamond) sums its gradients', () => {
    const x = f64([0.2, -0.7, 1.1], true);
    const a = x.mul(2);
    a.sin().add(a.cos()).sum().backward();
    const expected = [0.2, -0.7, 1.1].map((v) => 2 * (Math.cos(2 * v) - Math.sin(2 * v)));
    assertClose(x.grad!, expected, { atol: 1e-12 });

    const z = f64([0.5, 2], true);
    z.mul(z).add(z.exp()).add(z).sum().backward();
    assertClose(z.grad!, [0.5, 2].map((v) => 2 * v + Math.exp(v) + 1), { atol: 1e-12 });
  });

  test('a parameter reused in two layers accumulates both contributions', () => {
    const w = f64(1.5, true);
    const x = f64(2);
    w.mul(w.mul(x)).backward(); // d/dw w²x = 2wx
    assert.equal(w.grad!.item(), 2 * 1.5 * 2);

    const W = nb.randn([3, 3], { dtype: 'float64', generator: new nb.Generator(3), requiresGrad: true });
    const v = nb.randn([3, 1], { dtype: 'float64', generator: new nb.Generator(4) });
    // y = sum(W W v): dL/dW = 1 (W v)ᵀ + Wᵀ 1 vᵀ
    W.matmul(W.matmul(v)).sum().backward();
    const ones = nb.ones([3, 1], { dtype: 'float64' });
    const expected = nb.noGrad(() => ones.matmul(W.matmul(v).T).add(W.T.matmul(ones).matmul(v.T)));
    assertClose(W.grad!, expected, { atol: 1e-12 });
    assert.equal(nb.gradcheck((w) => w.matmul(w.matmul(v)).tanh(), [W]), true);
  });

  test('broadcast gradients are reduced to each input shape', () => {
    const a = nb.ones([3, 1], { requiresGrad: true });
    const b = nb.ones([1, 4], { requiresGrad: true });
    const weights = nb.arange(12).reshape(3, 4);
    a.add(b).mul(weights).sum().backward();
    assert.deepEqual(a.grad!.shape, [3, 1]);
    assert.deepEqual(b.grad!.shape, [1, 4]);
    assert.deepEqual(a.grad!.toArray(), [[6], [22], [38]]);
    assert.deepEqual(b.grad!.toArray(), [[12, 15, 18, 21]]);

    const bias = nb.tensor([1, 2, 3, 4], { requiresGrad: true }); // [4] against [2,3,4]
    const s = nb.tensor(2, { requiresGrad: true }); // 0-d
    nb.ones([2, 3, 4]).add(bias).mul(s).sum().backward();
    assert.deepEqual(bias.grad!.shape, [4]);
    assert.deepEqual(values(bias.grad!), [12, 12, 12, 12]);
    assert.deepEqual(s.grad!.shape, []);
    assert.equal(s.grad!.item(), 24 + 6 * 10);
  });

  test('a deep chain of 10,000 sequential ops backpropagates without overflowing the stack', () => {
    const x = f64([1], true);
    let y = x;
    const c = 1.00005;
    for (let i = 0; i < 5000; i++) y = y.mul(c).add(0.25);
    y.sum().backward();
    assertClose(x.grad!, Math.pow(c, 5000), { rtol: 1e-12 });

    const z = nb.tensor([0], { requiresGrad: true });
    let w = z;
    for (let i = 0; i < 100_000; i++) w = w.add(1);
    w.backward(nb.ones([1]));
    assert.equal(w.item(), 100_000);
    assert.equal(z.grad!.item(), 1);
  });
});

describe('higher-order gradients', () => {
  test('backward({createGraph: true}) gives a differentiable .grad: d²/dx² x³ = 6x', () => {
    const x = f64([2, -1], true);
    x.pow(3).sum().backward(undefined, { createGraph: true });
    const g = x.grad!;
    assert.equal(g.requiresGrad, true);
    assert.notEqual(g.gradFn, null);
    assertClose(g, [12, 3], { atol: 1e-12 });
    x.grad = null;
    g.sum().backward();
    assertClose(x.grad!, [12, -6], { atol: 1e-12 });
  });

  test('without resetting, the second derivative accumulates onto the first (as PyTorch)', () => {
    const x = f64([2], true);
    x.pow(3).sum().backward(undefined, { createGraph: true });
    x.grad!.sum().backward();
    assertClose(x.grad!, [12 + 12], { atol: 1e-12 });
  });

  test('plain backward stores a gradient with no graph', () => {
    const x = f64([2], true);
    x.pow(3).sum().backward();
    assert.equal(x.grad!.requiresGrad, false);
    assert.equal(x.grad!.gradFn, null);
  });
});

describe('grad() and valueAndGrad()', () => {
  const f = (x: nb.Tensor, y: nb.Tensor): nb.Tensor => x.mul(y).add(x.square()).sum();

  test('argnums as a number gives one gradient', () => {
    const x = f64([1, 2]);
    const y = f64([3, 4]);
    const gx = nb.grad(f)(x, y);
    assert.ok(gx instanceof nb.Tensor);
    assertClose(gx, [3 + 2, 4 + 4]);
    const gy = nb.grad(f, { argnums: 1 })(x, y);
    assertClose(gy, [1, 2]);
  });

  test('argnums as an array gives a list; valueAndGrad also returns the value', () => {
    const x = f64([1, 2]);
    const y = f64([3, 4]);
    const [value, grads] = nb.valueAndGrad(f, { argnums: [1, 0] })(x, y);
    assert.equal(value.item(), 1 * 3 + 2 * 4 + 1 + 4);
    assert.equal(value.requiresGrad, false);
    assert.ok(Array.isArray(grads));
    assert.equal(grads.length, 2);
    assertClose(grads[0]!, [1, 2]);
    assertClose(grads[1]!, [5, 8]);
    const gs = nb.grad(f, { argnums: [0] })(x, y);
    assert.ok(Array.isArray(gs));
    assertClose(gs[0]!, [5, 8]);
  });

  test('does not touch .grad of the inputs, even inputs that require grad', () => {
    const x = f64([1, 2], true);
    const y = f64([3, 4], true);
    const [gx, gy] = nb.grad(f, { argnums: [0, 1] })(x, y);
    assertClose(gx!, [5, 8]);
    assertClose(gy!, [1, 2]);
    assert.equal(x.grad, null);
    assert.equal(y.grad, null);
    const plain = f64([1, 2]);
    nb.grad(f)(plain, y);
    assert.equal(plain.grad, null);
    assert.equal(plain.requiresGrad, false);
    assert.equal(y.grad, null);
  });

  test('nests: grad(grad(f)) is the second derivative', () => {
    const cube = (x: nb.Tensor): nb.Tensor => x.pow(3).sum();
    assertClose(nb.grad(nb.grad(cube))(f64(2)), 12, { atol: 1e-12 });
    const sin = (x: nb.Tensor): nb.Tensor => x.sin().sum();
    const d2 = nb.grad(nb.grad(sin));
    const d3 = nb.grad(d2);
    assertClose(d2(f64(0.7)), -Math.sin(0.7), { atol: 1e-12 });
    assertClose(d3(f64(0.7)), -Math.cos(0.7), { atol: 1e-12 });
  });

  test('gradients are exact zeros/ones regardless of Inf or NaN in the values involved', () => {
    // f ignores x: the gradient is 0 even where x is Inf or NaN (0, not Inf·0)
    const ignore = nb.grad((_x: nb.Tensor, y: nb.Tensor) => y.sum());
    assert.deepEqual(values(ignore(f64([Infinity, NaN, 1]), f64([3]))), [0, 0, 0]);
    const [value, g] = nb.valueAndGrad((x: nb.Tensor) => x.add(Infinity).sum())(f64([1, 2]));
    assert.equal(value.item(), Infinity);
    assert.deepEqual(values(g), [1, 1]);
  });

  test('a function that ignores its argument has zero gradient; non-scalar f is an error', () => {
    const g = nb.grad((_x: nb.Tensor, y: nb.Tensor) => y.sum())(f64([1, 2]), f64([3]));
    assert.deepEqual(values(g), [0, 0]);
    throwsMatching(() => nb.grad((x: nb.Tensor) => x.mul(2))(f64([1, 2])), /grad/, /one-element/, /\[2\]/);
    throwsMatching(() => nb.grad((x: nb.Tensor) => x.sum())(nb.tensor([1], { dtype: 'int32' })), /floating/);
  });
});

describe('gradcheck', () => {
  test('returns true on correct functions', () => {
    const gen = new nb.Generator(11);
    const a = nb.randn([2, 3], { dtype: 'float64', generator: gen, requiresGrad: true });
    const b = nb.randn([3, 2], { dtype: 'float64', generator: gen, requiresGrad: true });
    assert.equal(nb.gradcheck((x, y) => x.matmul(y).tanh(), [a, b]), true);
    assert.equal(nb.gradcheck((x) => x.softmax(-1).log().mul(x), [a]), true);
    assert.equal(a.grad, null, 'gradcheck must not touch the caller\'s .grad');
  });

  test('throws (message naming gradcheck) on a function with a wrong gradient', () => {
    const x = nb.randn([4], { dtype: 'float64', generator: new nb.Generator(5), requiresGrad: true });
    const wrong = (t: nb.Tensor): nb.Tensor => {
      const y = t.mul(1);
      if (y.requiresGrad) y.registerHook((g) => g.mul(2)); // doubles the analytical gradient only
      return y.sin();
    };
    throwsMatching(() => nb.gradcheck(wrong, [x]), /gradcheck/, /mismatch/);
    assert.equal(nb.gradcheck(wrong, [x], { raiseException: false }), false);
  });

  test('rejects float32 inputs', () => {
    const x = nb.randn([3], { requiresGrad: true });
    throwsMatching(() => nb.gradcheck((t) => t.sin(), [x]), /gradcheck/, /float32/, /float64/);
  });
});

describe('in-place ops', () => {
  test('add_, mul_, copy_, zero_ throw on a tensor requiring grad while grad mode is on', () => {
    const p = nb.tensor([1, 2], { requiresGrad: true });
    throwsMatching(() => p.add_(1), /add_/, /noGrad/);
    throwsMatching(() => p.mul_(2), /mul_/);
    throwsMatching(() => p.copy_(nb.zeros([2])), /copy_/);
    throwsMatching(() => p.zero_(), /zero_/);
    throwsMatching(() => p.sub_(1), /sub_/);
    assert.deepEqual(values(p), [1, 2], 'a refused in-place op must leave the data untouched');
    // a non-leaf that requires grad is refused too
    throwsMatching(() => p.mul(2).fill_(0), /fill_/);
  });

  test('they work under noGrad, and p stays a leaf that requires grad', () => {
    const p = nb.tensor([1, 2], { requiresGrad: true });
    nb.noGrad(() => {
      p.add_(1);
      assert.deepEqual(values(p), [2, 3]);
      p.mul_(nb.tensor([2, 3]));
      assert.deepEqual(values(p), [4, 9]);
      p.copy_(nb.tensor([5, 6]));
      assert.deepEqual(values(p), [5, 6]);
      p.zero_();
      assert.deepEqual(values(p), [0, 0]);
    });
    assert.equal(p.requiresGrad, true);
    assert.equal(p.isLeaf, true);
    // tensors that do not require grad may be modified in place in grad mode
    const c = nb.ones([2]);
    c.add_(4);
    assert.deepEqual(values(c), [5, 5]);
  });

  test('an optimizer-style update p.sub_(p.grad.mul(lr)) under noGrad', () => {
    const p = nb.tensor([1, -2, 3], { requiresGrad: true });
    const storage = p.storage;
    p.square().sum().backward(); // grad = 2p
    nb.noGrad(() => p.sub_(p.grad!.mul(0.25)));
    assert.deepEqual(values(p), [0.5, -1, 1.5]);
    assert.equal(p.storage, storage, 'updated in place');
    p.grad = null;
    p.square().sum().backward();
    assert.deepEqual(values(p.grad!), [1, -2, 3]);
  });
});
