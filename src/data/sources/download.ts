/**
 * Downloading a file into the cache, safely:
 *
 *   const path = await download('https://…/t10k-labels-idx1-ubyte.gz', {sha256: 'f7ae60f9…'});
 *
 * - Cache: `cacheDir` option, else $NABLA_CACHE, else $XDG_CACHE_HOME/nabla, else ~/.cache/nabla.
 *   A cached file whose checksum matches is returned without touching the network.
 * - Atomic: bytes go to `<file>.part`, which is renamed onto `<file>` only once complete and
 *   verified, so a crash never leaves a half-written file under the final name.
 * - Resumable: a failed attempt (dropped connection, short body, timeout, 5xx) keeps the `.part`
 *   file, and the next attempt asks for the rest with an HTTP Range request (a server that ignores
 *   it sends the whole file, which is then written from the start). `retries` attempts after the
 *   first, with exponential back-off.
 * - Verified: with `sha256`, a mismatch deletes the download and throws a ChecksumError naming
 *   the URL, the expected and the actual digest.
 * - Clear failures: unreachable hosts say so ("are you offline?"), HTTP errors give the status,
 *   and `timeoutMs` bounds how long the connection may stay silent.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, join } from 'node:path';

export type FetchLike = (url: string, init: { headers: Record<string, string>; signal: AbortSignal }) => Promise<Response>;

export interface DownloadOptions {
  /** Expected SHA-256 of the file (hex). Strongly recommended. */
  sha256?: string;
  /** Where to keep downloads (default {@link defaultCacheDir}). */
  cacheDir?: string;
  /** Name in the cache (default: the last segment of the URL path). */
  fileName?: string;
  /** Attempts after the first one fails (default 3). */
  retries?: number;
  /** Abort an attempt when no byte arrives for this long (default 30,000 ms). */
  timeoutMs?: number;
  /** Wait before retry k (0-based) is retryDelayMs·2^k (default 500 ms). */
  retryDelayMs?: number;
  /** A fetch implementation (default: the global fetch). */
  fetch?: FetchLike;
  /** Called after every chunk with the bytes on disk and the expected total (if known). */
  onProgress?: (received: number, total: number | undefined) => void;
}

/** The SHA-256 of a download did not match the expected one. */
export class ChecksumError extends Error {
  constructor(
    readonly url: string,
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`download: checksum mismatch for ${url}: expected sha256 ${expected}, got ${actual}; the file is corrupted or has changed on the server (the bad download was deleted)`);
    this.name = 'ChecksumError';
  }
}

/** $NABLA_CACHE, else $XDG_CACHE_HOME/nabla, else ~/.cache/nabla. */
export function defaultCacheDir(): string {
  const env = process.env['NABLA_CACHE'];
  if (env) return env;
  const xdg = process.env['XDG_CACHE_HOME'];
  return join(xdg ? xdg : join(homedir(), '.cache'), 'nabla');
}

/** SHA-256 (hex) of a file, streamed. */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** An attempt failed in a way that another attempt cannot fix (HTTP 404, …). */
class FatalError extends Error {}

const OFFLINE = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ENETUNREACH', 'EHOSTUNREACH', 'ECONNRESET', 'ETIMEDOUT']);

/** The most specific reason in an error chain (fetch wraps socket errors in `cause`). */
function reason(e: unknown): { code: string | undefined; text: string } {
  let code: string | undefined;
  const parts: string[] = [];
  for (let cur: unknown = e, depth = 0; cur && depth < 5; depth++) {
    const err = cur as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof err.code === 'string' && !code) code = err.code;
    if (typeof err.message === 'string' && err.message && !parts.includes(err.message)) parts.push(err.message);
    cur = err.cause;
  }
  return { code, text: parts.join(': ') || String(e) };
}

