// Node inputs known before the run: each step's `with:` is handed to a checker the caller provides (the node
// layer knows the input schemas; the flow layer only knows where things are). spec: flow.with
import { StepyardError } from '../errors/stepyard-error.js';
import type { Locator } from './locate.js';
import { formatPointer, isRecord, stepIdAt, type PointerSegment } from './pointer.js';

/** A problem with one step's `with`, path relative to it (for a missing input, the key it would have). */
export interface InputIssue {
  path: Array<string | number>;
  message: string;
  severity: 'error' | 'warning';
}

/** Checks the `with` of a step that uses `node`; returns nothing for nodes it does not know. */
export type InputChecker = (node: string, withValue: unknown) => InputIssue[];

/**
 * Run `checker` over every node step at any depth. Errors become FLOW_INPUT_INVALID, warnings (inputs the
 * node does not take) FLOW_UNKNOWN_KEY, each with the pointer of the value (`/steps/0/with/url`).
 */
export function checkStepInputs(root: unknown, locator: Locator, checker: InputChecker): StepyardError[] {
  if (!isRecord(root) || !Array.isArray(root.steps)) return [];
  const problems: StepyardError[] = [];
  const visit = (steps: unknown[], path: PointerSegment[]): void => {
    for (const [index, step] of steps.entries()) {
      if (!isRecord(step)) continue;
      const stepPath = [...path, index];
      if (typeof step.uses === 'string' && (step.steps === undefined || step.steps === null)) {
        for (const issue of checker(step.uses, step.with)) {
          // A missing input points at its would-be key; the location falls back to the nearest existing node.
          const at = [...stepPath, 'with', ...issue.path];
          const instance = formatPointer(at);
          const warning = issue.severity === 'warning';
          problems.push(
            new StepyardError(warning ? 'FLOW_UNKNOWN_KEY' : 'FLOW_INPUT_INVALID', issue.message, {
              instance,
              stepId: stepIdAt(root, at),
              location: locator.locate(instance, { key: warning }),
              hint: warning ? `stepyard tools show ${step.uses} lists its inputs` : `see 'stepyard tools show ${step.uses}'`,
              severity: issue.severity,
            }),
          );
        }
      }
      if (Array.isArray(step.steps)) visit(step.steps, [...stepPath, 'steps']);
    }
  };
  visit(root.steps, ['steps']);
  return problems;
}
