#!/usr/bin/env node
// `npm run bench`: the fixed workloads W1–W4 of ../shared/BENCHMARKS.md for nabla and, with
// --vs, for TensorFlow.js and PyTorch in the same run. Every (system, backend, thread count) runs
// in its own child process, one after another, so that no setting leaks from one to the next.
// See bench/README.md.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.dirname(HERE);
const ALL_WORKLOADS = ['W1', 'W2', 'W3', 'W4'];
const W1_SIZES = [128, 256, 512, 1024];
const METRIC = { W1: 'gflops', W2: 'samples_per_s', W3: 'samples_per_s', W4: 'samples_per_s' };
const VS = ['tfjs', 'torch', 'jaxjs'];
/** Systems measured once, at 1 thread, whatever --threads says. */
const SINGLE_THREADED = new Set(['tfjs-cpu', 'jax-js-wasm']);

const HELP = `usage: npm run bench -- [options]      (or: node bench/run.mjs [options] after npm run build)

  --workloads W1,W2,W3,W4   which workloads (default: all)
  --threads 1,2             thread counts; each runs in its own child process (default: 1,2)
  --backend wasm            nabla backend(s): wasm, reference, or a list (default: wasm)
  --vs tfjs,torch           also run TensorFlow.js 4.22 (tfjs-cpu, tfjs-wasm), PyTorch (torch)
                            and/or jax-js (jaxjs, if installed) in the same run
  --json                    JSON lines on stdout (the table goes to stderr)
  --check                   exit 1 when a bar of issue 4 fails
  --timeout 1800            seconds before a child process is stopped
  --verbose                 pass the children's stderr through
  --soak [soak options]     run bench/soak.mjs instead (see node bench/soak.mjs --help)
`;

function parseArgs(argv) {
  const o = { workloads: ALL_WORKLOADS, threads: [1, 2], backends: ['wasm'], vs: [], json: false, check: false, verbose: false, timeout: 1800 };
  const list = (s, name) => {
    if (s === undefined || s.startsWith('--')) throw new Error(`${name} needs a value`);
    return s.split(',').map((x) => x.trim()).filter(Boolean);
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = () => (inline !== undefined ? inline : argv[++i]);
    switch (flag) {
      case '--workloads': o.workloads = list(value(), flag).map((w) => w.toUpperCase()); break;
      case '--threads': o.threads = list(value(), flag).map(Number); break;
      case '--backend': case '--backends': o.backends = list(value(), flag); break;
      case '--vs': o.vs = list(value(), flag).map((s) => s.toLowerCase()); break;
      case '--json': o.json = true; break;
      case '--check': o.check = true; break;
      case '--verbose': o.verbose = true; break;
      case '--timeout': o.timeout = Number(value()); break;
      case '--help': case '-h': process.stdout.write(HELP); process.exit(0); break;
      default: throw new Error(`unknown option '${a}'\n\n${HELP}`);
    }
  }
  for (const w of o.workloads) if (!ALL_WORKLOADS.includes(w)) throw new Error(`unknown workload '${w}' (known: ${ALL_WORKLOADS})`);
  for (const t of o.threads) if (!(Number.isInteger(t) && t >= 1)) throw new Error(`--threads: '${t}' is not a positive integer`);
  for (const v of o.vs) if (!VS.includes(v)) throw new Error(`--vs: unknown system '${v}' (known: ${VS})`);
  if (!(o.timeout > 0)) throw new Error('--timeout needs a positive number of seconds');
  return o;
}

// ---------------------------------------------------------------------------------------------

