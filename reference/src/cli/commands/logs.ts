// spec: cli.logs
import { closeSync, existsSync, openSync, readFileSync, readSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { RunRecord } from '../../engine/types.js';
import { StepyardError } from '../../errors/stepyard-error.js';
import { requireProjectRoot } from '../../project/root.js';
import { reconcileRuns } from '../../runner/reconcile.js';
import { findRunLog, runLogsDir } from '../../storage/paths.js';
import type { CommandContext, CommandInput } from '../context.js';
import { displayPath } from '../display-path.js';
import { formatSearchMatches } from '../render/history.js';
import { renderJson } from '../render/json.js';
import { resolveFlowName } from './flow-info.js';
import { findRunReference, latestRun, openHistory, runNotFound, type History } from './history-store.js';
import { parseCount } from './runs.js';

/** How often `logs -f` looks for new lines and for the run's end. */
export const FOLLOW_POLL_MS = 250;

/** One `logs --search` hit. */
export interface LogMatch {
  run_id: string;
  /** 1-based line number in the run's log. */
  line: number;
  text: string;
}

/** `stepyard logs [RUN|FLOW] [-f] [--search Q] [-n N] [--json]`. */
export async function runLogs(input: CommandInput, ctx: CommandContext): Promise<number> {
  const options = input.options;
  const reference = typeof input.args[0] === 'string' ? input.args[0] : undefined;
  const follow = options.follow === true;
  const search = typeof options.search === 'string' ? options.search : undefined;
  const count = options.lines === undefined ? undefined : parseCount(options.lines, '--lines', 0);
  if (follow && (options.json === true || search !== undefined)) {
    throw new StepyardError('CLI_USAGE', `--follow cannot be combined with ${options.json === true ? '--json' : '--search'}`);
  }
  const root = requireProjectRoot(ctx.cwd);
  const history = await openHistory(root);
  try {
    if (search !== undefined) {
      const files = reference === undefined ? allRunLogs(root) : [runLogFile(root, resolveLogTarget(history, reference, ctx, root))];
      const matches = lastOf(searchLogs(files, search), count);
      if (options.json === true) ctx.stdout(renderJson({ ok: true, query: search, matches }));
      else ctx.stdout(formatSearchMatches(matches, search, ctx.columns ?? 200));
      return 0;
    }
    const run = reference === undefined ? latestRun(history) : resolveLogTarget(history, reference, ctx, root);
    if (run === undefined) throw runNotFound('no runs yet', history);
    const file = runLogFile(root, run);
    const text = file.path === null ? '' : readFileSync(file.path, 'utf8');
    const lines = lastOf(splitLines(text), count);
    if (options.json === true) {
      const logFile = file.path === null ? null : displayPath(ctx.cwd, file.path);
      ctx.stdout(renderJson({ ok: true, run_id: run.id, flow: run.flowName, status: run.status, log_file: logFile, lines }));
      return 0;
    }
    if (file.path === null && !follow) ctx.stderr(`no log for run ${run.id}\n`);
    for (const line of lines) ctx.stdout(`${line}\n`);
    if (follow) await followLog(history, run, root, Buffer.byteLength(text), ctx);
    return 0;
  } finally {
    history?.close();
  }
}

// RUN|FLOW: an exact run id, else a flow (its latest run), else a unique run-id prefix.
function resolveLogTarget(history: History | null, reference: string, ctx: CommandContext, root: string): RunRecord {
  const exact = history?.store.getRun(reference);
  if (exact !== undefined) return exact;
  const ofFlow = latestRun(history, resolveFlowName(reference, ctx, root));
  if (ofFlow !== undefined) return ofFlow;
  const byPrefix = findRunReference(history, reference);
  if (byPrefix !== undefined) return byPrefix;
  throw runNotFound(`no run or flow with runs named '${reference}'`, history);
}

function runLogFile(root: string, run: RunRecord): { runId: string; path: string | null } {
  const candidates = [run.logPath, findRunLog(root, run.id)];
  const found = candidates.find((candidate): candidate is string => typeof candidate === 'string' && existsSync(candidate));
  return { runId: run.id, path: found ?? null };
}

// Every run log on disk (logs/runs/<flow>/<run_id>.log), oldest run id first.
function allRunLogs(root: string): { runId: string; path: string | null }[] {
  const dir = runLogsDir(root);
  if (!existsSync(dir)) return [];
  const files: { runId: string; path: string }[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    for (const name of readdirSync(path.join(dir, entry.name))) {
      if (name.endsWith('.log')) files.push({ runId: name.slice(0, -'.log'.length), path: path.join(dir, entry.name, name) });
    }
  }
  return files.sort((a, b) => (a.runId < b.runId ? -1 : a.runId > b.runId ? 1 : 0));
}

/** Case-insensitive substring search over log files. */
// spec: cli.logs
export function searchLogs(files: readonly { runId: string; path: string | null }[], query: string): LogMatch[] {
  const needle = query.toLowerCase();
  const matches: LogMatch[] = [];
  for (const file of files) {
    if (file.path === null) continue;
    let text: string;
    try {
      text = readFileSync(file.path, 'utf8');
    } catch {
      continue;
    }
    splitLines(text).forEach((line, index) => {
      if (line.toLowerCase().includes(needle)) matches.push({ run_id: file.runId, line: index + 1, text: line });
    });
  }
  return matches;
}

function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function lastOf<T>(items: T[], count: number | undefined): T[] {
  if (count === undefined) return items;
  return count === 0 ? [] : items.slice(-count);
}

// Prints lines as they are appended until the run is no longer active (or the user interrupts).
async function followLog(history: History | null, run: RunRecord, root: string, offset: number, ctx: CommandContext): Promise<void> {
  let stopped = false;
  const unsubscribe = ctx.onSignal?.(() => {
    stopped = true;
  });
  let position = offset;
  let pending = '';
  const drain = (): boolean => {
    const file = runLogFile(root, run).path;
    if (file === null) return false;
    const size = statSync(file).size;
    if (size <= position) return false;
    const buffer = Buffer.alloc(size - position);
    const fd = openSync(file, 'r');
    try {
      readSync(fd, buffer, 0, buffer.length, position);
    } finally {
      closeSync(fd);
    }
    position = size;
    const text = pending + buffer.toString('utf8');
    const cut = text.lastIndexOf('\n');
    pending = cut === -1 ? text : text.slice(cut + 1);
    if (cut !== -1) ctx.stdout(text.slice(0, cut + 1));
    return true;
  };
  try {
    for (;;) {
      if (stopped) return;
      drain();
      const current = history?.store.getRun(run.id);
      if (current === undefined || (current.status !== 'running' && current.status !== 'queued')) {
        drain();
        if (pending !== '') ctx.stdout(`${pending}\n`);
        return;
      }
      if (history !== null) reconcileRuns(history.store);
      await new Promise((resolve) => setTimeout(resolve, FOLLOW_POLL_MS));
    }
  } finally {
    unsubscribe?.();
  }
}
