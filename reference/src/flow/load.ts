// Read a flow file, parse its YAML the way the original did, validate it and build the FlowDocument.
// Never throws for bad input: every problem is returned at once. spec: flow.file, flow.validation
import { readFileSync } from 'node:fs';
import { StepyardError } from '../errors/stepyard-error.js';
import { checkExpressions } from './expression-checks.js';
import { checkStepInputs, type InputChecker } from './input-checks.js';
import type { Locator } from './locate.js';
import { normalizeFlow } from './normalize.js';
import { parseFlowYaml } from './parse-yaml.js';
import { isRecord, parsePointer, stepIdAt } from './pointer.js';
import { convertSchemaIssues } from './schema-issues.js';
import { FlowSchema } from './schema.js';
import { checkSemantics } from './semantic-checks.js';
import type { FlowDocument } from './types.js';
import { checkUnknownKeys } from './unknown-keys.js';

export type { Locator } from './locate.js';

/** Options of loadFlowText / loadFlowFile. */
export interface LoadOptions {
  /** Every node name that exists; when absent, `uses` names are not checked (no FLOW_UNKNOWN_NODE). */
  knownNodes?: readonly string[];
  /** Checks literal node inputs (`with:`); when absent, inputs are checked only when steps run. spec: flow.with */
  checkInputs?: InputChecker;
}

/** The outcome of loading a flow: the document and its warnings, or every error found. */
export type LoadResult =
  | { ok: true; flow: FlowDocument; warnings: StepyardError[]; locate: Locator }
  | { ok: false; errors: StepyardError[]; warnings: StepyardError[]; locate: Locator | null };

/** Load a flow document from text. `file` names it in error locations. */
export function loadFlowText(text: string, file: string, options: LoadOptions = {}): LoadResult {
  const parsed = parseFlowYaml(text, file);
  if (parsed.value === undefined) {
    return { ok: false, errors: sortProblems(parsed.errors), warnings: [], locate: parsed.hasDocument ? parsed.locator : null };
  }
  return validateValue(parsed.value, parsed.locator, parsed.errors, options, text);
}

/** Read and load a flow file; a file that cannot be read gives FLOW_FILE_UNREADABLE. */
export function loadFlowFile(path: string, options: LoadOptions = {}): LoadResult {
  const read = readFlowText(path);
  if (!read.ok) return { ok: false, errors: [read.error], warnings: [], locate: null };
  return loadFlowText(read.text, path, options);
}

/** The text of a flow file, or the FLOW_FILE_UNREADABLE error that says why it cannot be read. */
export function readFlowText(path: string): { ok: true; text: string } | { ok: false; error: StepyardError } {
  try {
    return { ok: true, text: readFileSync(path, 'utf8') };
  } catch (cause) {
    const reason = (cause as NodeJS.ErrnoException).code ?? (cause instanceof Error ? cause.message : String(cause));
    const error = new StepyardError('FLOW_FILE_UNREADABLE', `cannot read flow file ${path} (${reason})`, {
      instance: '',
      location: { file: path, line: 1, column: 1 },
      hint: reason === 'ENOENT' ? 'check the path; flows live in the flows/ folder of the project' : 'check that the file exists and is readable',
      cause,
    });
    return { ok: false, error };
  }
}

// spec: flow.schema, flow.validation — schema, unknown keys, semantics and expressions, all at once.
function validateValue(value: unknown, locator: Locator, earlier: StepyardError[], options: LoadOptions, text: string): LoadResult {
  const parsed = FlowSchema.safeParse(value);
  const problems = [
    ...earlier,
    ...(parsed.success ? [] : convertSchemaIssues(parsed.error.issues, value, locator)),
    ...checkUnknownKeys(value, locator),
    ...checkSemantics(value, locator, { knownNodes: options.knownNodes }),
    ...checkExpressions(value, locator),
    ...(options.checkInputs === undefined ? [] : checkStepInputs(value, locator, options.checkInputs)),
  ];
  const unique = dedupe(problems).map((problem) => withStepId(problem, value));
  const errors = sortProblems(unique.filter((problem) => problem.severity === 'error'));
  const warnings = sortProblems(unique.filter((problem) => problem.severity === 'warning'));
  if (errors.length > 0 || !isRecord(value)) return { ok: false, errors, warnings, locate: locator };
  const flow = normalizeFlow(value, {
    scalarSource: (pointer) => {
      const range = locator.rangeOf(pointer);
      return range === null ? undefined : text.slice(range[0], range[1]);
    },
  });
  return { ok: true, flow, warnings, locate: locator };
}

// spec: flow.step-ids — every problem inside a step names it in step_id (dotted for group children).
function withStepId(problem: StepyardError, root: unknown): StepyardError {
  if (problem.stepId !== undefined || problem.instance === undefined || !problem.instance.startsWith('/steps/')) return problem;
  const path = parsePointer(problem.instance).map((segment) => (/^(?:0|[1-9][0-9]*)$/.test(segment) ? Number(segment) : segment));
  const stepId = stepIdAt(root, path);
  if (stepId === undefined) return problem;
  return new StepyardError(problem.code, problem.message, {
    instance: problem.instance,
    stepId,
    location: problem.location,
    hint: problem.hint,
    retryable: problem.retryable,
    severity: problem.severity,
    cause: problem.cause,
  });
}

// One problem per (code, instance, severity): the schema and the semantic checks may see the same thing.
function dedupe(problems: StepyardError[]): StepyardError[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = `${problem.code}\u0000${problem.instance ?? ''}\u0000${problem.severity}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function sortProblems(problems: StepyardError[]): StepyardError[] {
  return problems
    .map((problem, index) => ({ problem, index }))
    .sort((a, b) => {
      const la = a.problem.location;
      const lb = b.problem.location;
      return (la?.line ?? 0) - (lb?.line ?? 0) || (la?.column ?? 0) - (lb?.column ?? 0) || a.index - b.index;
    })
    .map(({ problem }) => problem);
}
