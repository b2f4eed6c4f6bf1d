// What waits, for people: the `approvals` list, one waiting step in detail, and the Approve / Reject / Postpone
// question (node:readline through the command context). Not normative.
import type { JsonValue } from '../../flow/types.js';
import { createPalette } from './ansi.js';
import { formatTable, formatTimestamp, formatValue, indentLines, truncate } from './values.js';

/** One waiting execution as `stepyard approvals --json` lists it (approvals-result.schema.json). */
export interface ApprovalItem {
  run_id: string;
  flow: string;
  flow_file: string | null;
  exec_id: string;
  step_id: string;
  /** `approval` (waiting_for_approval) or `input` (waiting_for_input). */
  kind: 'approval' | 'input';
  reason: string;
  /** When the step started waiting. */
  since: string | null;
  /** What is asked: `{message, node, inputs}` for approvals, `{prompt, type, choices, default, required, sensitive}` for inputs. */
  asked: JsonValue;
}

/** What a person chose for one waiting step. */
export type DecisionChoice = 'approve' | 'reject' | 'postpone' | 'answer';

/** The `approvals` table. */
export function formatApprovalList(items: readonly ApprovalItem[], color: boolean): string {
  if (items.length === 0) return 'Nothing is waiting for approval or input.\n';
  const p = createPalette(color);
  const rows = [['RUN ID', 'FLOW', 'STEP', 'WAITS FOR', 'SINCE', 'ASKED']];
  for (const item of items) rows.push([item.run_id, item.flow, item.exec_id, item.kind, formatTimestamp(item.since), truncate(summarizeAsked(item), 50)]);
  const table = formatTable(rows).map((line, index) => (index === 0 ? p.bold(line) : line));
  return `${table.join('\n')}\n${p.dim('approve: stepyard approve RUN · answer: stepyard input RUN --value V · reject: stepyard reject RUN')}\n`;
}

/** One waiting step in detail, before the question. */
export function formatApprovalDetails(item: ApprovalItem, color: boolean): string {
  const p = createPalette(color);
  const lines = [
    `${p.bold(item.kind === 'approval' ? 'Approval' : 'Input')} ${p.dim('·')} ${item.flow} ${p.dim(`(run ${item.run_id})`)}`,
    `  step   ${item.exec_id}`,
    `  since  ${formatTimestamp(item.since)}`,
  ];
  const asked = asRecord(item.asked);
  if (item.kind === 'approval') {
    if (typeof asked.message === 'string') lines.push(`  ${p.yellow(asked.message)}`);
    if (typeof asked.node === 'string') lines.push(`  node   ${asked.node}`);
    if (asked.inputs !== undefined && asked.inputs !== null) lines.push(`  inputs ${indentLines(formatValue(asked.inputs), '         ').trimStart()}`);
  } else if (typeof asked.prompt === 'string') lines.push(`  ${p.yellow(asked.prompt)}`);
  return `${lines.join('\n')}\n`;
}

/** The short text of what is asked: the approval message (or node), or the input prompt. */
export function summarizeAsked(item: ApprovalItem): string {
  const asked = asRecord(item.asked);
  if (item.kind === 'input') return typeof asked.prompt === 'string' ? asked.prompt : '';
  if (typeof asked.message === 'string') return asked.message;
  return typeof asked.node === 'string' ? `run ${asked.node}` : '';
}

/** Ask Approve / Reject / Postpone (for inputs: Answer / Reject / Postpone) until one is picked. */
export async function promptDecision(kind: 'approval' | 'input', ask: (question: string) => Promise<string>): Promise<DecisionChoice> {
  const question = kind === 'approval' ? '[a]pprove, [r]eject or [p]ostpone? ' : '[a]nswer, [r]eject or [p]ostpone? ';
  for (;;) {
    const word = (await ask(question)).trim().toLowerCase();
    if (word === 'a' || word === 'approve' || word === 'answer' || word === 'y' || word === 'yes') return kind === 'approval' ? 'approve' : 'answer';
    if (word === 'r' || word === 'reject') return 'reject';
    if (word === 'p' || word === 'postpone' || word === '') return 'postpone';
  }
}

function asRecord(value: JsonValue): Record<string, JsonValue> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : {};
}
