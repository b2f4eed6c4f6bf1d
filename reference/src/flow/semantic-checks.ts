// Checks the schema cannot express: step kinds, ids, next targets, node names, empty step lists.
// They read the loaded value defensively (parts that failed the schema are skipped), so every
// problem of a document is reported in one pass. spec: flow.validation
import { StepyardError } from '../errors/stepyard-error.js';
import { hasTemplate } from '../expressions/template.js';
import type { Locator } from './locate.js';
import { formatPointer, isRecord, stepIdAt, type PointerSegment } from './pointer.js';
import { formatDidYouMean } from './suggest.js';
import { parseTimeoutOrNull, TIMEOUT_HINT } from './timeout.js';

/** Options of the semantic checks. */
export interface SemanticCheckOptions {
  /** Every node name that exists; when absent, `uses` names are not checked. */
  knownNodes?: readonly string[] | undefined;
}

/** `next` keywords that continue with the following step. spec: flow.next */
export const NEXT_CONTINUE_KEYWORDS = ['', 'next', 'continue'] as const;
/** `next` keywords that end the run. spec: flow.next */
export const NEXT_END_KEYWORDS = ['end', '__end__', '$end', 'stop', 'done'] as const;

const ID_FORBIDDEN = /[.#[\]]/;

interface Context {
  root: unknown;
  locator: Locator;
  knownNodes: readonly string[] | undefined;
  topIds: string[];
  nestedIds: Set<string>;
  problems: StepyardError[];
}

/** Errors and warnings about steps, ids, next targets and node names. */
export function checkSemantics(root: unknown, locator: Locator, options: SemanticCheckOptions = {}): StepyardError[] {
  if (!isRecord(root) || !Array.isArray(root.steps)) return [];
  const steps = root.steps;
  const topIds = [...new Set(steps.flatMap((step) => (isRecord(step) && typeof step.id === 'string' ? [step.id] : [])))];
  const context: Context = { root, locator, knownNodes: options.knownNodes, topIds, nestedIds: new Set(), problems: [] };
  collectNestedIds(steps, context.nestedIds, true);
  // spec: flow.steps
  if (steps.length === 0) {
    report(context, 'FLOW_NO_STEPS', 'the flow has no steps', ['steps'], { hint: 'add at least one step under steps:' });
  }
  checkStepList(steps, ['steps'], 0, context);
  return context.problems;
}

function checkStepList(steps: unknown[], path: PointerSegment[], depth: number, context: Context): void {
  const firstSeen = new Map<string, PointerSegment[]>();
  for (const [index, step] of steps.entries()) {
    if (!isRecord(step)) continue;
    const stepPath = [...path, index];
    checkId(step, stepPath, firstSeen, context);
    checkKind(step, stepPath, context);
    checkUses(step, stepPath, context);
    checkTimeout(step, stepPath, context);
    if (depth === 0) checkNext(step, stepPath, context);
    else if (step.next !== undefined && step.next !== null) {
      report(context, 'FLOW_UNKNOWN_KEY', `'next' on step '${String(step.id)}' inside a group is ignored`, [...stepPath, 'next'], {
        hint: 'only top-level steps can jump; move the next: to the group step',
        severity: 'warning',
        key: true,
      });
    }
    if (Array.isArray(step.steps)) {
      // Decision D-FLOW-9: an empty group is allowed (it does nothing) but reported.
      if (step.steps.length === 0) {
        report(context, 'FLOW_NO_STEPS', `group step '${String(step.id)}' has no steps`, [...stepPath, 'steps'], {
          hint: 'add child steps or remove the group',
          severity: 'warning',
        });
      }
      checkStepList(step.steps, [...stepPath, 'steps'], depth + 1, context);
    }
  }
}

// spec: flow.step-ids
function checkId(step: Record<string, unknown>, path: PointerSegment[], firstSeen: Map<string, PointerSegment[]>, context: Context): void {
  const id = step.id;
  if (typeof id !== 'string') return;
  const idPath = [...path, 'id'];
  if (id.trim() === '' || ID_FORBIDDEN.test(id)) {
    report(context, 'FLOW_STEP_ID_INVALID', `step id ${JSON.stringify(id)} ${id.trim() === '' ? 'is empty' : 'contains ".", "#", "[" or "]"'}`, idPath, {
      hint:
        id.trim() === ''
          ? 'give the step a name, e.g. id: build'
          : `these characters are used in run record ids (parent.child, step#2, loop[1]); try ${JSON.stringify(suggestId(id))}`,
    });
  }
  const previous = firstSeen.get(id);
  if (previous === undefined) {
    firstSeen.set(id, idPath);
    return;
  }
  const first = context.locator.locate(formatPointer(previous));
  report(context, 'FLOW_DUPLICATE_STEP_ID', `duplicate step id '${id}'`, idPath, {
    hint: `'${id}' is already the id of the step at line ${first.line}; step ids must be unique among their siblings`,
  });
}

// spec: flow.step-kind
function checkKind(step: Record<string, unknown>, path: PointerSegment[], context: Context): void {
  const hasUses = step.uses !== undefined && step.uses !== null;
  const hasSteps = step.steps !== undefined && step.steps !== null;
  if (hasUses === hasSteps) {
    const id = typeof step.id === 'string' ? `'${step.id}'` : `at ${formatPointer(path)}`;
    report(context, 'FLOW_STEP_KIND', hasUses ? `step ${id} has both uses and steps` : `step ${id} has neither uses nor steps`, path, {
      hint: hasUses ? 'a step either runs a node (uses) or groups child steps (steps); split it in two' : 'add `uses: <node>` (e.g. shell.run) or a `steps:` list',
    });
  }
}

// spec: flow.uses
function checkUses(step: Record<string, unknown>, path: PointerSegment[], context: Context): void {
  const uses = step.uses;
  if (context.knownNodes === undefined || typeof uses !== 'string' || context.knownNodes.includes(uses)) return;
  report(context, 'FLOW_UNKNOWN_NODE', `unknown node '${uses}'`, [...path, 'uses'], {
    hint: formatDidYouMean(uses, context.knownNodes) ?? 'install the plugin that provides it (stepyard plugin list shows the nodes there are)',
  });
}

// spec: flow.timeout — the pattern is the schema's; a zero duration passes it but is still invalid.
function checkTimeout(step: Record<string, unknown>, path: PointerSegment[], context: Context): void {
  if (typeof step.timeout !== 'string' || parseTimeoutOrNull(step.timeout) !== null) return;
  report(context, 'FLOW_TIMEOUT_INVALID', `timeout ${JSON.stringify(step.timeout)} is not a positive duration`, [...path, 'timeout'], {
    hint: TIMEOUT_HINT,
  });
}

// spec: flow.next — only literal targets can be checked before the run.
function checkNext(step: Record<string, unknown>, path: PointerSegment[], context: Context): void {
  const next = step.next;
  if (typeof next === 'string') checkTarget(next, [...path, 'next'], context);
  else if (isRecord(next)) {
    const key = ['target', 'step', 'id'].find((name) => Boolean(next[name]));
    const target = key === undefined ? undefined : next[key];
    if (key !== undefined && typeof target === 'string') checkTarget(target, [...path, 'next', key], context);
  }
}

function checkTarget(raw: string, path: PointerSegment[], context: Context): void {
  if (hasTemplate(raw)) return;
  const target = raw.trim();
  const lower = target.toLowerCase();
  const sameIgnoringCase = context.topIds.find((id) => id.toLowerCase() === lower);
  if ((NEXT_CONTINUE_KEYWORDS as readonly string[]).includes(lower)) return;
  if ((NEXT_END_KEYWORDS as readonly string[]).includes(lower)) {
    if (sameIgnoringCase !== undefined) {
      report(context, 'FLOW_UNKNOWN_STEP_REF', `next: ${target} ends the run; it never jumps to step '${sameIgnoringCase}'`, path, {
        hint: `rename step '${sameIgnoringCase}': ${NEXT_END_KEYWORDS.join(', ')} are keywords of next`,
        severity: 'warning',
      });
    }
    return;
  }
  if (context.topIds.includes(target)) return;
  if (sameIgnoringCase !== undefined) {
    report(context, 'FLOW_UNKNOWN_STEP_REF', `next target '${target}' matches step '${sameIgnoringCase}' only when case is ignored`, path, {
      hint: `write next: ${sameIgnoringCase}`,
      severity: 'warning',
    });
    return;
  }
  const nested = context.nestedIds.has(target) ? `'${target}' is inside a group; only top-level steps can be jumped to. ` : '';
  const suggestion = formatDidYouMean(target, context.topIds);
  const existing = context.topIds.length > 20 ? `${context.topIds.slice(0, 20).join(', ')}, …` : context.topIds.join(', ');
  report(context, 'FLOW_UNKNOWN_STEP_REF', `next target '${target}' is not a top-level step id`, path, {
    hint: `${nested}${suggestion === undefined ? '' : `${suggestion} `}existing steps: ${existing}; keywords: next, continue, end`,
  });
}

function collectNestedIds(steps: unknown[], into: Set<string>, topLevel: boolean): void {
  for (const step of steps) {
    if (!isRecord(step)) continue;
    if (!topLevel && typeof step.id === 'string') into.add(step.id);
    if (Array.isArray(step.steps)) collectNestedIds(step.steps, into, false);
  }
}

function suggestId(id: string): string {
  const cleaned = id.trim().replace(/[.#[\]]+/g, '-').replace(/^-+|-+$/g, '');
  return cleaned === '' ? 'step-1' : cleaned;
}

function report(
  context: Context,
  code: StepyardError['code'],
  message: string,
  path: PointerSegment[],
  options: { hint?: string; severity?: 'error' | 'warning'; key?: boolean },
): void {
  const instance = formatPointer(path);
  context.problems.push(
    new StepyardError(code, message, {
      instance,
      stepId: stepIdAt(context.root, path),
      location: context.locator.locate(instance, { key: options.key === true }),
      hint: options.hint,
      severity: options.severity ?? 'error',
    }),
  );
}
