/**
 * The downloader against a local HTTP server on 127.0.0.1 (ephemeral port) that serves the MNIST
 * files of ../shared/data/mnist, whole or damaged on purpose.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { ChecksumError, defaultCacheDir, download, loadMnist, MNIST_SHA256 } from '../../src/data/index.js';

const MNIST = fileURLToPath(new URL('../../../../shared/data/mnist/', import.meta.url));
const FILES = new Map(existsSync(MNIST) ? readdirSync(MNIST).map((f) => [f, readFileSync(join(MNIST, f))]) : []);
const needsData = existsSync(MNIST) ? {} : { skip: `needs the MNIST files in ${MNIST}` };
const LABELS = 't10k-labels-idx1-ubyte.gz'; // 4,542 bytes
const IMAGES = 't10k-images-idx3-ubyte.gz'; // 1.6 MB
const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

/** A tiny dataset in MNIST's format (3 train and 2 test images of 2×2), for the cheap loadMnist cases. */
function idxBytes(dims: number[], body: number[]): Buffer {
  const head = Buffer.alloc(4 + 4 * dims.length);
  head[2] = 0x08;
  head[3] = dims.length;
  dims.forEach((d, i) => head.writeInt32BE(d, 4 + 4 * i));
  return Buffer.concat([head, Buffer.from(body)]);
}
const TINY_RAW: Record<string, Buffer> = {
  'train-images-idx3-ubyte': idxBytes([3, 2, 2], [0, 255, 51, 102, 1, 2, 3, 4, 5, 6, 7, 8]),
  'train-labels-idx1-ubyte': idxBytes([3], [1, 2, 3]),
  't10k-images-idx3-ubyte': idxBytes([2, 2, 2], [9, 9, 9, 9, 0, 0, 0, 0]),
  't10k-labels-idx1-ubyte': idxBytes([2], [4, 5]),
};
const TINY = new Map(Object.entries(TINY_RAW).map(([k, v]) => [`${k}.gz`, gzipSync(v)]));
const TINY_SHA = Object.fromEntries(Object.entries(TINY_RAW).map(([k, v]) => [k, sha(v)]));

const tmp = mkdtempSync(join(tmpdir(), 'nabla-download-'));
let server: Server;
let base = '';
let dir = 0;
const cache = (): string => join(tmp, `cache${dir++}`);
/** Every request: path and Range header. */
const log: { path: string; range: string | undefined }[] = [];
const dropped = new Set<string>();

function send(req: IncomingMessage, res: ServerResponse, body: Buffer, honourRange = true): void {
  const m = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
  if (m && honourRange) {
    const start = Number(m[1]);
    if (start >= body.length) {
      res.writeHead(416, { 'Content-Range': `bytes */${body.length}` }).end();
      return;
    }
    res.writeHead(206, { 'Content-Length': body.length - start, 'Content-Range': `bytes ${start}-${body.length - 1}/${body.length}` });
    res.end(body.subarray(start));
    return;
  }
  res.writeHead(200, { 'Content-Length': body.length });
  res.end(body);
}

/** Announces the full length, sends `keep` bytes, then closes the connection. */
function cut(req: IncomingMessage, res: ServerResponse, body: Buffer, keep: number): void {
  const m = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
  const start = m ? Number(m[1]) : 0;
  const rest = body.subarray(start);
  res.writeHead(m ? 206 : 200, m ? { 'Content-Length': rest.length, 'Content-Range': `bytes ${start}-${body.length - 1}/${body.length}` } : { 'Content-Length': rest.length });
  // close a little later: a stream that errors drops the chunks its reader has not taken yet
  res.write(rest.subarray(0, keep), () => setTimeout(() => res.socket?.end(), 40));
}