export async function download(url: string, options: DownloadOptions = {}): Promise<string> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`download: invalid URL ${JSON.stringify(url)}`);
  }
  const expected = options.sha256?.toLowerCase();
  if (expected !== undefined && !/^[0-9a-f]{64}$/.test(expected)) throw new Error(`download: sha256 must be 64 hex digits, got ${JSON.stringify(options.sha256)}`);
  const fileName = options.fileName ?? decodeURIComponent(basename(parsed.pathname));
  if (!fileName || fileName === '.' || fileName === '..' || /[/\\]/.test(fileName)) {
    throw new Error(`download: cannot derive a file name from ${url}; pass {fileName}`);
  }
  const retries = options.retries ?? 3;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const retryDelayMs = options.retryDelayMs ?? 500;
  if (!Number.isInteger(retries) || retries < 0) throw new Error(`download: retries must be a non-negative integer, got ${retries}`);
  if (!(timeoutMs > 0)) throw new Error(`download: timeoutMs must be positive, got ${timeoutMs}`);
  const fetchImpl: FetchLike = options.fetch ?? ((u, init) => fetch(u, init));
  const dir = options.cacheDir ?? defaultCacheDir();
  await mkdir(dir, { recursive: true });
  const dest = join(dir, fileName);
  const part = `${dest}.part`;

  if (existsSync(dest)) {
    if (expected === undefined || (await sha256File(dest)) === expected) return dest;
    await rm(dest, { force: true }); // a stale or damaged cache entry: fetch it again
  }

  let lastError: unknown;
  for (let attempt = 0; attempt <= retries; attempt++) {
    if (attempt > 0) await new Promise((r) => setTimeout(r, retryDelayMs * 2 ** (attempt - 1)));
    try {
      await fetchInto(url, part, fetchImpl, timeoutMs, options.onProgress);
      lastError = undefined;
      break;
    } catch (e) {
      lastError = e;
      if (e instanceof FatalError) break;
    }
  }
  if (lastError !== undefined) {
    if (lastError instanceof FatalError) throw new Error(lastError.message);
    const { code, text } = reason(lastError);
    const hint = code && OFFLINE.has(code) ? ` — cannot reach ${parsed.host}; are you offline, or is the base URL wrong?` : '';
    const kept = existsSync(part) ? ` (the partial download ${part} is kept, and the next call resumes it)` : '';
    throw new Error(`download: failed to fetch ${url} after ${retries + 1} attempt${retries ? 's' : ''}: ${text}${code ? ` [${code}]` : ''}${hint}${kept}`);
  }
  if (expected !== undefined) {
    const actual = await sha256File(part);
    if (actual !== expected) {
      await rm(part, { force: true });
      throw new ChecksumError(url, expected, actual);
    }
  }
  await rename(part, dest);
  return dest;
}

/** One attempt: fetch (the rest of) url into `part`; throws on anything short of a complete body. */
async function fetchInto(url: string, part: string, fetchImpl: FetchLike, timeoutMs: number, onProgress: DownloadOptions['onProgress']): Promise<void> {
  let have = existsSync(part) ? (await stat(part)).size : 0;
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const arm = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => controller.abort(new Error(`no data for ${timeoutMs} ms (timeoutMs)`)), timeoutMs);
  };
  arm();
  try {
    const headers: Record<string, string> = have > 0 ? { Range: `bytes=${have}-` } : {};
    let res: Response;
    try {
      res = await fetchImpl(url, { headers, signal: controller.signal });
    } catch (e) {
      throw controller.signal.aborted ? controller.signal.reason : e;
    }
    let total: number | undefined;
    let append = false;
    if (res.status === 206) {
      const m = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(res.headers.get('content-range') ?? '');
      if (!m || Number(m[1]) !== have) {
        // not the range we asked for: start over
        await res.body?.cancel();
        await rm(part, { force: true });
        throw new Error(`the server answered a resume request with the wrong range (${res.headers.get('content-range')})`);
      }
      append = true;
      total = m[3] === '*' ? undefined : Number(m[3]);
    } else if (res.status === 416 && have > 0) {
      await res.body?.cancel();
      const m = /^bytes \*\/(\d+)$/.exec(res.headers.get('content-range') ?? '');
      if (m && Number(m[1]) === have) return; // the partial file was already complete
      await rm(part, { force: true });
      throw new Error('the server rejected the resume range; starting over');
    } else if (res.ok) {
      const len = res.headers.get('content-length');
      total = len !== null ? Number(len) : undefined;
      have = 0;
    } else {
      await res.body?.cancel();
      const msg = `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''} for ${url}`;
      if (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429) throw new FatalError(`download: ${msg}`);
      throw new Error(msg);
    }
    if (!res.body) throw new Error('the response has no body');
    const fh = await open(part, append ? 'a' : 'w');
    let received = have;
    try {
      const reader = res.body.getReader();
      for (;;) {
        let chunk: ReadableStreamReadResult<Uint8Array>;
        try {
          chunk = await reader.read();
        } catch (e) {
          throw controller.signal.aborted ? controller.signal.reason : e;
        }
        if (chunk.done) break;
        arm();
        await fh.write(chunk.value);
        received += chunk.value.length;
        onProgress?.(received, total);
      }
    } finally {
      await fh.close();
    }
    if (total !== undefined && received !== total) {
      throw new Error(`the connection closed after ${received} of ${total} bytes`);
    }
  } finally {
    clearTimeout(timer);
  }
}
