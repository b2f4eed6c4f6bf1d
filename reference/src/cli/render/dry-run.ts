// Human output of `stepyard run --dry-run` (not normative).
import type { DryRunResult } from '../commands/run-plan.js';
import { describeConditions } from '../commands/plan-steps.js';
import { formatTable, formatValue, indentLines } from './values.js';

/** The plan: flow, steps depth-first with uses, conditions and inputs, variables, missing env vars. */
export function formatDryRun(result: DryRunResult): string {
  const lines = [`Dry run of ${result.flow} (${result.flow_file}): nothing is executed, no run is recorded.`];
  if (result.description !== null) lines.push(result.description);
  lines.push('');
  const rows = [['#', 'STEP', 'USES', 'CONDITIONS']];
  result.steps.forEach((step, index) => {
    rows.push([String(index + 1), `${'  '.repeat(step.depth)}${step.id}`, step.uses ?? 'group', describeConditions(step).join(', ')]);
  });
  const table = formatTable(rows);
  lines.push(table[0] ?? '');
  result.steps.forEach((step, index) => {
    lines.push(table[index + 1] ?? '');
    for (const [key, value] of Object.entries(step.with)) {
      const later = step.unresolved.includes(key) ? '  (resolved when the run gets there)' : '';
      const text = formatValue(value);
      lines.push(text.includes('\n') ? `     with ${key} =\n${indentLines(text, '       ')}${later}` : `     with ${key} = ${text}${later}`);
    }
  });
  lines.push('');
  const vars = Object.entries(result.vars);
  lines.push(vars.length === 0 ? 'Variables: none' : `Variables: ${vars.map(([key, value]) => `${key}=${JSON.stringify(value)}`).join(', ')}`);
  lines.push(result.missing_env.length === 0 ? 'Environment: every referenced variable is set' : `Missing environment variables: ${result.missing_env.join(', ')}`);
  for (const warning of result.warnings) lines.push(`warning: ${warning}`);
  return `${lines.join('\n')}\n`;
}
