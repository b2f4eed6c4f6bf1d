// Engine output against the spec's JSON Schemas: events, run and step records, node results.
import { readFileSync, readdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../src/engine/events.js';
import { createFakeClock } from '../src/engine/clock.js';
import { toRunRecordJson, toStepRecordJson } from '../src/engine/records-json.js';
import { runFlow } from '../src/engine/run-flow.js';
import { loadFlowText } from '../src/flow/load.js';
import type { FlowDocument } from '../src/flow/types.js';
import { createInProcessInvoker } from '../src/nodes/in-process-invoker.js';
import { createBuiltinRegistry } from '../src/nodes/registry.js';
import { openStore } from '../src/storage/run-store.js';

const schemaDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../spec/schemas');
const ajv = new Ajv2020({ allErrors: true, strict: false });
for (const file of readdirSync(schemaDir).filter((f) => f.endsWith('.schema.json'))) {
  ajv.addSchema(JSON.parse(readFileSync(path.join(schemaDir, file), 'utf8')) as object);
}
const check = (id: string, value: unknown): string => {
  const validate = ajv.getSchema(`https://stepyard.dev/schemas/${id}`);
  if (validate === undefined) throw new Error(`no schema ${id}`);
  return validate(value) ? 'valid' : JSON.stringify(validate.errors);
};

function flowOf(yaml: string): FlowDocument {
  const loaded = loadFlowText(yaml, 'test.yaml');
  if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join('\n'));
  return loaded.flow;
}

describe('schemas', () => {
  it('every event, run record and step record of a busy run validates', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'stepyard-schemas-'));
    const store = openStore(root);
    const events: EngineEvent[] = [];
    const flow = flowOf(`
name: busy
steps:
  - id: skip
    uses: system.echo
    if: "no"
  - id: loop
    uses: system.echo
    loop: [1, 2]
    with: { value: "\${{ item }}" }
  - id: grp
    steps:
      - id: flaky
        uses: system.echo
        with: { fail_attempts: 1 }
        retry: 2
      - id: sh
        uses: shell.run
        with: { command: "echo hi" }
  - id: bad
    uses: system.echo
    with: { fail: true }
    continue_on_error: true
    next: "\${{ 'gate' }}"
  - id: gate
    uses: system.echo
    approval: true
`);
    const outcome = await runFlow({
      runId: 'run-1',
      flow,
      store,
      invoker: createInProcessInvoker(createBuiltinRegistry()),
      projectRoot: root,
      clock: createFakeClock(),
      events: (event) => events.push(event),
    });
    expect(outcome.status).toBe('waiting_for_approval');
    expect(new Set(events.map((e) => e.type))).toEqual(
      new Set(['run.started', 'step.started', 'step.completed', 'step.skipped', 'step.retrying', 'step.failed', 'log', 'step.waiting', 'run.suspended']),
    );
    for (const event of events) expect(check('event.schema.json', event), event.type).toBe('valid');
    const saved = store.getRunWithSteps('run-1');
    expect(check('run-record.schema.json', toRunRecordJson(saved!.run))).toBe('valid');
    for (const step of saved!.steps) expect(check('step-record.schema.json', toStepRecordJson(step)), step.execId).toBe('valid');
    store.close();
  });

  it('failed and cancelled final events validate', () => {
    const at = '2026-01-01T00:00:00.000Z';
    const error = { code: 'RUN_CANCELLED', message: 'x' };
    expect(check('event.schema.json', { type: 'run.cancelled', run_id: 'r', at, error, duration_ms: 1 })).toBe('valid');
    expect(check('event.schema.json', { type: 'run.failed', run_id: 'r', at, error, duration_ms: 0, phase: 'startup', problems: [] })).toBe('valid');
    expect(check('event.schema.json', { type: 'run.failed', run_id: 'r', at })).not.toBe('valid');
    expect(check('node-result.schema.json', { status: 'failed', output: null, error: { code: 'NODE_FAILED', message: 'm' } })).toBe('valid');
    expect(check('node-result.schema.json', { status: 'done', output: 1 })).not.toBe('valid');
  });
});
