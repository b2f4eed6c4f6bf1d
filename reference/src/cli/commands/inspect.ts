// spec: cli.inspect
import { readFileSync } from 'node:fs';
import { toProblem, type Problem } from '../../errors/to-problem.js';
import { resolveFlowReference, resolveFlowsDir } from '../../project/flows.js';
import { findProjectRoot, requireProjectRoot } from '../../project/root.js';
import type { CommandContext, CommandInput } from '../context.js';
import { displayPath } from '../display-path.js';
import { EXIT_CODES } from '../exit-codes.js';
import { formatProblem } from '../render/error.js';
import { formatTable } from '../render/values.js';
import { renderJson } from '../render/json.js';
import { readFlowInfo } from './flow-info.js';
import { describeConditions, listPlanSteps, type PlanStep } from './plan-steps.js';

/**
 * `stepyard inspect FLOW [--json]`: the flow file with line numbers and its normalized steps. FLOW resolves
 * through the flows directory from any sub-directory; a path works anywhere. Exit 3 when the file is invalid.
 */
export async function runInspect(input: CommandInput, ctx: CommandContext): Promise<number> {
  const reference = String(input.args[0]);
  const root = findProjectRoot(ctx.cwd);
  const flowsDir = resolveFlowsDir({ cwd: ctx.cwd, env: ctx.env, root });
  if (flowsDir === null && !isPathLike(reference)) requireProjectRoot(ctx.cwd);
  const file = resolveFlowReference(reference, { cwd: ctx.cwd, flowsDir });
  const source = readFileSync(file, 'utf8');
  const info = readFlowInfo(file);
  const shown = displayPath(ctx.cwd, file);
  const relativize = (problem: Problem): Problem => (problem.file === undefined ? problem : { ...problem, file: displayPath(ctx.cwd, problem.file) });
  const errors = info.load.ok ? [] : info.load.errors.map((error) => relativize(toProblem(error)));
  const warnings = info.load.warnings.map((warning) => relativize(toProblem(warning)));
  const steps = info.load.ok ? listPlanSteps(info.load.flow) : [];
  if (input.options.json === true) {
    const result = { ok: errors.length === 0, flow: info.name, file: shown, description: info.description, valid: errors.length === 0, source, steps, errors, warnings };
    ctx.stdout(renderJson(errors.length === 0 ? result : { ...result, error: errors[0] }));
  } else {
    ctx.stdout(formatInspection(shown, source, steps));
    for (const problem of [...errors, ...warnings]) ctx.stderr(formatProblem(problem));
  }
  return errors.length === 0 ? EXIT_CODES.ok : EXIT_CODES.invalid;
}

function formatInspection(file: string, source: string, steps: readonly PlanStep[]): string {
  const sourceLines = source.split(/\r?\n/);
  if (sourceLines[sourceLines.length - 1] === '') sourceLines.pop();
  const width = String(sourceLines.length).length;
  const lines = [file, ...sourceLines.map((line, index) => `${String(index + 1).padStart(width + 2)} │ ${line}`)];
  if (steps.length > 0) {
    lines.push('', 'Steps (depth-first):');
    const rows = [['#', 'STEP', 'USES', 'CONDITIONS']];
    steps.forEach((step, index) => rows.push([String(index + 1), `${'  '.repeat(step.depth)}${step.id}`, step.uses ?? 'group', describeConditions(step).join(', ')]));
    lines.push(...formatTable(rows).map((line) => `  ${line}`));
  }
  return `${lines.join('\n')}\n`;
}

function isPathLike(reference: string): boolean {
  return reference.includes('/') || reference.includes('\\') || /\.ya?ml$/i.test(reference);
}
