// Unknown keys are ignored, as in the original, but reported as FLOW_UNKNOWN_KEY warnings.
// spec: flow.unknown-keys
import { StepyardError } from '../errors/stepyard-error.js';
import type { Locator } from './locate.js';
import { formatPointer, isRecord, type PointerSegment } from './pointer.js';
import { KNOWN_KEYS } from './schema.js';
import { formatDidYouMean } from './suggest.js';

// Keys people write from other tools, with what to do instead.
const KNOWN_MISTAKES: Record<string, string> = {
  triggers: 'a flow has one trigger: write `trigger:` with uses/with/mode',
  inputs: 'flows have no inputs block; pass values with `stepyard run --var k=v` and read them as ${{ vars.k }}',
  vars: 'variables come from `stepyard run --var k=v`; read them as ${{ vars.k }}',
  secrets: 'read secrets from the environment: ${{ env.NAME }}, set by env:, dotenv: or the shell',
  needs: 'steps run in list order; use next: to jump',
  depends_on: 'steps run in list order; use next: to jump',
  goto: 'use next: to jump to another step',
  on_error: 'use continue_on_error: true to carry on after a failure',
  on_failure: 'use continue_on_error: true to carry on after a failure',
  timeout_minutes: 'use timeout: "5m"',
  name: 'steps have no name; the id names a step',
  run: 'run a command with uses: shell.run and with: {command: ...}',
};

// difflib's default cutoff: keys are short, so 0.5 suggests too much ("name" → "next").
const KEY_CUTOFF = 0.6;

/** Warnings for every unknown key of the document, its trigger, its steps and their retry mappings. */
export function checkUnknownKeys(root: unknown, locator: Locator): StepyardError[] {
  const warnings: StepyardError[] = [];
  if (!isRecord(root)) return warnings;
  warnUnknown(root, [], KNOWN_KEYS.flow, 'flow', locator, warnings);
  if (isRecord(root.trigger)) warnUnknown(root.trigger, ['trigger'], KNOWN_KEYS.trigger, 'trigger', locator, warnings);
  visitSteps(root.steps, ['steps'], locator, warnings);
  return warnings;
}

function visitSteps(steps: unknown, path: PointerSegment[], locator: Locator, warnings: StepyardError[]): void {
  if (!Array.isArray(steps)) return;
  for (const [index, step] of steps.entries()) {
    if (!isRecord(step)) continue;
    const stepPath = [...path, index];
    warnUnknown(step, stepPath, KNOWN_KEYS.step, 'step', locator, warnings);
    if (isRecord(step.retry)) warnUnknown(step.retry, [...stepPath, 'retry'], KNOWN_KEYS.retry, 'retry', locator, warnings);
    visitSteps(step.steps, [...stepPath, 'steps'], locator, warnings);
  }
}

function warnUnknown(
  mapping: Record<string, unknown>,
  path: PointerSegment[],
  known: readonly string[],
  kind: string,
  locator: Locator,
  warnings: StepyardError[],
): void {
  for (const key of Object.keys(mapping)) {
    // spec: flow.unknown-keys — `x-` keys are extension fields (e.g. anchors for reuse): no warning.
    if (known.includes(key) || key.startsWith('x-')) continue;
    const instance = formatPointer([...path, key]);
    const mistake = kind === 'step' || key !== 'name' ? (Object.hasOwn(KNOWN_MISTAKES, key) ? KNOWN_MISTAKES[key] : undefined) : undefined;
    const hint = mistake ?? formatDidYouMean(key, known, KEY_CUTOFF) ?? `known ${kind} keys: ${known.join(', ')}`;
    warnings.push(
      new StepyardError('FLOW_UNKNOWN_KEY', `unknown ${kind} key '${key}' is ignored`, {
        instance,
        location: locator.locate(instance, { key: true }),
        hint,
        severity: 'warning',
      }),
    );
  }
}
