// The flow document schema (zod 4): what the original accepts, including its lax scalar coercions.
// It validates loaded YAML (schema-issues.ts turns issues into errors) and generates
// spec/schemas/flow.schema.json for editors. Unknown keys are accepted everywhere (spec: flow.unknown-keys).
// spec: flow.schema
import { z } from 'zod';
import {
  LAX_BOOLEAN_PATTERN,
  LAX_INTEGER_PATTERN,
  LAX_NON_NEGATIVE_INTEGER_PATTERN,
  LAX_NON_NEGATIVE_NUMBER_PATTERN,
} from './coerce.js';
import { TIMEOUT_PATTERN } from './timeout.js';

const laxBoolean = (description: string) =>
  z
    .union([z.boolean(), z.literal(0), z.literal(1), z.string().regex(new RegExp(LAX_BOOLEAN_PATTERN)), z.null()])
    .optional()
    .meta({ description: `${description} A boolean; also accepted: yes/no, on/off, y/n, t/f, 1/0 (any case). Default false.` });

const laxInteger = z.union([z.number().int(), z.boolean(), z.string().regex(new RegExp(LAX_INTEGER_PATTERN))]);
const laxNonNegativeInteger = z.union([
  z.number().int().min(0),
  z.boolean(),
  z.string().regex(new RegExp(LAX_NON_NEGATIVE_INTEGER_PATTERN)),
]);
const laxNonNegativeNumber = z.union([
  z.number().min(0),
  z.boolean(),
  z.string().regex(new RegExp(LAX_NON_NEGATIVE_NUMBER_PATTERN)),
]);
const mapping = z.record(z.string(), z.unknown());

/** The mapping form of `retry`. spec: flow.retry */
export const RetryMappingSchema = z.looseObject({
  attempts: laxInteger.optional().meta({ description: 'Total number of attempts (the first run included). Default 3; values <= 1 mean one attempt.' }),
  initial_delay: laxNonNegativeNumber.optional().meta({ description: 'Seconds to wait before the first retry. Default 1.0.' }),
  backoff_factor: laxNonNegativeNumber.optional().meta({ description: 'Multiplier applied to the wait after each further failure. Default 2.0.' }),
});

/** One step: a node step (`uses`) or a group step (`steps`). spec: flow.step */
export const StepSchema = z
  .looseObject({
    id: z.string().meta({ description: 'Step id: unique among its siblings; no ".", "#", "[" or "]". Referenced as steps.<id> in expressions and by next.' }),
    uses: z.string().nullable().optional().meta({ description: 'Name of the node this step runs, e.g. shell.run or a plugin node. Exactly one of uses and steps.' }),
    get steps() {
      return z.array(StepSchema).nullable().optional().meta({ description: 'Child steps of a group step, run in order. Exactly one of uses and steps.' });
    },
    with: mapping.nullable().optional().meta({ description: 'Node inputs. Values (not keys) may hold ${{ }} expressions, resolved before each run of the node.' }),
    if: z.string().nullable().optional().meta({ description: 'Condition (a string, usually one ${{ }} expression). Falsy → the step is skipped. Empty means no condition.' }),
    loop: z.union([z.string(), z.array(z.unknown()), z.null()]).optional().meta({ description: 'Run the step once per item of this list (a YAML list, or a ${{ }} expression giving one); the current element is item.' }),
    while: z.union([z.string(), z.boolean(), z.literal(0), z.literal(1), z.null()]).optional().meta({ description: 'Repeat the step while this condition is truthy; checked before every iteration. The step can read its own last output.' }),
    next: z.union([z.string(), mapping, z.null()]).optional().meta({ description: 'Top-level step to go to after this one: a step id, a keyword (next/continue, end/stop/done), a ${{ }} expression, or a mapping {target: id}.' }),
    max_visits: z.union([laxNonNegativeInteger, z.null()]).optional().meta({ description: 'How many times next may bring the run to this step. 0 = unlimited; default = the global limit (1000).' }),
    timeout: z
      .union([z.number().positive(), z.string().regex(new RegExp(TIMEOUT_PATTERN)), z.null()])
      .optional()
      .meta({ description: 'Time limit for each run of the step (all retry attempts together): seconds (30, 1.5) or a duration ("90s", "5m", "1h", "250ms", "1h30m").' }),
    retry: z.union([laxInteger, RetryMappingSchema, z.null()]).optional().meta({ description: 'Retry a failing node: a number of attempts (with a 1 s, doubling backoff), or {attempts, initial_delay, backoff_factor}.' }),
    continue_on_error: laxBoolean('When the step fails, record the error and carry on with the run.'),
    approval: laxBoolean('Suspend the run for an operator to approve this step.'),
  })
  .meta({ id: 'step', title: 'Step', description: 'A step: a node step (uses) or a group step (steps).' });

