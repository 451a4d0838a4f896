import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'nabla-cli-'));
const env = { ...process.env, NABLA_NUM_THREADS: '1' };

/** A small, quick run on the embedded digits. */
const config = {
  name: 'tiny',
  seed: 3,
  model: [{ type: 'Flatten' }, { type: 'Linear', outFeatures: 32 }, { type: 'ReLU' }, { type: 'Dropout', p: 0.1 }, { type: 'Linear', outFeatures: 'outputs' }],
  data: { source: 'digits', validation: 0.1, preprocessing: { inputs: 'standardize' }, augmentation: [{ type: 'RandomCrop', size: 8, padding: 1 }] },
  optimizer: { type: 'Adam', lr: 0.005 },
  schedule: { type: 'CosineAnnealingLR' },
  callbacks: { earlyStopping: { patience: 50, restoreBestWeights: true } },
  train: { epochs: 4, batchSize: 16 },
};
const configPath = join(dir, 'tiny.json');
writeFileSync(configPath, JSON.stringify(config));

function nabla(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('nabla train writes a complete run directory with summary.json; evaluate and predict use it', () => {
  const out = join(dir, 'run');
  const r = nabla(['train', configPath, '--out', out, '--set', 'train.epochs=2']);
  assert.equal(r.status, 0, r.stderr + r.stdout);
  for (const f of ['config.json', 'metrics.jsonl', 'checkpoint.safetensors', 'model.json', 'model.safetensors', 'summary.json']) {
    assert.ok(existsSync(join(out, f)), f);
  }
  const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as Record<string, unknown>;
  assert.equal(summary['status'], 'finished');
  assert.equal(summary['epochs'], 2);
  assert.ok((summary['test_accuracy'] as number) > 0.7, String(summary['test_accuracy']));
  assert.ok((summary['test_nll'] as number) > 0);
  assert.ok((summary['seconds'] as number) > 0);
  assert.equal(JSON.parse(readFileSync(join(out, 'config.json'), 'utf8')).train.epochs, 2);
  assert.equal(readFileSync(join(out, 'metrics.jsonl'), 'utf8').trim().split('\n').filter((l) => l.includes('"event":"epoch"')).length, 2);
  assert.match(r.stdout, /test: test_loss .* test_accuracy/);

  const ev = nabla(['evaluate', out]);
  assert.equal(ev.status, 0, ev.stderr);
  assert.equal((JSON.parse(ev.stdout) as Record<string, number>)['test_accuracy'], summary['test_accuracy']);

  const input = join(dir, 'input.csv');
  writeFileSync(input, `${Array(64).fill(0).join(',')}\n${Array(64).fill(0.5).join(',')}\n`);
  const pr = nabla(['predict', out, '--input', input]);
  assert.equal(pr.status, 0, pr.stderr);
  assert.match(pr.stdout, /^class,probability\n\d,0\.\d+\n\d,0\.\d+\n$/);
});

test('config errors exit 2 with a message naming the key; --help prints usage', () => {
  const r = nabla(['train', configPath, '--set', 'train.epochs=0', '--out', join(dir, 'bad')]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /^nabla: train\.epochs: expected an integer >= 1, got 0\n$/);
  const m = nabla(['train', configPath, '--set', 'model.1.outFeaturez=3', '--out', join(dir, 'bad')]);
  assert.equal(m.status, 2);
  assert.match(m.stderr, /model\[1\] \(Linear\): Linear: unknown option 'outFeaturez'/);
  const h = nabla(['--help']);
  assert.equal(h.status, 0);
  assert.match(h.stdout, /nabla train CONFIG\.json \[--out DIR\]/);
  assert.equal(nabla(['fly']).status, 2);
});

test('Ctrl-C saves a checkpoint; --resume reaches the same weights as an uninterrupted run', async () => {
  const straight = join(dir, 'straight');
  const s = nabla(['train', configPath, '--out', straight, '--set', 'train.epochs=4']);
  assert.equal(s.status, 0, s.stderr);

  const cut = join(dir, 'cut');
  const child = spawn(process.execPath, [CLI, 'train', configPath, '--out', cut, '--set', 'train.epochs=4'], { env });
  let stdout = '';
  let sent = false;
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
    // interrupt as soon as the first epoch has ended: somewhere in epoch 2
    if (!sent && /epoch 1\/4 /.test(stdout)) {
      sent = true;
      child.kill('SIGINT');
    }
  });
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  assert.equal(code, 130, stdout);
  assert.match(stdout, /interrupted: finishing the current batch and saving a checkpoint/);
  assert.match(stdout, /resume with: nabla train --resume/);
  const partial = JSON.parse(readFileSync(join(cut, 'summary.json'), 'utf8')) as Record<string, unknown>;
  assert.equal(partial['status'], 'interrupted');

  const r = nabla(['train', '--resume', cut]);
  assert.equal(r.status, 0, r.stderr + r.stdout);
  assert.deepEqual(readFileSync(join(cut, 'model.safetensors')), readFileSync(join(straight, 'model.safetensors')));
  const a = JSON.parse(readFileSync(join(cut, 'summary.json'), 'utf8')) as Record<string, number>;
  const b = JSON.parse(readFileSync(join(straight, 'summary.json'), 'utf8')) as Record<string, number>;
  assert.equal(a['test_accuracy'], b['test_accuracy']);
  assert.equal(a['epochs'], 4);
  const epochs = readFileSync(join(cut, 'metrics.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l['event'] === 'epoch');
  assert.deepEqual(epochs.map((e) => e['epoch']), [1, 2, 3, 4]);
});