before(async () => {
  server = createServer((req, res) => {
    const [, mode, name] = (req.url ?? '').split('/');
    log.push({ path: req.url ?? '', range: req.headers.range });
    const tiny = TINY.get(name ?? '');
    if (mode === 'tiny' && tiny) return send(req, res, tiny);
    if (mode === 'tiny-truncated' && tiny) return send(req, res, tiny.subarray(0, tiny.length - 12));
    const file = FILES.get(name ?? '');
    if (!file) {
      res.writeHead(404).end('not found');
      return;
    }
    switch (mode) {
      case 'ok':
        return send(req, res, file);
      case 'norange': // ignores Range, drops the first request halfway
        if (!dropped.has(req.url!)) {
          dropped.add(req.url!);
          return cut({ headers: {} } as IncomingMessage, res, file, file.length >> 1);
        }
        return send(req, res, file, false);
      case 'drop': // the first request dies halfway; later ones resume
        if (!dropped.has(req.url!)) {
          dropped.add(req.url!);
          return cut(req, res, file, file.length >> 1);
        }
        return send(req, res, file);
      case 'short': // every response dies after 1,000 bytes
        return cut(req, res, file, 1000);
      case 'truncated': // a complete-looking response of the first half only
        return send(req, res, file.subarray(0, file.length >> 1));
      case 'corrupt': {
        const bad = Buffer.from(file);
        bad[bad.length >> 1] ^= 0x55;
        return send(req, res, bad);
      }
      case 'silent': // headers, then nothing
        res.writeHead(200, { 'Content-Length': file.length });
        res.flushHeaders();
        return;
      default:
        res.writeHead(500).end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  rmSync(tmp, { recursive: true, force: true });
});

const fast = { retryDelayMs: 5, timeoutMs: 2000 };

describe('download', { timeout: 20_000, ...needsData }, () => {
  it('downloads, verifies sha256, and then serves from the cache', async () => {
    const dir = cache();
    const path = await download(`${base}/ok/${LABELS}`, { sha256: sha(FILES.get(LABELS)!), cacheDir: dir, ...fast });
    assert.equal(path, join(dir, LABELS));
    assert.deepEqual(readFileSync(path), FILES.get(LABELS));
    assert.ok(!existsSync(`${path}.part`));
    const before = log.length;
    assert.equal(await download(`${base}/ok/${LABELS}`, { sha256: sha(FILES.get(LABELS)!), cacheDir: dir }), path);
    assert.equal(log.length, before, 'no request for a cached file');
    assert.equal(await download(`${base}/ok/${LABELS}`, { cacheDir: dir, fileName: 'other.gz', ...fast }), join(dir, 'other.gz'));
  });

  it('resumes with a Range request when the server drops the connection mid-file', async () => {
    const dir = cache();
    const progress: number[] = [];
    const path = await download(`${base}/drop/${IMAGES}`, { sha256: sha(FILES.get(IMAGES)!), cacheDir: dir, ...fast, onProgress: (n) => progress.push(n) });
    assert.deepEqual(readFileSync(path), FILES.get(IMAGES));
    const reqs = log.filter((l) => l.path === `/drop/${IMAGES}`);
    assert.equal(reqs.length, 2);
    assert.equal(reqs[0]!.range, undefined);
    assert.match(reqs[1]!.range!, /^bytes=\d+-$/);
    assert.ok(Number(/\d+/.exec(reqs[1]!.range!)![0]) > 0, 'resumed from where the first attempt stopped');
    assert.equal(progress.at(-1), FILES.get(IMAGES)!.length);
  });

  it('starts over when the server ignores Range', async () => {
    const path = await download(`${base}/norange/${IMAGES}`, { sha256: sha(FILES.get(IMAGES)!), cacheDir: cache(), ...fast });
    assert.deepEqual(readFileSync(path), FILES.get(IMAGES));
  });

  it('gives up on a connection that keeps breaking, keeps the partial file, and a later call resumes it', async () => {
    const dir = cache();
    await assert.rejects(
      download(`${base}/short/${LABELS}`, { cacheDir: dir, retries: 2, ...fast }),
      (e: Error) => /failed to fetch .*short\/t10k-labels-idx1-ubyte\.gz after 3 attempts/.test(e.message) && /partial download .* is kept/.test(e.message),
    );
    const part = join(dir, `${LABELS}.part`);
    // each attempt resumes the last; each delivers at most 1,000 bytes (a killed socket may lose some)
    const size = statSync(part).size;
    assert.ok(size > 0 && size <= 3000, `partial size ${size}`);
    const ranges = log.filter((l) => l.path === `/short/${LABELS}`).map((l) => Number(/\d+/.exec(l.range ?? '0')![0]));
    assert.equal(ranges.length, 3);
    assert.ok(ranges.every((r, i) => i === 0 || r >= ranges[i - 1]!), `resume offsets ${ranges}`);
    assert.ok(!existsSync(join(dir, LABELS)), 'nothing under the final name');
    const before = log.length;
    const path = await download(`${base}/ok/${LABELS}`, { sha256: sha(FILES.get(LABELS)!), cacheDir: dir, ...fast });
    assert.deepEqual(readFileSync(path), FILES.get(LABELS));
    assert.equal(log[before]!.range, `bytes=${size}-`);
  });

  it('rejects a truncated file and a corrupted file by checksum, leaving nothing in the cache', async () => {
    for (const mode of ['truncated', 'corrupt']) {
      const dir = cache();
      await assert.rejects(download(`${base}/${mode}/${LABELS}`, { sha256: sha(FILES.get(LABELS)!), cacheDir: dir, ...fast }), (e: unknown) => {
        assert.ok(e instanceof ChecksumError);
        assert.match(e.message, new RegExp(`checksum mismatch for .*/${mode}/t10k-labels-idx1-ubyte\\.gz: expected sha256 ${sha(FILES.get(LABELS)!)}, got [0-9a-f]{64}`));
        return true;
      });
      assert.deepEqual(readdirSync(dir), [], mode);
    }
  });

  it('replaces a damaged cached file', async () => {
    const dir = cache();
    const path = await download(`${base}/ok/${LABELS}`, { cacheDir: dir, ...fast });
    writeFileSync(path, 'garbage');
    await download(`${base}/ok/${LABELS}`, { sha256: sha(FILES.get(LABELS)!), cacheDir: dir, ...fast });
    assert.deepEqual(readFileSync(path), FILES.get(LABELS));
  });

  it('explains HTTP errors (without retrying a 404), silence and being offline', async () => {
    const before = log.length;
    await assert.rejects(download(`${base}/ok/missing.gz`, { cacheDir: cache(), ...fast }), /download: HTTP 404 Not Found for http:\/\/127\.0\.0\.1:\d+\/ok\/missing\.gz/);
    assert.equal(log.length, before + 1);
    await assert.rejects(download(`${base}/silent/${LABELS}`, { cacheDir: cache(), retries: 0, retryDelayMs: 1, timeoutMs: 150 }), /no data for 150 ms \(timeoutMs\)/);
    // a port nobody listens on
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((r) => probe.close(r));
    await assert.rejects(
      download(`http://127.0.0.1:${port}/x.gz`, { cacheDir: cache(), retries: 1, retryDelayMs: 1 }),
      /failed to fetch .* after 2 attempts: .*ECONNREFUSED.* are you offline, or is the base URL wrong\?/,
    );
    await assert.rejects(download('not a url'), /invalid URL/);
    await assert.rejects(download(`${base}/`, { cacheDir: cache() }), /cannot derive a file name/);
    await assert.rejects(download(`${base}/ok/${LABELS}`, { sha256: 'abc' }), /sha256 must be 64 hex digits/);
  });

  it('uses NABLA_CACHE, and takes a custom fetch', async () => {
    const saved = process.env['NABLA_CACHE'];
    process.env['NABLA_CACHE'] = join(tmp, 'env-cache');
    try {
      assert.equal(defaultCacheDir(), join(tmp, 'env-cache'));
      const calls: string[] = [];
      const path = await download(`${base}/ok/${LABELS}`, {
        fetch: (u, init) => {
          calls.push(u);
          return fetch(u, init);
        },
      });
      assert.equal(path, join(tmp, 'env-cache', LABELS));
      assert.equal(calls.length, 1);
    } finally {
      if (saved === undefined) delete process.env['NABLA_CACHE'];
      else process.env['NABLA_CACHE'] = saved;
    }
  });

  it('loadMnist downloads MNIST from a base URL (resuming a dropped file) and checks the content', async () => {
    const dir = cache();
    const { train, test } = await loadMnist({ baseUrl: `${base}/drop/`, cacheDir: dir, ...fast });
    assert.deepEqual(train.images.shape, [60000, 1, 28, 28]);
    assert.deepEqual(Array.from(test.labels.narrow(0, 0, 3).data()), [7, 2, 1]);
    assert.deepEqual(readdirSync(join(dir, 'mnist')).sort(), [...FILES.keys()].sort());
  });

  it('loadMnist reuses the cache for any dataset in the same format', async () => {
    const dir = cache();
    const opts = { baseUrl: `${base}/tiny`, cacheDir: dir, cacheSubdir: 'tiny', checksums: TINY_SHA, ...fast };
    const { train, test } = await loadMnist(opts);
    assert.deepEqual(train.images.shape, [3, 1, 2, 2]);
    assert.deepEqual(Array.from(train.images.narrow(0, 0, 1).data()), [0, 1, 0.2, 0.4].map(Math.fround));
    assert.deepEqual(Array.from(test.labels.data()), [4, 5]);
    const before = log.length;
    await loadMnist(opts);
    assert.equal(log.length, before, 'all four files came from the cache');
  });

  it('loadMnist rejects content with the wrong checksum and names a truncated file', async () => {
    const dir = cache();
    await assert.rejects(loadMnist({ baseUrl: `${base}/tiny/`, cacheDir: dir, ...fast }), new RegExp(`checksum mismatch for .*train-images-idx3-ubyte\\.gz: the decompressed train-images-idx3-ubyte has sha256 ${TINY_SHA['train-images-idx3-ubyte']}, expected ${MNIST_SHA256['train-images-idx3-ubyte']}`));
    assert.ok(!existsSync(join(dir, 'mnist', 'train-images-idx3-ubyte.gz')), 'the bad file was deleted');
    await assert.rejects(loadMnist({ baseUrl: `${base}/tiny-truncated/`, cacheDir: cache(), checksums: null, ...fast }), /train-images-idx3-ubyte\.gz: gzip data is corrupted or truncated \(unexpected end of file\)/);
  });
});
