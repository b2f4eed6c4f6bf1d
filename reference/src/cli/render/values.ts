// Human formatting of durations, timestamps and JSON values (not normative: spec/cli.md fixes only --json output).
import type { JsonValue } from '../../flow/types.js';

/** `850 ms`, `1.2 s`, `2m 05s`, `1h 02m`; '-' for null. */
export function formatDuration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '-';
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const totalSeconds = Math.floor(ms / 1000);
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  if (hours > 0) return `${hours}h ${String(minutes).padStart(2, '0')}m`;
  return `${minutes}m ${String(seconds).padStart(2, '0')}s`;
}

/** An ISO timestamp as `YYYY-MM-DD HH:MM:SS` in local time; '-' for null or garbage. */
export function formatTimestamp(iso: string | null): string {
  if (iso === null) return '-';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** Milliseconds between two ISO timestamps, or null when either is missing. */
export function durationBetween(start: string | null, end: string | null): number | null {
  if (start === null || end === null) return null;
  const ms = Date.parse(end) - Date.parse(start);
  return Number.isFinite(ms) ? Math.max(0, ms) : null;
}

/**
 * A JSON value for people: strings as they are (multi-line kept), anything else as JSON, on one line when
 * it fits in `width` characters, else indented by two spaces per level.
 */
export function formatValue(value: JsonValue, width = 100): string {
  if (typeof value === 'string') return value;
  const compact = JSON.stringify(value);
  if (compact === undefined) return 'null';
  return compact.length <= width ? compact : JSON.stringify(value, null, 2);
}

/** Every line of `text` prefixed by `indent`. */
export function indentLines(text: string, indent: string): string {
  return text
    .split('\n')
    .map((line) => `${indent}${line}`)
    .join('\n');
}

/** Cut `text` to `width` characters, ending in '…' when cut. */
export function truncate(text: string, width: number): string {
  if (width <= 0) return '';
  if (text.length <= width) return text;
  return width === 1 ? '…' : `${text.slice(0, width - 1)}…`;
}

/** Left-aligned columns: each cell padded to its column's widest cell; the last column is not padded. */
export function formatTable(rows: readonly (readonly string[])[], gap = '  '): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) =>
    row
      .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join(gap)
      .trimEnd(),
  );
}
