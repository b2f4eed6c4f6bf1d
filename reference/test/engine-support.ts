// Shared helpers of the engine-*.test.ts and approvals-engine tests: load a flow and walk it with the real engine.
import { afterEach } from 'vitest';
import type { EngineEvent } from '../src/engine/events.js';
import { createMemoryRunStore } from '../src/engine/memory-store.js';
import { runFlow, type RunFlowOptions } from '../src/engine/run-flow.js';
import type { RunOutcome, RunRecord, RunStore, StepRecord } from '../src/engine/types.js';
import { loadFlowText } from '../src/flow/load.js';
import type { FlowDocument } from '../src/flow/types.js';
import { createInProcessInvoker } from '../src/nodes/in-process-invoker.js';
import { createBuiltinRegistry } from '../src/nodes/registry.js';
import { openStore, type SqliteRunStore } from '../src/storage/run-store.js';

/** The run id every helper run uses. */
export const RUN_ID = 'run-1';

/** A valid flow from YAML text; throws with every problem when it is not valid. */
export function flowOf(yaml: string): FlowDocument {
  const loaded = loadFlowText(yaml, 'test.yaml');
  if (!loaded.ok) throw new Error(loaded.errors.map((e) => `${e.code} ${e.message}`).join('\n'));
  return loaded.flow;
}

/** What one engine walk left behind. */
export interface EngineRun<S extends RunStore> {
  outcome: RunOutcome;
  store: S;
  events: EngineEvent[];
  records: StepRecord[];
  ids: string[];
  byId: Record<string, StepRecord>;
  output(execId: string): unknown;
  run: RunRecord | undefined;
}

/** Walk a flow with the real engine, in-process invoker and built-in nodes (memory store unless one is given). */
export async function runEngine<S extends RunStore = ReturnType<typeof createMemoryRunStore>>(
  yaml: string,
  options: Omit<Partial<RunFlowOptions>, 'store'> & { projectRoot: string; store?: S },
): Promise<EngineRun<S>> {
  const store = (options.store ?? createMemoryRunStore()) as S;
  const events: EngineEvent[] = [];
  const outcome = await runFlow({
    runId: RUN_ID,
    flow: flowOf(yaml),
    invoker: createInProcessInvoker(createBuiltinRegistry()),
    events: (event) => events.push(event),
    ...options,
    store,
  });
  const records = await store.listSteps(RUN_ID);
  const byId = Object.fromEntries(records.map((r) => [r.execId, r]));
  return {
    outcome,
    store,
    events,
    records,
    ids: records.map((r) => r.execId),
    byId,
    output: (execId) => byId[execId]?.output,
    run: await store.getRun(RUN_ID),
  };
}

/**
 * `storeAt(root)` opens the SQLite store of a project and remembers it; every store it opened is closed after
 * each test. Call once at the top of a test file.
 */
export function trackStores(): (root: string) => SqliteRunStore {
  const open: SqliteRunStore[] = [];
  afterEach(() => {
    for (const store of open.splice(0)) store.close();
  });
  return (root) => {
    const store = openStore(root);
    open.push(store);
    return store;
  };
}
