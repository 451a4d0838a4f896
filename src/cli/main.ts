#!/usr/bin/env node
/**
 * The `nabla` command line. See `nabla --help`, src/cli/config.ts for the config keys and
 * src/cli/run.ts for what a run directory holds.
 */
import { ConfigError } from './schema.js';
import { evaluateCommand, predictCommand, trainCommand } from './run.js';

export const HELP = `nabla — train and use neural networks from a JSON config

usage:
  nabla train CONFIG.json [--out DIR] [--set key.path=value ...]
  nabla train --resume DIR [--set key.path=value ...]
  nabla evaluate DIR [--set key.path=value ...]
  nabla predict DIR --input FILE.csv|FILE.json [--output FILE.csv] [--batch-size N]
  nabla --help | --version

train      trains the model of CONFIG.json and writes a run directory (DIR, default the config's
           "out" or runs/<name>): config.json, metrics.jsonl, checkpoint.safetensors, model.json,
           model.safetensors, summary.json (test_accuracy or test_rmse, test_nll, seconds, ...).
           Ctrl-C stops after the current batch and saves the checkpoint; --resume DIR continues
           it and reaches the same weights as a run that was never interrupted.
evaluate   the test metrics of a finished run's model (same config and seed, same test split).
predict    predictions of a run's model for new examples (one per CSV line / JSON entry).

--set overrides any config key, the value parsed as JSON when it can be:
  --set data.dir=../shared/data/mnist --set train.epochs=3 --set optimizer.lr=0.01

config keys (see examples/*.json):
  name, seed, out
  model       [{"type": "Conv2d", "outChannels": 16, "kernelSize": 3, "padding": 1}, {"type": "ReLU"}, ...]
              (inFeatures / inChannels / numFeatures may be left out; "outFeatures": "outputs" = classes)
              or {"preset": "mlp" | "lenet" | "small-resnet", ...options}
  data        source: digits | mnist (dir) | uci (dir, name, split) | csv (path, target, features)
              task, validation, testFraction, preprocessing {inputs, target}, augmentation [...], limit
  loss        {"type": "CrossEntropyLoss", ...} (default by task)
  optimizer   {"type": "Adam", "lr": 0.001, ...}
  schedule    {"type": "CosineAnnealingLR", "interval": "epoch" | "batch", ...}
  callbacks   earlyStopping, reduceLROnPlateau, checkpoint, terminateOnNaN, explosion, progress, log
  train       epochs, batchSize, evalBatchSize, metrics
`;

interface Parsed {
  command: string | undefined;
  positional: string[];
  flags: Map<string, string[]>;
}

const VALUE_FLAGS = new Set(['--out', '--set', '--resume', '--input', '--output', '--batch-size']);
const BOOL_FLAGS = new Set(['--help', '-h', '--version']);

export function parseArgs(argv: readonly string[]): Parsed {
  const flags = new Map<string, string[]>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith('-')) {
      const [name, inline] = a.includes('=') && a.startsWith('--') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
      if (BOOL_FLAGS.has(name)) {
        flags.set(name, ['']);
        continue;
      }
      if (!VALUE_FLAGS.has(name)) throw new ConfigError('', `unknown option ${name} (see nabla --help)`);
      const value = inline ?? argv[++i];
      if (value === undefined) throw new ConfigError('', `${name} needs a value`);
      flags.set(name, [...(flags.get(name) ?? []), value]);
    } else {
      positional.push(a);
    }
  }
  return { command: positional.shift(), positional, flags };
}

function one(p: Parsed, flag: string): string | undefined {
  const v = p.flags.get(flag);
  if (v && v.length > 1) throw new ConfigError('', `${flag} given twice`);
  return v?.[0];
}

export async function main(argv: readonly string[]): Promise<number> {
  const p = parseArgs(argv);
  if (p.flags.has('--help') || p.flags.has('-h') || p.command === 'help' || p.command === undefined) {
    process.stdout.write(HELP);
    return p.command === undefined && !p.flags.has('--help') && !p.flags.has('-h') ? 1 : 0;
  }
  if (p.flags.has('--version')) {
    process.stdout.write('nabla 0.1.0\n');
    return 0;
  }
  const set = p.flags.get('--set') ?? [];
  switch (p.command) {
    case 'train': {
      if (p.positional.length > 1) throw new ConfigError('', `train takes one config file, got ${p.positional.join(' ')}`);
      const resume = one(p, '--resume');
      if (resume !== undefined && p.positional.length) throw new ConfigError('', 'give either a config file or --resume DIR (the run directory has its config)');
      return trainCommand({ config: p.positional[0], out: one(p, '--out'), set, resume });
    }
    case 'evaluate': {
      if (p.positional.length !== 1) throw new ConfigError('', 'evaluate takes one run directory');
      return evaluateCommand({ dir: p.positional[0]!, set });
    }
    case 'predict': {
      const input = one(p, '--input') ?? p.positional[1];
      if (!p.positional[0] || !input) throw new ConfigError('', 'predict takes a run directory and --input FILE');
      const bs = one(p, '--batch-size');
      return predictCommand({ dir: p.positional[0], input, output: one(p, '--output'), batchSize: bs === undefined ? undefined : Number(bs) });
    }
    default:
      throw new ConfigError('', `unknown command ${JSON.stringify(p.command)} (commands: train, evaluate, predict; see nabla --help)`);
  }
}

// run when executed directly (not when imported by tests)
const invoked = process.argv[1] ?? '';
if (/[\\/]cli[\\/]main\.(js|ts)$/.test(invoked) || /[\\/]nabla$/.test(invoked)) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`nabla: ${e instanceof Error ? e.message : String(e)}\n`);
      if (process.env['NABLA_DEBUG'] && e instanceof Error) process.stderr.write(`${e.stack}\n`);
      process.exitCode = 2;
    },
  );
}
