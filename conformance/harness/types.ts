// Shapes of a conformance case (case.schema.json) after loading, and of what running one produces.

/** What a command must produce (the `expect` block). */
export interface Expectation {
  exit?: number | number[];
  json?: unknown;
  ndjson?: unknown;
  schema?: string;
  stdout_empty?: boolean;
  stdout?: unknown;
  files?: Record<string, { exists?: boolean; text?: unknown; json?: unknown }>;
}

/** One command of a case: a single `invoke` or one element of `sequence`. */
export interface CaseCommand {
  invoke: string[];
  stdin?: string;
  env?: Record<string, string>;
  cwd?: string;
  background?: boolean;
  kill_after_ms?: number;
  interrupt_after_ms?: number;
  expect: Expectation;
}

import type { ServerSpec } from './servers.js';

/** A loaded, schema-valid case. */
export interface ConformanceCase {
  id: string;
  description: string;
  spec: string[];
  features: string[];
  /** false: the workspace is not initialised as a project before the case. */
  project: boolean;
  files: Record<string, string>;
  flow?: Record<string, unknown> | string;
  flowFile: string;
  env: Record<string, string>;
  cwd?: string;
  /** Canned HTTP servers started for the case (`{server.NAME}` placeholders). */
  servers?: Record<string, ServerSpec>;
  /** The single `invoke` as a one-element list, or the `sequence`. */
  commands: CaseCommand[];
  /** Path of the case file relative to the cases directory, '/'-separated. */
  path: string;
}

/** The verdict on one case. Exit 33 on a case with features counts as unsupported, not failed. */
export type CaseStatus = 'pass' | 'fail' | 'unsupported';

/** What running one case produced. */
export interface CaseOutcome {
  id: string;
  spec: string[];
  status: CaseStatus;
  /** Human-readable reasons, empty when the case passed. */
  failures: string[];
  durationMs: number;
}