/** The single `trigger:` of a flow. spec: flow.trigger */
export const TriggerSchema = z
  .looseObject({
    uses: z.string().meta({ description: 'Trigger name: cron, interval, startup, or a plugin trigger.' }),
    with: mapping.nullable().optional().meta({ description: 'Trigger configuration, passed as written (${{ }} is not evaluated here).' }),
    mode: z.enum(['daemon', 'console']).optional().meta({ description: 'daemon (default): the scheduler daemon fires it; console: `stepyard run` waits for its first event.' }),
  })
  .meta({ description: 'A trigger: its name (uses), settings (with) and mode.' });

/** The whole flow document. spec: flow.document */
export const FlowSchema = z
  .looseObject({
    name: z.string().meta({ description: 'Flow name, used by `stepyard run <name>` and in run history.' }),
    description: z.string().nullable().optional().meta({ description: 'One-line description shown by the CLI.' }),
    env: z
      .record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]))
      .nullable()
      .optional()
      .meta({ description: 'Environment variables for the run (the process environment wins). Scalar values, turned into strings.' }),
    dotenv: z
      .union([z.string(), z.array(z.union([z.string(), z.number()])), z.null()])
      .optional()
      .meta({ description: 'A .env file, or a list of them, read at run start (relative to the project root). Earlier files win; env: wins over them.' }),
    trigger: TriggerSchema.nullable()
      .optional()
      .meta({ description: 'What starts the flow automatically: {uses, with, mode}. One trigger per flow.' }),
    steps: z.array(StepSchema).meta({ description: 'The steps, run in list order (next can jump). At least one.' }),
  })
  .meta({ title: 'Stepyard flow', description: 'A Stepyard flow document.' });

/** Known keys per kind of mapping, for unknown-key warnings. */
export const KNOWN_KEYS = {
  flow: Object.keys(FlowSchema.shape),
  step: Object.keys(StepSchema.shape),
  trigger: Object.keys(TriggerSchema.shape),
  retry: Object.keys(RetryMappingSchema.shape),
} as const;

/** The `$id` of the published flow schema. */
export const FLOW_SCHEMA_ID = 'https://stepyard.dev/schemas/flow.schema.json';

/**
 * The flow document's JSON Schema (draft 2020-12), as checked in at spec/schemas/flow.schema.json
 * and written by `stepyard schema`. `uses` is a free string, so plugin nodes validate.
 */
export function buildFlowJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(FlowSchema, { target: 'draft-2020-12' }) as Record<string, unknown>;
  const { $schema, ...rest } = splitUnionTypes(generated) as Record<string, unknown>;
  return { $schema, $id: FLOW_SCHEMA_ID, ...rest };
}

// `type: [a, b]` → `anyOf: [{type: a}, {type: b}]`, so strict validators (ajv's strictTypes) accept it.
function splitUnionTypes(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(splitUnionTypes);
  if (typeof node !== 'object' || node === null) return node;
  const entries = Object.entries(node).map(([key, value]) => [key, splitUnionTypes(value)] as const);
  const result: Record<string, unknown> = Object.fromEntries(entries);
  if (Array.isArray(result.type) && result.anyOf === undefined) {
    const { type, ...others } = result;
    return { ...others, anyOf: (type as string[]).map((name) => ({ type: name })) };
  }
  return result;
}
