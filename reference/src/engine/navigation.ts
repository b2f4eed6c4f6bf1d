// Pure navigation: turn a resolved `next` value into a decision (default, end, or a jump).
import type { JsonValue } from '../flow/types.js';
import { StepyardError } from '../errors/stepyard-error.js';
import type { NextDecision } from './types.js';

/** Keywords (case-insensitive, trimmed) meaning "the next step in list order". */
export const DEFAULT_NEXT_KEYWORDS: ReadonlySet<string> = new Set(['', 'next', 'continue']);
/** Keywords (case-insensitive, trimmed) that end the run successfully. */
export const END_NEXT_KEYWORDS: ReadonlySet<string> = new Set(['end', '__end__', '$end', 'stop', 'done']);

const MAPPING_KEYS = ['target', 'step', 'id'] as const;

/**
 * Decide where to go after a top-level step from its resolved `next` value.
 * null → default; a mapping → its first non-empty `target`, `step` or `id`; strings are trimmed;
 * keywords win over step ids; then an exact id match; then a case-insensitive one.
 * Throws StepyardError STEP_NEXT_UNKNOWN for anything else.
 */
// spec: exec.next
export function decideNext(value: JsonValue, stepIds: readonly string[], fromStepId: string): NextDecision {
  const text = nextText(value);
  if (text === null) return { kind: 'default' };
  const keyword = text.toLowerCase();
  if (DEFAULT_NEXT_KEYWORDS.has(keyword)) return { kind: 'default' };
  if (END_NEXT_KEYWORDS.has(keyword)) return { kind: 'end' };
  if (stepIds.includes(text)) return { kind: 'goto', target: text };
  const folded = stepIds.find((id) => id.toLowerCase() === keyword);
  if (folded !== undefined) return { kind: 'goto', target: folded };
  throw new StepyardError('STEP_NEXT_UNKNOWN', `Step '${fromStepId}' points to unknown next step '${text}'.`, {
    stepId: fromStepId,
    hint: `use the id of a top-level step, or one of: ${[...END_NEXT_KEYWORDS].join(', ')}, next, continue`,
  });
}

// The textual target of a next value, or null for "default".
function nextText(value: JsonValue): string | null {
  if (value === null) return null;
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (Array.isArray(value)) return JSON.stringify(value);
  for (const key of MAPPING_KEYS) {
    const candidate = value[key];
    if (candidate !== undefined && candidate !== null && candidate !== '' && candidate !== false && candidate !== 0) {
      return nextText(candidate);
    }
  }
  return null;
}

/** The index of the step a decision leads to; `steps.length` means "the run ends". */
export function resolveNextIndex(decision: NextDecision, stepIds: readonly string[], currentIndex: number): number {
  if (decision.kind === 'default') return currentIndex + 1;
  if (decision.kind === 'end') return stepIds.length;
  const index = stepIds.indexOf(decision.target);
  return index === -1 ? stepIds.length : index;
}
