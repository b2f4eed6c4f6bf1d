// Shapes shared by every node: the call, the context a node sees, its result and its definition.
import type { z } from 'zod';
import type { JsonValue } from '../flow/types.js';

/** A failure as nodes and the engine report it: a stable code plus a non-normative message. */
export interface ErrorInfo {
  /** An error code from spec/error-codes.json (plugins may use their own codes). */
  code: string;
  message: string;
  /** JSON Pointer into the flow document, when the failure belongs to one field. */
  instance?: string;
  /** Execution id of the step the failure happened in (set by the engine). */
  step_id?: string;
}

/** Why a node suspended the run. `input_required` waits for input; anything else for approval. */
export interface NodeSuspension {
  reason: 'approval_required' | 'input_required' | (string & {});
  /** Free data kept on the step record for whoever resumes it (prompt, choices, ...). */
  data?: JsonValue;
}

/**
 * What one node call returns (spec: exec.node-invocation, schema node-result.schema.json).
 * A failed result never throws; a node that throws is turned into a failed result.
 */
export interface NodeResult {
  status: 'success' | 'failed' | 'suspended';
  output: JsonValue;
  error?: ErrorInfo;
  /** For the failed status when the failure belongs to one input: the field path inside `with`. */
  field?: string;
  suspension?: NodeSuspension;
}

/** A log line produced while a node runs. */
export type LogStream = 'stdout' | 'stderr' | 'info' | 'warn';

/** What a node sees of the run besides its inputs. */
export interface NodeContext {
  runId: string;
  /** The step id as written in the flow. */
  stepId: string;
  /** The execution id of this call (`build`, `build#2`, `loop[3]`, `grp.c1`). */
  execId: string;
  /** 1-based attempt number. */
  attempt: number;
  /** Absolute project root. */
  projectRoot: string;
  /** The run environment (spec: exec.env). Nodes use this, never process.env. */
  env: Readonly<Record<string, string>>;
  /** Write one line to the run log (redacted by the engine). */
  log(message: string, stream?: LogStream): void;
  /**
   * A person's answer to this execution's earlier suspension, when the run resumed after one
   * (spec: exec.resume): an approval, or the value given for an input request.
   */
  resume?: NodeResumeInfo;
  /**
   * The step's `with` exactly as written in the flow, before `${{ }}` templates were resolved. Lets a node
   * tell the author's literal text from text an expression produced (shell.run's `shell` auto mode).
   * Absent when a node is called directly, outside a flow.
   */
  rawInputs?: Readonly<Record<string, JsonValue>>;
}

/** What a node sees of the decision that resumed its execution. */
export interface NodeResumeInfo {
  decision: 'approved' | 'answered';
  /** The answer (for `answered`), typed as given. */
  value?: JsonValue;
  actor: string | null;
  comment: string | null;
  /** ISO 8601 UTC. */
  decidedAt: string | null;
}

/** One node invocation as the engine hands it to a NodeInvoker. */
export interface NodeCall {
  node: string;
  inputs: Record<string, JsonValue>;
  context: NodeContext;
}

/** The one interface behind which nodes run (spec: exec.node-invocation). */
export interface NodeInvoker {
  /** Never throws for node failures: they come back as a failed NodeResult. */
  invoke(call: NodeCall, signal: AbortSignal): Promise<NodeResult>;
}

/** A built-in (in-process) node: zod input and output schemas plus a run function. */
export interface NodeDefinition<S extends z.ZodType = z.ZodType> {
  name: string;
  description: string;
  /** Validates (and coerces) `with` before the node runs (spec: nodes.input-validation). */
  input: S;
  /** The shape of a successful output; exported as JSON Schema, shown by `stepyard tools` (spec: nodes.catalogue). */
  output?: z.ZodType;
  /** The `with:` of an example step, shown by `stepyard tools show`. */
  example?: Record<string, JsonValue>;
  /** Runs the node. Must honour `signal` (timeout and cancel abort it). May throw; throws become failures. */
  run(input: z.output<S>, context: NodeContext, signal: AbortSignal): Promise<NodeResult>;
}

/** Declare a node with full type inference of its input. */
export function defineNode<S extends z.ZodType>(definition: NodeDefinition<S>): NodeDefinition<S> {
  return definition;
}

/** A successful result. */
export function succeed(output: JsonValue): NodeResult {
  return { status: 'success', output };
}

/** A failed result with a code and a message. */
export function fail(code: string, message: string, output: JsonValue = null): NodeResult {
  return { status: 'failed', output, error: { code, message } };
}
