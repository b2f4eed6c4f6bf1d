// The steps of a flow, depth-first, as `run --dry-run` and `inspect` list them (spec: cli.run, cli.inspect).
import type { FlowDocument, JsonValue, StepSpec } from '../../flow/types.js';

/** One step of a plan; `id` is dotted for group children (`deploy.build`). */
export interface PlanStep {
  id: string;
  step_id: string;
  depth: number;
  kind: 'node' | 'group';
  uses: string | null;
  if: string | null;
  loop: JsonValue | null;
  while: string | boolean | null;
  next: string | Record<string, JsonValue> | null;
  timeout: string | number | null;
  retry: { attempts: number; initial_delay_ms: number; backoff_factor: number } | null;
  continue_on_error: boolean;
  approval: boolean;
  max_visits: number | null;
  with: Record<string, JsonValue>;
}

/** Every step of the flow, depth-first (a group, then its children). */
export function listPlanSteps(flow: FlowDocument): PlanStep[] {
  const steps: PlanStep[] = [];
  const visit = (spec: StepSpec, prefix: string, depth: number): void => {
    const id = prefix === '' ? spec.id : `${prefix}.${spec.id}`;
    steps.push({
      id,
      step_id: spec.id,
      depth,
      kind: spec.steps === null ? 'node' : 'group',
      uses: spec.uses,
      if: spec.if,
      loop: spec.loop,
      while: spec.while,
      next: spec.next,
      timeout: spec.timeoutRaw,
      retry: spec.retry === null ? null : { attempts: spec.retry.attempts, initial_delay_ms: spec.retry.initialDelayMs, backoff_factor: spec.retry.backoffFactor },
      continue_on_error: spec.continueOnError,
      approval: spec.approval,
      max_visits: spec.maxVisits,
      with: spec.with,
    });
    for (const child of spec.steps ?? []) visit(child, id, depth + 1);
  };
  for (const spec of flow.steps) visit(spec, '', 0);
  return steps;
}

/** The conditions of a step as short `key: value` texts (nothing evaluated). */
export function describeConditions(step: PlanStep): string[] {
  const parts: string[] = [];
  const text = (value: JsonValue | undefined): string => (typeof value === 'string' ? value : JSON.stringify(value));
  if (step.if !== null) parts.push(`if: ${step.if}`);
  if (step.loop !== null) parts.push(`loop: ${text(step.loop)}`);
  if (step.while !== null) parts.push(`while: ${text(step.while)}`);
  if (step.approval) parts.push('approval');
  if (step.timeout !== null) parts.push(`timeout: ${step.timeout}`);
  if (step.retry !== null && step.retry.attempts > 1) parts.push(`retry: ${step.retry.attempts} attempts`);
  if (step.continue_on_error) parts.push('continue_on_error');
  if (step.max_visits !== null) parts.push(`max_visits: ${step.max_visits}`);
  if (step.next !== null) parts.push(`next: ${text(step.next)}`);
  return parts;
}
