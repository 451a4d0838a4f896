// A custom training loop built on nb.train.trainStep — the same pieces fit() composes, arranged by
// hand: a seeded DataLoader, a step-decay schedule, evaluation with metrics, explosion detection
// as in deck 004 ("if the cost is ever > 3 × the original cost, break out early"), and saving the
// model as safetensors + JSON.
//   npm run build && npm run example:custom-loop   (typechecked by tsconfig.examples.json)
import * as nb from 'nabla';

const { nn, optim, data, train, io } = nb;

nb.manualSeed(0);
const { images, labels } = data.loadDigits();                    // [1797, 1, 8, 8], [1797]
const [trainIdx, testIdx] = data.stratifiedSplit(labels, [0.8, 0.2]) as [Int32Array, Int32Array];
const pick = (t: nb.Tensor, idx: Int32Array): nb.Tensor => t.indexSelect(0, nb.tensor(idx, { dtype: 'int32' }));
const trainSet = new data.TensorDataset(pick(images, trainIdx), pick(labels, trainIdx));
const testSet = new data.TensorDataset(pick(images, testIdx), pick(labels, testIdx));
const loader = new data.DataLoader(trainSet, { batchSize: 32, shuffle: true, generator: new nb.Generator(1) });

const model = new nn.Sequential(
  new nn.Flatten(), new nn.Linear(64, 128), new nn.ReLU(), new nn.Dropout(0.1), new nn.Linear(128, 10),
);
const loss = new nn.CrossEntropyLoss();
const optimizer = new optim.SGD(model.parameters(), { lr: 0.1, momentum: 0.9 });
const scheduler = new optim.lrScheduler.StepLR(optimizer, { stepSize: 10, gamma: 0.3 });

let initial = NaN;
outer: for (let epoch = 1; epoch <= 25; epoch++) {
  model.train();
  let total = 0;
  let count = 0;
  for (const batch of loader) {
    const { loss: value, batchSize } = train.trainStep(model, batch, { loss, optimizer });
    if (Number.isNaN(initial)) initial = value;
    if (!Number.isFinite(value) || value > 3 * initial) {
      console.log(`loss ${value} exceeds 3× the initial ${initial.toFixed(3)}: the learning rate is too high; stopping`);
      break outer;
    }
    total += value * batchSize;
    count += batchSize;
    await train.nextTick(); // lets the wasm backend free dead tensors (finalizers run between ticks)
  }
  scheduler.step();
  if (epoch % 5 === 0) {
    const test = await train.evaluate(model, new data.DataLoader(testSet, { batchSize: 256 }), { loss, metrics: ['accuracy'] });
    console.log(`epoch ${epoch}  train loss ${(total / count).toFixed(4)}  test loss ${test.loss.toFixed(4)}  test accuracy ${test.accuracy.toFixed(4)}`);
  }
}

await io.saveModel(model, 'runs/custom-loop');
const again = await io.loadModel('runs/custom-loop');
const probs = (await train.predict(again, pick(images, testIdx).narrow(0, 0, 3))).softmax(1);
console.log('first test images → classes', Array.from(probs.argmax(1).data()), '(saved to runs/custom-loop)');
