// `stepyard run FLOW --dry-run`: the plan of a run without running anything or recording a run.
// spec: cli.run (dry run)
import { toProblem, type Problem } from '../../errors/to-problem.js';
import { mergeVars } from '../../engine/env.js';
import { createRedactor, type Redactor } from '../../engine/redact.js';
import { parseExpression } from '../../expressions/parser.js';
import { resolveTemplates, scanTemplates } from '../../expressions/template.js';
import type { JsonValue } from '../../flow/types.js';
import { loadFlowFile } from '../../flow/load.js';
import { BUILTIN_NODE_NAMES } from '../../nodes/catalogue.js';
import { loadRunEnv } from '../../runner/run-env.js';
import type { CommandContext } from '../context.js';
import { displayPath } from '../display-path.js';
import { EXIT_CODES } from '../exit-codes.js';
import { formatProblem } from '../render/error.js';
import { renderJson } from '../render/json.js';
import { formatDryRun } from '../render/dry-run.js';
import { listPlanSteps, type PlanStep } from './plan-steps.js';

/** What runDryRun needs from `run`. */
export interface DryRunRequest {
  root: string;
  flowFile: string;
  vars: Record<string, JsonValue>;
  envFileValues: Record<string, string>;
  json: boolean;
}

/** A step of the dry-run plan: `with` resolved where it depends only on vars and env. */
export interface DryRunStep extends PlanStep {
  /** `with` keys whose value needs the run (step outputs, loop items, ...): shown as written. */
  unresolved: string[];
}

/** The dry-run result (`run --dry-run --json`, spec/schemas/dry-run-result.schema.json). */
export interface DryRunResult {
  ok: true;
  dry_run: true;
  flow: string;
  flow_file: string;
  description: string | null;
  vars: Record<string, JsonValue>;
  steps: DryRunStep[];
  /** Names the flow reads from `env` that the run environment would not have. */
  missing_env: string[];
  warnings: string[];
}

/** Prints the plan; exit 0, or 3 with every problem when the flow is invalid. Creates nothing. */
export async function runDryRun(request: DryRunRequest, ctx: CommandContext): Promise<number> {
  const file = displayPath(ctx.cwd, request.flowFile);
  const loaded = loadFlowFile(request.flowFile, { knownNodes: BUILTIN_NODE_NAMES });
  if (!loaded.ok) {
    const problems = loaded.errors.map((error) => relativize(toProblem(error), ctx.cwd));
    if (request.json) ctx.stdout(renderJson({ ok: false, error: problems[0], errors: problems }));
    for (const problem of problems) ctx.stderr(formatProblem(problem));
    return EXIT_CODES.invalid;
  }
  const { flow } = loaded;
  const { env, warnings } = loadRunEnv(ctx.env, request.root, flow, 'dry-run');
  const vars = mergeVars(request.envFileValues, request.vars);
  const redactor = createRedactor({ env, vars });
  const scope = { vars, env, trigger: { run_id: 'dry-run', type: 'manual', event_id: null, payload: {} } };
  const steps = listPlanSteps(flow).map((step) => resolveStep(step, scope, redactor));
  const result: DryRunResult = {
    ok: true,
    dry_run: true,
    flow: flow.name,
    flow_file: file,
    description: flow.description,
    vars: redactor.redact(vars) as Record<string, JsonValue>,
    steps,
    missing_env: findMissingEnv(steps, env),
    warnings: [...warnings, ...loaded.warnings.map((warning) => warning.message)],
  };
  ctx.stdout(request.json ? renderJson(result) : formatDryRun(result));
  return EXIT_CODES.ok;
}

function resolveStep(step: PlanStep, scope: Record<string, JsonValue>, redactor: Redactor): DryRunStep {
  const resolved: Record<string, JsonValue> = {};
  const unresolved: string[] = [];
  for (const [key, value] of Object.entries(step.with)) {
    try {
      const masked = redactor.redact({ [key]: resolveTemplates(value, scope) }) as Record<string, JsonValue>;
      resolved[key] = masked[key] ?? null;
    } catch {
      resolved[key] = value;
      unresolved.push(key);
    }
  }
  return { ...step, with: resolved, unresolved };
}

/** `env.NAME` and `env['NAME']` references in the steps' templates whose NAME the run env lacks. */
export function findMissingEnv(steps: readonly PlanStep[], env: Readonly<Record<string, string>>): string[] {
  const names = new Set<string>();
  for (const step of steps) {
    const sources = [step.with, step.if, step.loop, step.while, step.next];
    for (const text of collectStrings(sources)) for (const name of envReferences(text)) names.add(name);
  }
  return [...names].filter((name) => !Object.hasOwn(env, name)).sort();
}

function collectStrings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const item of value) collectStrings(item, out);
  else if (typeof value === 'object' && value !== null) for (const item of Object.values(value)) collectStrings(item, out);
  return out;
}

// Walks the AST of every template in `text`; `env.get(...)` is a method call, not a variable.
function envReferences(text: string): string[] {
  const names: string[] = [];
  let parts;
  try {
    parts = scanTemplates(text);
  } catch {
    return names;
  }
  for (const part of parts) {
    if (part.kind !== 'expression') continue;
    try {
      walk(parseExpression(part.source), names);
    } catch {
      // Already reported by validation.
    }
  }
  return names;
}

function walk(node: unknown, names: string[]): void {
  if (Array.isArray(node)) {
    for (const item of node) walk(item, names);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const expr = node as Record<string, unknown>;
  const object = expr.object as Record<string, unknown> | undefined;
  const isEnv = object?.type === 'name' && object.name === 'env';
  if (expr.type === 'call' && (expr.callee as Record<string, unknown> | undefined)?.type === 'attribute') {
    const callee = expr.callee as Record<string, unknown>;
    const target = callee.object as Record<string, unknown> | undefined;
    if (target?.type === 'name' && target.name === 'env') {
      walk(expr.args, names);
      return;
    }
  }
  if (expr.type === 'attribute' && isEnv && typeof expr.name === 'string') names.push(expr.name);
  if (expr.type === 'subscript' && isEnv) {
    const index = expr.index as Record<string, unknown> | undefined;
    if (index?.type === 'literal' && typeof index.value === 'string') names.push(index.value);
  }
  for (const value of Object.values(expr)) walk(value, names);
}

function relativize(problem: Problem, cwd: string): Problem {
  return problem.file === undefined ? problem : { ...problem, file: displayPath(cwd, problem.file) };
}
