// The ErrorCode catalogue. spec/error-codes.json is the source of truth; codes.test.ts checks they agree.

/** Every stable error code Stepyard emits. Codes are never reused or renamed. */
export const ERROR_CODES = {
  CLI_USAGE: { category: 'usage', exit: 2, title: "Invalid command-line usage" },
  PROJECT_NOT_FOUND: { category: 'configuration', exit: 4, title: "Not inside a Stepyard project" },
  FLOW_NOT_FOUND: { category: 'configuration', exit: 4, title: "Flow not found" },
  FLOW_FILE_UNREADABLE: { category: 'validation', exit: 3, title: "Flow file cannot be read" },
  FLOW_YAML_SYNTAX: { category: 'validation', exit: 3, title: "YAML syntax error" },
  FLOW_YAML_DUPLICATE_KEY: { category: 'validation', exit: 3, title: "Duplicate mapping key" },
  FLOW_YAML_MULTIPLE_DOCUMENTS: { category: 'validation', exit: 3, title: "More than one YAML document" },
  FLOW_SCHEMA_INVALID: { category: 'validation', exit: 3, title: "Flow document does not match the schema" },
  FLOW_NO_STEPS: { category: 'validation', exit: 3, title: "Flow has no steps" },
  FLOW_STEP_KIND: { category: 'validation', exit: 3, title: "Step needs exactly one of 'uses' and 'steps'" },
  FLOW_DUPLICATE_STEP_ID: { category: 'validation', exit: 3, title: "Duplicate step id" },
  FLOW_STEP_ID_INVALID: { category: 'validation', exit: 3, title: "Invalid step id" },
  FLOW_UNKNOWN_STEP_REF: { category: 'validation', exit: 3, title: "Unknown step referenced" },
  FLOW_UNKNOWN_NODE: { category: 'validation', exit: 3, title: "Unknown node" },
  FLOW_TIMEOUT_INVALID: { category: 'validation', exit: 3, title: "Invalid timeout" },
  FLOW_RETRY_INVALID: { category: 'validation', exit: 3, title: "Invalid retry" },
  FLOW_MAX_VISITS_INVALID: { category: 'validation', exit: 3, title: "Invalid max_visits" },
  FLOW_ENV_INVALID: { category: 'validation', exit: 3, title: "Invalid env or dotenv" },
  FLOW_TRIGGER_INVALID: { category: 'validation', exit: 3, title: "Invalid trigger" },
  FLOW_UNKNOWN_KEY: { category: 'validation', exit: 0, title: "Unknown key (ignored)" },
  FLOW_INPUT_INVALID: { category: 'validation', exit: 3, title: "Literal node input does not match the node's input schema" },
  EXPR_SYNTAX: { category: 'expression', exit: 3, title: "Expression syntax error" },
  EXPR_UNDEFINED_REFERENCE: { category: 'expression', exit: 1, title: "Name is not defined" },
  EXPR_KEY_NOT_FOUND: { category: 'expression', exit: 1, title: "Key or attribute does not exist" },
  EXPR_INDEX_OUT_OF_RANGE: { category: 'expression', exit: 1, title: "Index out of range" },
  EXPR_TYPE: { category: 'expression', exit: 1, title: "Operation not supported for these types" },
  EXPR_VALUE: { category: 'expression', exit: 1, title: "Invalid value" },
  EXPR_ZERO_DIVISION: { category: 'expression', exit: 1, title: "Division by zero" },
  EXPR_NOT_ALLOWED: { category: 'expression', exit: 1, title: "Construct, function or attribute not allowed" },
  EXPR_LIMIT: { category: 'expression', exit: 1, title: "Evaluation limit exceeded" },
  NODE_NOT_FOUND: { category: 'execution', exit: 4, title: "Node not found" },
  NODE_INPUT_INVALID: { category: 'execution', exit: 1, title: "Node input is invalid" },
  NODE_FAILED: { category: 'execution', exit: 1, title: "Node failed" },
  HTTP_INVALID_URL: { category: 'execution', exit: 1, title: "URL is not a valid http or https URL" },
  HTTP_CONNECTION_FAILED: { category: 'execution', exit: 1, title: "HTTP connection failed" },
  HTTP_TIMEOUT: { category: 'timeout', exit: 1, title: "HTTP request timed out" },
  HTTP_REDIRECT_LIMIT: { category: 'execution', exit: 1, title: "Too many HTTP redirects" },
  HTTP_STATUS_ERROR: { category: 'execution', exit: 1, title: "HTTP error status" },
  HTTP_CHECKSUM_MISMATCH: { category: 'execution', exit: 1, title: "Downloaded content does not match its checksum" },
  FILE_NOT_FOUND: { category: 'execution', exit: 1, title: "File or directory not found" },
  FILE_OUTSIDE_PROJECT: { category: 'execution', exit: 1, title: "Path is outside the project directory" },
  FILE_IO_FAILED: { category: 'execution', exit: 1, title: "File operation failed" },
  LLM_API_KEY_MISSING: { category: 'configuration', exit: 1, title: "LLM API key missing" },
  LLM_PROVIDER_ERROR: { category: 'execution', exit: 1, title: "LLM provider returned an error" },
  LLM_RESPONSE_INVALID: { category: 'execution', exit: 1, title: "LLM response cannot be used" },
  STEP_TIMEOUT: { category: 'timeout', exit: 1, title: "Step timed out" },
  STEP_MAX_VISITS_EXCEEDED: { category: 'execution', exit: 1, title: "Step visit limit exceeded" },
  STEP_NEXT_UNKNOWN: { category: 'execution', exit: 1, title: "Next target does not exist" },
  RUN_CANCELLED: { category: 'cancelled', exit: 1, title: "Run cancelled" },
  RUN_PROCESS_DIED: { category: 'execution', exit: 1, title: "Run process ended without recording a final status" },
  RUN_NOT_FOUND: { category: 'configuration', exit: 4, title: "Run not found" },
  RUN_STATE_CONFLICT: { category: 'state', exit: 5, title: "Run is not in a state that allows this" },
  APPROVAL_REJECTED: { category: 'execution', exit: 1, title: "Approval rejected" },
  INPUT_VALUE_INVALID: { category: 'usage', exit: 2, title: "Answer does not match what the input asks for" },
  STEP_NOT_FOUND: { category: 'configuration', exit: 4, title: "Step not found" },
  STATE_LOCKED: { category: 'state', exit: 5, title: "State store is locked" },
  STATE_CORRUPT: { category: 'state', exit: 70, title: "State store cannot be read" },
  PLUGIN_NOT_FOUND: { category: 'plugin', exit: 1, title: "Plugin not found" },
  PLUGIN_MANIFEST_INVALID: { category: 'plugin', exit: 3, title: "Plugin manifest invalid" },
  PLUGIN_DUPLICATE: { category: 'plugin', exit: 3, title: "Two plugins register the same name" },
  PLUGIN_CRASHED: { category: 'plugin', exit: 1, title: "Plugin process crashed" },
  PLUGIN_PROTOCOL: { category: 'plugin', exit: 1, title: "Plugin protocol violation" },
  SCHEDULE_CRON_INVALID: { category: 'validation', exit: 3, title: "Invalid cron expression" },
  FEATURE_UNSUPPORTED: { category: 'configuration', exit: 33, title: "Optional feature not supported" },
  FILE_WRITE_FAILED: { category: 'configuration', exit: 1, title: "A file the command writes cannot be written" },
  INTERNAL: { category: 'internal', exit: 70, title: "Internal error (a bug in Stepyard)" },
} as const satisfies Record<string, { category: ErrorCategory; exit: number; title: string }>;

/** A stable, machine-readable error code. */
export type ErrorCode = keyof typeof ERROR_CODES;

/** The broad class of an error; conformance asserts it together with the code. */
export type ErrorCategory =
  | 'usage'
  | 'configuration'
  | 'validation'
  | 'expression'
  | 'execution'
  | 'timeout'
  | 'cancelled'
  | 'plugin'
  | 'state'
  | 'internal';

/** Whether a string is a known error code. */
export function isErrorCode(value: string): value is ErrorCode {
  return Object.hasOwn(ERROR_CODES, value);
}
