// The end of `stepyard run` for people: one status line, the error, where to look next, and (--verbose) outputs.
import type { RunStatus } from '../../engine/types.js';
import { createPalette } from './ansi.js';
import type { RunResult } from './run-result.js';
import { formatDuration, formatValue, indentLines } from './values.js';

/** What the summary needs when the stored result could not be read. */
export interface RunEndInfo {
  runId: string;
  flow: string | null;
  status: RunStatus;
  error: { code: string; message: string; step_id?: string } | null;
  durationMs: number | null;
}

/** Knobs of formatRunSummary. */
export interface SummaryOptions {
  verbose: boolean;
  color: boolean;
}

/** The summary lines printed after a run ended (or suspended). */
export function formatRunSummary(end: RunEndInfo, result: RunResult | null, options: SummaryOptions): string {
  const p = createPalette(options.color);
  const flow = end.flow ?? result?.flow ?? 'flow';
  const duration = formatDuration(result?.duration_ms ?? end.durationMs);
  const id = p.dim(`(run ${end.runId})`);
  const lines: string[] = [];
  switch (end.status) {
    case 'completed':
      lines.push(`${p.green('✓')} ${flow} completed in ${duration} ${id}`);
      break;
    case 'waiting_for_approval':
    case 'waiting_for_input': {
      const what = end.status === 'waiting_for_approval' ? 'approval' : 'input';
      const waiting = result === null ? undefined : Object.values(result.steps).find((step) => step.status === 'waiting');
      lines.push(`${p.yellow('⏸')} ${flow} is waiting for ${what}${waiting === undefined ? '' : ` at step '${waiting.exec_id}'`} ${id}`);
      break;
    }
    case 'cancelled':
      lines.push(`${p.yellow('⊘')} ${flow} cancelled after ${duration} ${id}`);
      break;
    default:
      lines.push(`${p.red('✗')} ${flow} ${end.status} after ${duration} ${id}`);
  }
  const error = result?.error ?? end.error;
  if (error !== null && end.status !== 'completed') {
    const where = error.step_id === undefined ? '' : ` in step '${error.step_id}'`;
    lines.push(`  ${p.red(error.code)}${where}: ${error.message.split('\n').join('\n  ')}`);
  }
  if (result !== null) lines.push(...formatStepDetails(result, options.verbose || end.status === 'waiting_for_approval' || end.status === 'waiting_for_input'));
  if (end.status === 'waiting_for_approval') lines.push(`  decide: stepyard approve ${end.runId} · stepyard reject ${end.runId}`);
  if (end.status === 'waiting_for_input') lines.push(`  answer: stepyard input ${end.runId} --value VALUE`);
  if (end.status !== 'completed') lines.push(p.dim(`  details: stepyard show ${end.runId} · log: stepyard logs ${end.runId}`));
  return `${lines.join('\n')}\n`;
}

// Outputs of completed steps (verbose) and errors of failed steps (always).
function formatStepDetails(result: RunResult, showOutputs: boolean): string[] {
  const lines: string[] = [];
  for (const execId of result.step_order) {
    const step = result.steps[execId];
    if (step === undefined) continue;
    if (step.status === 'failed' && step.error !== null && execId !== result.error?.step_id) {
      lines.push(`  ${execId}: ${step.error.code}: ${step.error.message}`);
    }
    if (showOutputs && step.status === 'completed' && step.output !== null) {
      const text = formatValue(step.output);
      lines.push(text.includes('\n') ? `  ${execId}:\n${indentLines(text, '    ')}` : `  ${execId}: ${text}`);
    }
  }
  return lines.length === 0 ? [] : ['', ...lines];
}
