// Normalized, typed view of a flow document. flow/normalize.ts produces it from YAML; the engine consumes it.

/** A JSON-compatible value, as flows, expressions and node results carry them. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** spec: flow.trigger */
export interface TriggerSpec {
  uses: string;
  with: Record<string, JsonValue>;
  mode: 'daemon' | 'console';
}

/** spec: flow.retry. `retry: N` and the mapping form both normalize to this. */
export interface RetrySpec {
  /** Total attempts, >= 1. */
  attempts: number;
  /** Wait before the first retry, in milliseconds. */
  initialDelayMs: number;
  /** Multiplier applied to the delay after each further failure. */
  backoffFactor: number;
}

/** spec: flow.step */
export interface StepSpec {
  id: string;
  /** Node name; null for a group step. */
  uses: string | null;
  /** Child steps of a group step; null for a node step. */
  steps: StepSpec[] | null;
  /** Node inputs, unresolved (may hold `${{ }}` templates). */
  with: Record<string, JsonValue>;
  /** Raw `if` condition; null when absent or empty (an empty `if` means "no condition"). */
  if: string | null;
  /** Raw `loop` value: a template string or a literal list. */
  loop: JsonValue | null;
  /** Raw `while` condition: a template string or a boolean. */
  while: string | boolean | null;
  /** Raw `next`: a step id, keyword, template, or mapping ({target|step|id: ...}). */
  next: string | Record<string, JsonValue> | null;
  /** Per-step visit cap; null = global default; 0 = unlimited. */
  maxVisits: number | null;
  /** Parsed timeout in milliseconds; null = none. */
  timeoutMs: number | null;
  /** The timeout exactly as written, for messages. */
  timeoutRaw: string | number | null;
  retry: RetrySpec | null;
  continueOnError: boolean;
  approval: boolean;
  /** JSON Pointer of this step in the document, e.g. "/steps/2/steps/0". */
  pointer: string;
}

/** spec: flow.document */
export interface FlowDocument {
  name: string;
  description: string | null;
  env: Record<string, string>;
  dotenv: string[];
  trigger: TriggerSpec | null;
  steps: StepSpec[];
}
