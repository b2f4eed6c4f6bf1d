// spec: cli.clear
import { existsSync, readdirSync, rmSync, rmdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { StepyardError } from '../../errors/stepyard-error.js';
import { requireProjectRoot } from '../../project/root.js';
import { runLogsDir } from '../../storage/paths.js';
import type { CommandContext, CommandInput } from '../context.js';
import { renderJson } from '../render/json.js';
import { resolveFlowName } from './flow-info.js';
import { openHistory, type History } from './history-store.js';
import { parseCount } from './runs.js';

/** A log file without a run record is removed by `clear` only once it is this old (its run may be starting). */
export const ORPHAN_LOG_AGE_MS = 10 * 60_000;

/**
 * `stepyard clear [--flow F] [--keep N] [--force] [--json]`: delete finished runs and their logs. Runs that are
 * queued, running or waiting are never deleted. Without --force it asks on a terminal and refuses elsewhere.
 */
export async function runClear(input: CommandInput, ctx: CommandContext): Promise<number> {
  const options = input.options;
  const keep = parseCount(options.keep, '--keep', 0);
  const root = requireProjectRoot(ctx.cwd);
  const flow = typeof options.flow === 'string' ? resolveFlowName(options.flow, ctx, root) : undefined;
  if (options.force !== true) {
    const which = flow === undefined ? 'all finished runs' : `the finished runs of flow '${flow}'`;
    const question = `Delete the history and logs of ${which}${keep > 0 ? `, keeping the newest ${keep} per flow` : ''}? Active runs are kept. [y/N] `;
    if (options.json === true || ctx.prompt === undefined || ctx.stdinIsTTY !== true) {
      throw new StepyardError('CLI_USAGE', 'clear deletes history; pass --force to confirm', { hint: 'stepyard clear --force' });
    }
    const answer = (await ctx.prompt(question)).trim().toLowerCase();
    if (answer !== 'y' && answer !== 'yes') {
      ctx.stdout('Nothing deleted.\n');
      return 0;
    }
  }
  const history = await openHistory(root);
  let deleted: string[] = [];
  let kept = 0;
  let orphanLogs = 0;
  try {
    if (history !== null) {
      deleted = history.store.clearHistory({ keepLast: keep, ...(flow === undefined ? {} : { flow }) }).runIds;
      kept = history.store.listRuns({ limit: 0, status: ['queued', 'running', 'waiting_for_approval', 'waiting_for_input'], ...(flow === undefined ? {} : { flow }) }).length;
    }
    if (flow === undefined && keep === 0) orphanLogs = removeOrphanLogs(root, history);
  } finally {
    history?.close();
  }
  if (options.json === true) {
    ctx.stdout(renderJson({ ok: true, deleted: deleted.length, run_ids: deleted, active_kept: kept, orphan_logs_deleted: orphanLogs }));
  } else {
    const activeNote = kept > 0 ? `; ${kept} active run${kept === 1 ? '' : 's'} kept` : '';
    ctx.stdout(`Deleted ${deleted.length} run${deleted.length === 1 ? '' : 's'} and ${deleted.length === 1 ? 'its' : 'their'} logs${activeNote}.\n`);
  }
  return 0;
}

// Log files whose run has no record (e.g. left by a crash before the run was recorded) and are old enough.
function removeOrphanLogs(root: string, history: History | null): number {
  const dir = runLogsDir(root);
  if (!existsSync(dir)) return 0;
  const now = Date.now();
  let removed = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const sub = path.join(dir, entry.name);
    for (const name of readdirSync(sub)) {
      if (!name.endsWith('.log')) continue;
      const file = path.join(sub, name);
      const runId = name.slice(0, -'.log'.length);
      if (history?.store.getRun(runId) !== undefined) continue;
      try {
        if (now - statSync(file).mtimeMs < ORPHAN_LOG_AGE_MS) continue;
        rmSync(file, { force: true });
        removed++;
      } catch {
        // Gone already.
      }
    }
    try {
      // _pending/ may be about to receive a starting run's log.
      if (entry.name !== '_pending' && readdirSync(sub).length === 0) rmdirSync(sub);
    } catch {
      // Not empty any more, or gone.
    }
  }
  return removed;
}
