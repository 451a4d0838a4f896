/** Formatting of log records for people: "loss 0.1234  accuracy 0.9712  lr 0.001". */
import type { Logs } from './history.js';

export function formatValue(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v !== 0 && (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e5)) return v.toExponential(3);
  return v.toFixed(4);
}

export function formatLogs(logs: Logs, skip: readonly string[] = ['epoch', 'seconds', 'step']): string {
  return Object.entries(logs)
    .filter(([k]) => !skip.includes(k))
    .map(([k, v]) => `${k} ${formatValue(v)}`)
    .join('  ');
}

export function formatSeconds(s: number): string {
  if (s < 60) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  return `${m} min ${Math.round(s - 60 * m)} s`;
}
