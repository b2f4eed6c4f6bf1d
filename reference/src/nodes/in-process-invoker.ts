// NodeInvoker that runs registry nodes inside the run process: validate input with zod, call, normalize.
import { isStepyardError } from '../errors/stepyard-error.js';
import type { JsonValue } from '../flow/types.js';
import type { NodeRegistry } from './registry.js';
import type { NodeCall, NodeInvoker, NodeResult } from './types.js';

const STATUSES = new Set(['success', 'failed', 'suspended']);

/** Invoke nodes of `registry` in-process. Never throws: every failure is a failed NodeResult. */
// spec: exec.node-invocation
export function createInProcessInvoker(registry: NodeRegistry): NodeInvoker {
  return {
    async invoke(call: NodeCall, signal: AbortSignal): Promise<NodeResult> {
      const definition = registry.get(call.node);
      if (definition === undefined) return missingNode(call.node, registry);
      const parsed = definition.input.safeParse(call.inputs);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const path = issue?.path ?? [];
        const field = path.map((part) => String(part)).join('/');
        const where = field === '' ? 'input' : `input '${path.map(String).join('.')}'`;
        return {
          status: 'failed',
          output: null,
          error: { code: 'NODE_INPUT_INVALID', message: `${call.node}: ${where}: ${issue?.message ?? 'invalid'}` },
          ...(field === '' ? {} : { field: `/${field}` }),
        };
      }
      try {
        const result = await definition.run(parsed.data, call.context, signal);
        return normalizeResult(call.node, result);
      } catch (error) {
        return failureFromThrow(error);
      }
    },
  };
}

function missingNode(name: string, registry: NodeRegistry): NodeResult {
  return {
    status: 'failed',
    output: null,
    error: {
      code: 'NODE_NOT_FOUND',
      message: `Node '${name}' was not found. Available nodes: ${registry.names().join(', ')}.`,
    },
  };
}

// Guard against nodes that return something that is not a NodeResult.
function normalizeResult(name: string, result: NodeResult): NodeResult {
  if (result === null || typeof result !== 'object' || !STATUSES.has(result.status)) {
    return { status: 'failed', output: null, error: { code: 'INTERNAL', message: `node '${name}' returned an invalid result` } };
  }
  return { ...result, output: (result.output ?? null) as JsonValue };
}

function failureFromThrow(error: unknown): NodeResult {
  if (isStepyardError(error)) return { status: 'failed', output: null, error: { code: error.code, message: error.message } };
  const message = error instanceof Error ? error.message : String(error);
  return { status: 'failed', output: null, error: { code: 'NODE_FAILED', message } };
}
