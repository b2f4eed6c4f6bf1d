// One frame of the live run view (TTY): a header, the step list with status symbols and durations, recent logs.
// Pure: the caller passes the time and the spinner tick, so tests can render frames directly.
import { createPalette, type Palette } from './ansi.js';
import type { RowStatus, RunView, StepRow } from './run-view.js';
import { formatDuration, truncate } from './values.js';

/** Frames of the spinner shown next to running steps. */
export const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'] as const;

/** Knobs of renderFrame. */
export interface FrameOptions {
  /** Epoch ms used for the durations of running steps. */
  now: number;
  /** Terminal width; lines are cut to it. */
  columns: number;
  /** Spinner frame counter. */
  tick: number;
  color: boolean;
  /** Most step rows shown; older ones are summarised in one line. */
  maxRows?: number;
}

/** Default number of step rows in a frame (the newest ones). */
export const DEFAULT_FRAME_ROWS = 15;

/** The lines of one frame (no trailing newline, no cursor control). */
export function renderFrame(view: RunView, options: FrameOptions): string[] {
  const p = createPalette(options.color);
  const width = Math.max(20, options.columns);
  const lines: string[] = [];
  const title = view.flow === null ? 'starting run…' : `${p.bold(view.flow)}${view.runId === null ? '' : p.dim(` · ${view.runId}`)}`;
  lines.push(title);
  const maxRows = options.maxRows ?? DEFAULT_FRAME_ROWS;
  const hidden = Math.max(0, view.rows.length - maxRows);
  if (hidden > 0) lines.push(p.dim(`  … ${hidden} earlier step${hidden === 1 ? '' : 's'}`));
  const shown = view.rows.slice(hidden);
  const nameWidth = Math.min(Math.max(0, ...shown.map((row) => row.depth * 2 + row.execId.length)), Math.floor(width / 2));
  for (const row of shown) lines.push(renderRow(row, options, nameWidth, width, p));
  if (view.logs.length > 0) {
    lines.push('');
    for (const log of view.logs) lines.push(p.dim(truncate(`  ${log}`, width - 1)));
  }
  if (view.cancelling && (view.status === 'running' || view.status === 'starting')) lines.push(p.yellow('cancelling… (Ctrl+C again to stop at once)'));
  return lines;
}

function renderRow(row: StepRow, options: FrameOptions, nameWidth: number, width: number, p: Palette): string {
  const indent = '  '.repeat(row.depth);
  const name = truncate(`${indent}${row.execId}`, nameWidth).padEnd(nameWidth);
  const elapsed = row.durationMs ?? (row.status === 'running' || row.status === 'retrying' || row.status === 'waiting' ? options.now - row.startedAt : null);
  const duration = elapsed === null ? '' : formatDuration(elapsed);
  const attempts = row.attempt > 1 ? ` attempt ${row.attempt}` : '';
  const note = row.note === null ? '' : `  ${row.note}`;
  const tail = truncate(`${duration}${attempts}${note}`.trimStart(), Math.max(0, width - nameWidth - 5));
  return `  ${statusSymbol(row.status, options.tick, p)} ${name}  ${colorTail(row.status, tail, p)}`.trimEnd();
}

/** The symbol of a step status (spinner frame for running steps). */
export function statusSymbol(status: RowStatus, tick: number, p: Palette = createPalette(false)): string {
  switch (status) {
    case 'running':
      return p.cyan(SPINNER[tick % SPINNER.length] ?? '•');
    case 'retrying':
      return p.yellow('↻');
    case 'waiting':
      return p.yellow('⏸');
    case 'completed':
      return p.green('✓');
    case 'failed':
      return p.red('✗');
    case 'skipped':
      return p.dim('○');
    case 'cancelled':
      return p.yellow('⊘');
  }
}

function colorTail(status: RowStatus, text: string, p: Palette): string {
  if (status === 'failed') return p.red(text);
  if (status === 'skipped' || status === 'completed') return p.dim(text);
  return text;
}