/** The child processes of one run, in the order they run. */
function plan(o) {
  const runs = [];
  const ws = o.workloads.join(',');
  const node = (system, script, args, threads, backend) => ({
    system, threads, backend, cmd: process.execPath, args: [path.join(HERE, 'systems', script), ...args, '--threads', String(threads), '--workloads', ws],
  });
  // nabla first, its thread counts back to back (the 2-thread / 1-thread ratio is one of the bars)
  for (const b of o.backends) for (const t of o.threads) runs.push(node(b === 'wasm' ? 'nabla' : `nabla-${b}`, 'nabla.mjs', ['--backend', b], t, b));
  if (o.vs.includes('tfjs')) for (const t of o.threads) runs.push(node('tfjs-wasm', 'tfjs.mjs', ['--backend', 'wasm'], t, 'wasm'));
  if (o.vs.includes('torch')) {
    const python = process.env.NABLA_BENCH_PYTHON || '/usr/bin/python3';
    for (const t of o.threads) {
      runs.push({ system: 'torch', threads: t, backend: 'cpu', cmd: python, args: [path.join(HERE, 'systems', 'torch.py'), '--threads', String(t), '--workloads', ws] });
    }
  }
  // jax-js (in Node) and TF.js's cpu backend are single-threaded: measured once, at 1 thread,
  // and last (tfjs-cpu's CNN step takes about half a minute).
  if (o.vs.includes('jaxjs')) runs.push(node('jax-js-wasm', 'jaxjs.mjs', [], 1, 'wasm'));
  if (o.vs.includes('tfjs')) runs.push(node('tfjs-cpu', 'tfjs.mjs', ['--backend', 'cpu'], 1, 'cpu'));
  return runs;
}

/**
 * How busy the rest of the machine is while a child runs (Linux /proc; null elsewhere): the CPU
 * time of every process but the child, in cores. On a shared 2-core machine one busy neighbour
 * is enough to take the second core away from a 2-thread run.
 */
function loadSampler(pid) {
  const machine = () => {
    const f = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal
    return { busy: f[0] + f[1] + f[2] + f[5] + f[6] + f[7], total: f.slice(0, 8).reduce((a, b) => a + b, 0) };
  };
  const own = () => {
    const st = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = st.slice(st.lastIndexOf(')') + 2).split(' ');
    return Number(f[11]) + Number(f[12]); // utime + stime of all its threads, in clock ticks
  };
  let first;
  let last;
  const take = () => {
    try {
      const m = machine();
      const c = own();
      if (!first) first = { ...m, c };
      else last = { ...m, c };
    } catch { /* the child is gone or there is no /proc */ }
  };
  take();
  const timer = setInterval(take, 250);
  return () => {
    clearInterval(timer);
    if (!first || !last || last.total <= first.total) return null;
    const others = last.busy - first.busy - (last.c - first.c);
    return Math.max(0, (others / (last.total - first.total)) * os.cpus().length);
  };
}

/** Runs one child; resolves with its measurement lines and meta objects. */
function runChild(run, o, onLine) {
  return new Promise((resolve) => {
    const lines = [];
    const metas = [];
    let stderr = '';
    let buf = '';
    const env = { ...process.env, NABLA_NUM_THREADS: String(run.threads), OMP_NUM_THREADS: String(run.threads) };
    if (run.system.startsWith('nabla')) env.NABLA_BACKEND = run.backend;
    let child;
    try {
      child = spawn(run.cmd, run.args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (e) {
      resolve({ lines, metas, error: String(e.message ?? e) });
      return;
    }
    const timer = setTimeout(() => child.kill('SIGKILL'), o.timeout * 1000);
    const otherLoad = loadSampler(child.pid);
    const take = (line) => {
      line = line.trim();
      if (!line) return;
      let obj = null;
      if (line.startsWith('{')) {
        try { obj = JSON.parse(line); } catch { obj = null; }
      }
      if (obj && obj.meta) metas.push(obj.meta);
      else if (obj && obj.system) { lines.push(obj); onLine(obj); }
      else stderr += line + '\n';
    };
    child.stdout.on('data', (d) => {
      buf += d;
      let i;
      while ((i = buf.indexOf('\n')) >= 0) { take(buf.slice(0, i)); buf = buf.slice(i + 1); }
    });
    child.stderr.on('data', (d) => {
      stderr += d;
      if (o.verbose) process.stderr.write(d);
    });
    child.on('error', (e) => { clearTimeout(timer); otherLoad(); resolve({ lines, metas, error: `${run.cmd}: ${e.message}` }); });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const load = otherLoad();
      take(buf);
      let error;
      if (signal) error = signal === 'SIGKILL' ? `stopped after ${o.timeout} s (--timeout)` : `killed by ${signal}`;
      else if (code !== 0) {
        const last = stderr.trim().split('\n').filter((l) => /error/i.test(l)).pop() ?? stderr.trim().split('\n').pop() ?? '';
        error = `exit code ${code}: ${last.slice(0, 200)}`;
      }
      resolve({ lines, metas, error, load });
    });
  });
}

