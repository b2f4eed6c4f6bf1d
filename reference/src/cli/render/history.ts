// Human output of the history commands: status table, run list, run details (not normative).
import type { FlowStatus } from '../commands/status.js';
import type { JsonValue } from '../../flow/types.js';
import { createPalette, type Palette } from './ansi.js';
import type { RunResult, RunSummary } from './run-result.js';
import { formatDuration, formatTable, formatTimestamp, formatValue, indentLines, truncate } from './values.js';

/** Knobs shared by the history renderers. */
export interface HistoryFormat {
  color: boolean;
}

/** `● status` with a colour per status. */
export function formatStatusBadge(status: string, p: Palette): string {
  switch (status) {
    case 'completed':
      return p.green(status);
    case 'failed':
    case 'invalid':
      return p.red(status);
    case 'running':
    case 'queued':
      return p.cyan(status);
    case 'waiting_for_approval':
    case 'waiting_for_input':
    case 'cancelled':
      return p.yellow(status);
    default:
      return p.dim(status);
  }
}

/** The `status` table: one row per flow. */
export function formatStatusTable(flows: readonly FlowStatus[], format: HistoryFormat): string {
  if (flows.length === 0) return "No flows and no runs yet. Add a flow to the flows directory, or run 'stepyard init'.\n";
  const p = createPalette(format.color);
  const rows = [['FLOW', 'STATE', 'LAST RUN', 'STARTED', 'DURATION', 'FILE']];
  for (const flow of flows) {
    const last = flow.last_run;
    rows.push([
      flow.flow,
      flow.state,
      last?.run_id ?? '-',
      formatTimestamp(last?.started_at ?? last?.created_at ?? null),
      formatDuration(last?.duration_ms ?? null),
      flow.file ?? '(file missing)',
    ]);
  }
  const colored = formatTable(rows).map((line, index) => (index === 0 ? p.bold(line) : line));
  return `${colored.join('\n')}\n`;
}

/** The `runs` table. */
export function formatRunList(runs: readonly RunSummary[], format: HistoryFormat): string {
  if (runs.length === 0) return 'No runs match.\n';
  const p = createPalette(format.color);
  const rows = [['RUN ID', 'FLOW', 'STATUS', 'STARTED', 'DURATION', 'ERROR']];
  for (const run of runs) {
    rows.push([run.run_id, run.flow, run.status, formatTimestamp(run.started_at ?? run.created_at), formatDuration(run.duration_ms), run.error?.code ?? '']);
  }
  return `${formatTable(rows).map((line, index) => (index === 0 ? p.bold(line) : line)).join('\n')}\n`;
}

/** `show RUN`: the run, then every step execution with status, duration, attempts, inputs, output, error. */
export function formatRunDetails(result: RunResult, format: HistoryFormat & { columns?: number }): string {
  const p = createPalette(format.color);
  const lines: string[] = [
    `${p.bold('Run')}       ${result.run_id}`,
    `${p.bold('Flow')}      ${result.flow}${result.flow_file === null ? '' : p.dim(` (${result.flow_file})`)}`,
    `${p.bold('Status')}    ${formatStatusBadge(result.status, p)}`,
    `${p.bold('Trigger')}   ${result.trigger.type}`,
    `${p.bold('Started')}   ${formatTimestamp(result.started_at)}`,
    `${p.bold('Duration')}  ${formatDuration(result.duration_ms)}`,
  ];
  if (Object.keys(result.vars).length > 0) lines.push(`${p.bold('Vars')}      ${formatValue(result.vars)}`);
  if (result.error !== null) {
    const where = result.error.step_id === undefined ? '' : ` in step '${result.error.step_id}'`;
    lines.push(`${p.bold('Error')}     ${p.red(result.error.code)}${where}: ${indentLines(result.error.message, '          ').trimStart()}`);
  }
  lines.push('');
  if (result.step_order.length === 0) {
    lines.push(p.dim('No steps ran.'));
    return `${lines.join('\n')}\n`;
  }
  const rows = [['STEP', 'STATUS', 'DURATION', 'ATTEMPTS']];
  for (const execId of result.step_order) {
    const step = result.steps[execId];
    if (step === undefined) continue;
    rows.push([execId, step.status, formatDuration(step.duration_ms), String(step.attempts)]);
  }
  lines.push(...formatTable(rows).map((line, index) => (index === 0 ? p.bold(line) : line)));
  const width = Math.max(40, (format.columns ?? 100) - 8);
  for (const execId of result.step_order) {
    const step = result.steps[execId];
    if (step === undefined) continue;
    lines.push('', `${p.bold(execId)} ${p.dim(`(${step.status})`)}`);
    if (step.inputs !== null && !(typeof step.inputs === 'object' && Object.keys(step.inputs).length === 0)) {
      lines.push(`  inputs: ${indentLines(formatValue(step.inputs, width), '    ').trimStart()}`);
    }
    if (step.output !== null) lines.push(`  output: ${indentLines(formatValue(step.output, width), '    ').trimStart()}`);
    if (step.error !== null) lines.push(`  error:  ${p.red(step.error.code)}: ${indentLines(step.error.message, '    ').trimStart()}`);
    const decided = step.wait === undefined ? null : formatDecision(step.wait, step.status === 'waiting');
    if (decided !== null) lines.push(`  ${decided}`);
  }
  return `${lines.join('\n')}\n`;
}

/** One line per search match: `RUN_ID:LINE  TEXT`. */
export function formatSearchMatches(matches: readonly { run_id: string; line: number; text: string }[], query: string, columns = 200): string {
  if (matches.length === 0) return `No matches for '${query}'.\n`;
  return `${matches.map((match) => truncate(`${match.run_id}:${match.line}  ${match.text}`, columns)).join('\n')}\n`;
}

// spec: cli.approve — who decided a wait, when and why (or what the step still waits for).
function formatDecision(wait: Record<string, JsonValue>, waiting: boolean): string | null {
  if (typeof wait.decision !== 'string') return waiting && typeof wait.reason === 'string' ? `waiting: ${wait.reason}` : null;
  const by = typeof wait.actor === 'string' ? ` by ${wait.actor}` : '';
  const at = typeof wait.decided_at === 'string' ? ` at ${formatTimestamp(wait.decided_at)}` : '';
  const comment = typeof wait.comment === 'string' && wait.comment !== '' ? `: ${wait.comment}` : '';
  return `${wait.decision}${by}${at}${comment}`;
}
