// Work done once while Node builds the run bundle's V8 startup snapshot (see run-main.ts): loading and
// validating a small flow and evaluating a template initialise what the first run would otherwise set up
// lazily (schema parsers, YAML tags, expression tables). Pure computation: no file, no process state.
import { resolveTemplates } from '../expressions/template.js';
import { loadFlowText } from '../flow/load.js';
import { BUILTIN_NODE_NAMES } from '../nodes/catalogue.js';
import { createLiteralInputChecker } from '../nodes/literal-inputs.js';
import { createBuiltinRegistry } from '../nodes/registry.js';
import { parseRunRequest } from './run-request.js';

const WARM_UP_FLOW = `name: warm-up
description: loaded while the run process snapshot is built
vars:
  greeting: hello
steps:
  - id: echo
    uses: system.echo
    with: {value: "\${{ vars.greeting }}"}
  - id: shell
    uses: shell.run
    if: \${{ steps.echo.output != null }}
    with:
      command: echo hi
    retry: {max_attempts: 2}
`;

/** Load, validate and evaluate a sample flow and parse a run request; throws if that fails (the snapshot build then fails loudly). */
export function warmRunProcess(): void {
  const registry = createBuiltinRegistry();
  const loaded = loadFlowText(WARM_UP_FLOW, 'warm-up.yaml', { knownNodes: BUILTIN_NODE_NAMES, checkInputs: createLiteralInputChecker(registry) });
  if (!loaded.ok) throw new Error(`warm-up flow is invalid: ${loaded.errors.map((error) => error.message).join('; ')}`);
  // zod compiles an object schema's parser on its first use: do that for every built-in node's inputs.
  for (const name of registry.names()) {
    const definition = registry.get(name);
    definition?.input.safeParse(definition.example ?? {});
  }
  parseRunRequest(JSON.stringify({ runId: 'warm-up', projectRoot: '/', flowFile: 'warm-up.yaml', logPath: null, vars: { a: [1, { b: null }] } }));
  resolveTemplates({ value: '${{ vars.greeting }} ${{ 1 + 2 }}' }, { vars: { greeting: 'hi' }, steps: {}, env: {}, visits: {}, trigger: {} });
}