/** Null lines for every measurement the child should have printed but did not. */
function missingLines(run, workloads, lines, note) {
  const have = new Set(lines.map((l) => `${l.workload}:${l.n ?? ''}`));
  const out = [];
  const base = { system: run.system.startsWith('nabla') ? 'nabla' : run.system, backend: run.backend, threads: run.threads };
  for (const w of workloads) {
    if (w === 'W1') {
      for (const n of W1_SIZES) if (!have.has(`W1:${n}`)) out.push({ ...base, workload: 'W1', metric: 'gflops', value: null, n, note });
    } else if (!have.has(`${w}:`)) out.push({ ...base, workload: w, metric: METRIC[w], value: null, note });
  }
  return out;
}

async function main(o) {
  const runs = plan(o);
  const all = [];
  const metas = [];
  const out = o.json ? process.stderr : process.stdout;
  const progress = (s) => { if (!o.json) process.stderr.write(s + '\n'); };
  const print = (line) => {
    if (o.json) process.stdout.write(JSON.stringify(line) + '\n');
    else progress(`  ${line.workload}${line.n ? ` N=${line.n}` : ''}: ${line.value === null ? 'n/a' : line.value} ${line.metric}${line.note ? `  (${line.note})` : ''}`);
  };
  for (const run of runs) {
    progress(`${run.system} — ${run.threads} thread${run.threads > 1 ? 's' : ''}`);
    const t0 = performance.now();
    const res = await runChild(run, o, print);
    const colName = run.system;
    for (const l of res.lines) all.push({ ...l, col: colName });
    for (const m of res.metas) metas.push({ ...m, col: colName, runThreads: run.threads });
    run.load = res.load;
    const note = res.error ? `${colName} failed: ${res.error}` : 'no result';
    for (const l of missingLines(run, o.workloads, res.lines, note)) { print(l); all.push({ ...l, col: colName }); }
    progress(`  (${((performance.now() - t0) / 1000).toFixed(1)} s${res.load != null ? `; other processes used ${res.load.toFixed(2)} cores meanwhile` : ''})`);
  }
  const { text, failed } = report(o, runs, all, metas);
  out.write(text);
  return o.check && failed ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------
// the table

const BARS = [
  { label: 'W1 N=1024: nabla / tfjs-wasm', w: 'W1', n: 1024, num: ['nabla', 1], den: ['tfjs-wasm', 1], min: 0.8, perThreads: true },
  { label: 'W1 N=1024: nabla 2 threads / 1 thread', w: 'W1', n: 1024, num: ['nabla', 2], den: ['nabla', 1], min: 1.6 },
  { label: 'W2 MLP training: nabla / tfjs-wasm', w: 'W2', num: ['nabla', 1], den: ['tfjs-wasm', 1], min: 6, perThreads: true },
  { label: 'W3 CNN training: nabla / torch', w: 'W3', num: ['nabla', 1], den: ['torch', 1], min: 0.5, perThreads: true },
  { label: 'W4 MLP inference: nabla / tfjs-wasm', w: 'W4', num: ['nabla', 1], den: ['tfjs-wasm', 1], min: 0.8, perThreads: true },
];

const fmt = (v, metric) => {
  if (v === null || v === undefined) return '—';
  if (metric === 'gflops') return v >= 100 ? v.toFixed(0) : v.toFixed(v >= 10 ? 1 : 2);
  if (v < 100) return v.toFixed(v < 10 ? 2 : 1);
  return Math.round(v).toLocaleString('en-US');
};

function pad(cells, widths, aligns) {
  return cells.map((c, i) => (aligns[i] === 'l' ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ').trimEnd();
}

function renderTable(header, rows, aligns) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const lines = [pad(header, widths, aligns), widths.map((w) => '-'.repeat(w)).join('  ')];
  for (const r of rows) lines.push(r === null ? '' : pad(r, widths, aligns));
  return lines.join('\n') + '\n';
}

function report(o, runs, all, metas) {
  const get = (col, threads, w, n) => all.find((l) => l.col === col && l.workload === w && (l.n ?? null) === (n ?? null) && l.threads === threads);
  const cols = [...new Set(runs.map((r) => r.system))];
  const order = ['nabla', 'tfjs-cpu', 'tfjs-wasm', 'jax-js-wasm', 'torch'];
  cols.sort((a, b) => (order.indexOf(a) < 0 ? 0 : order.indexOf(a)) - (order.indexOf(b) < 0 ? 0 : order.indexOf(b)));
  const notes = [];
  const noteRef = (note) => {
    let i = notes.indexOf(note);
    if (i < 0) { notes.push(note); i = notes.length - 1; }
    return `[${i + 1}]`;
  };
  // single-threaded systems are measured once: the other thread counts show that figure, marked *
  const cell = (col, threads, w, n) => {
    let l = get(col, threads, w, n);
    let mark = '';
    if (!l && SINGLE_THREADED.has(col)) { l = get(col, 1, w, n); if (l) mark = '*'; }
    if (!l) return '';
    return fmt(l.value, l.metric) + mark + (l.note ? ' ' + noteRef(l.note) : '');
  };

  const rowsOf = [];
  for (const w of o.workloads) for (const n of w === 'W1' ? W1_SIZES : [null]) rowsOf.push([w, n]);
  const header = ['workload', 'unit'];
  const aligns = ['l', 'l'];
  for (const t of o.threads) for (const c of cols) { header.push(`${c} ${t}t`); aligns.push('r'); }
  const rows = rowsOf.map(([w, n]) => {
    const r = [w === 'W1' ? `W1 N=${n}` : { W2: 'W2 MLP train', W3: 'W3 CNN train', W4: 'W4 MLP infer' }[w], w === 'W1' ? 'GFLOP/s' : 'samples/s'];
    for (const t of o.threads) for (const c of cols) r.push(cell(c, t, w, n));
    return r;
  });

  let text = '\n';
  const m = (col) => metas.find((x) => x.col === col && x.system);
  const nm = m('nabla');
  const env = [`node ${process.version}`, `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}`, new Date().toISOString().slice(0, 16).replace('T', ' ')];
  text += `nabla bench — ${env.join(', ')}\n`;
  const sys = [];
  if (nm) sys.push(`nabla ${o.backends.join('/')} backend (setNumThreads ${nm.setNumThreads ? 'yes' : 'not yet'})`);
  const tw = metas.filter((x) => x.col === 'tfjs-wasm' && x.system);
  if (m('tfjs-wasm') || m('tfjs-cpu')) {
    const v = (m('tfjs-wasm') ?? m('tfjs-cpu')).version;
    const ran = [...new Set(tw.map((x) => `${x.threads}→${x.actualThreads}`))].join(', ');
    sys.push(`TF.js ${v}${tw.length ? ` (tfjs-wasm threads asked→ran: ${ran})` : ''}`);
  }
  const jm = m('jax-js-wasm');
  if (jm) sys.push(jm.error ? 'jax-js: not installed' : `jax-js ${jm.version}`);
  const tm = m('torch');
  if (tm) sys.push(tm.error ? `torch: ${tm.error}` : `PyTorch ${tm.version} (BLAS: ${(tm.blas ?? []).map((p) => path.basename(path.dirname(p)) + '/' + path.basename(p)).join(', ') || '?'}${tm.referenceBlas ? ' = netlib reference BLAS, slow GEMM' : ''})`);
  if (sys.length) text += sys.join('; ') + '\n';
  const loads = runs.filter((r) => r.load != null);
  if (loads.length) {
    text += `other processes' CPU load while each ran (cores of ${os.cpus().length}): ${loads.map((r) => `${r.system} ${r.threads}t ${r.load.toFixed(2)}`).join(', ')}\n`;
  }
  text += '\n' + renderTable(header, rows, aligns);
  const single = cols.filter((c) => SINGLE_THREADED.has(c));
  if (single.length && o.threads.some((t) => t !== 1)) text += `* ${single.join(' and ')}: single-threaded in Node, measured once, at 1 thread\n`;
  notes.forEach((n, i) => { text += `[${i + 1}] ${n}\n`; });

  // nabla ÷ each other system
  const others = cols.filter((c) => c !== 'nabla' && !c.startsWith('nabla-'));
  if (others.length && cols.includes('nabla')) {
    const h = ['nabla ÷', ''];
    const al = ['l', 'l'];
    for (const t of o.threads) for (const c of others) { h.push(`${c} ${t}t`); al.push('r'); }
    const rr = rowsOf.map(([w, n], i) => {
      const r = [rows[i][0], ''];
      for (const t of o.threads) {
        for (const c of others) {
          const a = get('nabla', t, w, n)?.value;
          const b = (get(c, t, w, n) ?? (SINGLE_THREADED.has(c) ? get(c, 1, w, n) : undefined))?.value;
          r.push(a && b ? `${(a / b).toFixed(2)}×` : '—');
        }
      }
      return r;
    });
    text += '\n' + renderTable(h, rr, al);
  }

  // the bars of issue 4
  let failed = false;
  const brows = [];
  for (const bar of BARS) {
    if (!o.workloads.includes(bar.w)) continue;
    const a = get(bar.num[0], bar.num[1], bar.w, bar.n ?? null)?.value;
    const b = get(bar.den[0], bar.den[1], bar.w, bar.n ?? null)?.value;
    let status;
    let ratio = '—';
    if (a && b) {
      const r = a / b;
      ratio = `${fmt(a, METRIC[bar.w])} / ${fmt(b, METRIC[bar.w])} = ${r.toFixed(3)}×`;
      status = r >= bar.min ? 'PASS' : 'FAIL';
      if (status === 'FAIL') failed = true;
    } else {
      const need = [];
      if (!o.threads.includes(bar.num[1]) || !o.threads.includes(bar.den[1])) need.push(`--threads ${[...new Set([bar.num[1], bar.den[1]])].join(',')}`);
      if (!cols.includes(bar.den[0])) need.push(`--vs ${bar.den[0].replace(/-.*/, '')}`);
      status = need.length ? `n/a (needs ${need.join(' ')})` : 'n/a (no figure)';
    }
    const extra = [];
    if (bar.perThreads) {
      for (const t of o.threads) {
        if (t === 1) continue;
        const x = get(bar.num[0], t, bar.w, bar.n ?? null)?.value;
        const y = get(bar.den[0], t, bar.w, bar.n ?? null)?.value;
        if (x && y) extra.push(`${t}t: ${(x / y).toFixed(2)}×`);
      }
    }
    brows.push([bar.label, `>= ${bar.min}`, ratio, status, extra.join(', ')]);
  }
  if (brows.length) {
    text += '\nBars (issue 4; 1 thread unless said):\n';
    text += renderTable(['bar', 'floor', 'measured', 'result', 'other threads (info)'], brows, ['l', 'l', 'l', 'l', 'l']);
  }
  return { text, failed };
}

// ---------------------------------------------------------------------------------------------
// --soak hands over to bench/soak.mjs (with --expose-gc, so that heap figures are post-GC)

const argv = process.argv.slice(2);
if (argv.includes('--soak')) {
  const rest = argv.filter((a) => a !== '--soak');
  const child = spawn(process.execPath, ['--expose-gc', path.join(HERE, 'soak.mjs'), ...rest], { stdio: 'inherit' });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} else {
  let opts;
  try {
    opts = parseArgs(argv);
  } catch (e) {
    process.stderr.write(`bench: ${e.message}\n`);
    process.exit(2);
  }
  process.exitCode = await main(opts);
}
