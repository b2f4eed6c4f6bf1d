// spec: cli.status
import { listFlowFiles, resolveFlowsDir } from '../../project/flows.js';
import { requireProjectRoot } from '../../project/root.js';
import type { CommandContext, CommandInput } from '../context.js';
import { displayPath } from '../display-path.js';
import { formatStatusTable } from '../render/history.js';
import { renderJson } from '../render/json.js';
import { buildRunSummary, type RunSummary } from '../render/run-result.js';
import { readFlowInfo } from './flow-info.js';
import { listAllRuns, openHistory } from './history-store.js';

/** One flow of `status --json`. */
export interface FlowStatus {
  flow: string;
  /** The flow file (relative to the working directory); null when runs exist but the file is gone. */
  file: string | null;
  description: string | null;
  /** The trigger's `uses`, or null. */
  trigger: string | null;
  /** Whether the file passes every document check; null when there is no file. */
  valid: boolean | null;
  /** `missing`, `invalid`, `ready` (never run) or the last run's status. */
  state: string;
  last_run: RunSummary | null;
}

/** `stepyard status [--json]`: every flow of the project with its last run. Works from any sub-directory. */
export async function runStatus(input: CommandInput, ctx: CommandContext): Promise<number> {
  const root = requireProjectRoot(ctx.cwd);
  const flowsDir = resolveFlowsDir({ cwd: ctx.cwd, env: ctx.env, root }) as string;
  const history = await openHistory(root);
  let runs;
  try {
    runs = listAllRuns(history);
  } finally {
    history?.close();
  }
  const lastByFlow = new Map<string, RunSummary>();
  for (const run of runs) if (!lastByFlow.has(run.flowName)) lastByFlow.set(run.flowName, buildRunSummary(run));
  const flows: FlowStatus[] = [];
  const seen = new Set<string>();
  for (const file of listFlowFiles(flowsDir)) {
    const info = readFlowInfo(file);
    const last = seen.has(info.name) ? null : (lastByFlow.get(info.name) ?? null);
    seen.add(info.name);
    const valid = info.load.ok;
    flows.push({
      flow: info.name,
      file: displayPath(ctx.cwd, file),
      description: info.description,
      trigger: info.trigger,
      valid,
      state: valid ? (last?.status ?? 'ready') : 'invalid',
      last_run: last,
    });
  }
  const orphans = [...lastByFlow.entries()].filter(([name]) => !seen.has(name)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [name, last] of orphans) {
    flows.push({ flow: name, file: null, description: null, trigger: null, valid: null, state: 'missing', last_run: last });
  }
  if (input.options.json === true) ctx.stdout(renderJson({ ok: true, root, flows_dir: displayPath(ctx.cwd, flowsDir), flows }));
  else ctx.stdout(formatStatusTable(flows, { color: false }));
  return 0;
}
