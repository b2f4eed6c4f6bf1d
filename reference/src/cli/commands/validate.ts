// spec: cli.validate
import { resolve } from 'node:path';
import { StepyardError } from '../../errors/stepyard-error.js';
import { toProblem, type Problem } from '../../errors/to-problem.js';
import { BUILTIN_NODE_NAMES } from '../../nodes/catalogue.js';
import { listFlowFiles, resolveFlowsDir } from '../../project/flows.js';
import { findProjectRoot } from '../../project/root.js';
import type { CommandContext, CommandInput } from '../context.js';
import { displayPath } from '../display-path.js';
import { EXIT_CODES } from '../exit-codes.js';
import { formatProblem } from '../render/error.js';
import { renderJson } from '../render/json.js';

/** The validation result of one file (spec/schemas/validate-result.schema.json). */
export interface FileReport {
  file: string;
  ok: boolean;
  errors: Problem[];
  warnings: Problem[];
}

/** `stepyard validate [FILES...] [--all] [--json]`. Exit 0 when every file is valid, 3 when any is invalid. */
export async function runValidate(input: CommandInput, ctx: CommandContext): Promise<number> {
  const files = Array.isArray(input.args[0]) ? (input.args[0] as string[]) : [];
  if (input.options.all === true && files.length > 0) {
    throw new StepyardError('CLI_USAGE', 'pass flow files or --all, not both', { hint: 'stepyard validate --all' });
  }
  const targets = files.length > 0 ? files.map((file) => resolve(ctx.cwd, file)) : listProjectFlows(ctx);
  const { loadFlowFile } = await import('../../flow/load.js');
  const { createBuiltinInputChecker } = await import('../../nodes/literal-inputs.js');
  const checkInputs = createBuiltinInputChecker();
  const reports: FileReport[] = [];
  for (const target of targets) {
    const file = displayPath(ctx.cwd, target);
    const result = loadFlowFile(file, { knownNodes: BUILTIN_NODE_NAMES, checkInputs });
    const errors = result.ok ? [] : result.errors.map(toProblem);
    reports.push({ file, ok: errors.length === 0, errors, warnings: result.warnings.map(toProblem) });
  }
  const ok = reports.every((report) => report.ok);
  if (input.options.json === true) ctx.stdout(renderJson({ ok, files: reports }));
  else ctx.stdout(formatReports(reports));
  return ok ? EXIT_CODES.ok : EXIT_CODES.invalid;
}

// Every flow file of the flows directory; outside a project (and without STEPYARD_FLOWS_DIR) PROJECT_NOT_FOUND.
function listProjectFlows(ctx: CommandContext): string[] {
  const root = findProjectRoot(ctx.cwd);
  const flowsDir = resolveFlowsDir({ cwd: ctx.cwd, env: ctx.env, root });
  if (flowsDir === null) {
    throw new StepyardError('PROJECT_NOT_FOUND', `no Stepyard project in ${ctx.cwd} or any parent directory`, {
      hint: "pass flow files explicitly, or run 'stepyard init' to create a project",
    });
  }
  return listFlowFiles(flowsDir);
}

function formatReports(reports: FileReport[]): string {
  if (reports.length === 0) return 'no flow files found; pass file paths or add flows to the flows directory\n';
  const lines: string[] = [];
  for (const report of reports) {
    lines.push(`${report.ok ? '✓' : '✗'} ${report.file}\n`);
    for (const problem of [...report.errors, ...report.warnings]) lines.push(formatProblem(problem, '  '));
  }
  const invalid = reports.filter((report) => !report.ok).length;
  const noun = reports.length === 1 ? 'file' : 'files';
  lines.push(`${reports.length} ${noun} checked, ${invalid} invalid\n`);
  return lines.join('');
}
