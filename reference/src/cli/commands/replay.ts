// spec: cli.replay
// `stepyard replay RUN --from-step S [--var K=V]... [--json] [--detach]`: a NEW run (trigger `replay`, `replay_of`)
// that reuses the stored outputs of everything before S and executes S and what follows in its own run process.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createRedactor } from '../../engine/redact.js';
import type { RunRecord, StepRecord } from '../../engine/types.js';
import { StepyardError } from '../../errors/stepyard-error.js';
import { loadFlowFile } from '../../flow/load.js';
import type { JsonValue } from '../../flow/types.js';
import { BUILTIN_NODE_NAMES } from '../../nodes/catalogue.js';
import { requireProjectRoot } from '../../project/root.js';
import { generateRunId } from '../../runner/run-id.js';
import { createReplayRun, findFirstExecution } from '../../storage/replay.js';
import type { CommandContext, CommandInput } from '../context.js';
import { startAndFollow } from './follow-run.js';
import { openHistory, resolveRunReference, runNotFound } from './history-store.js';
import { optionList, parseVarOptions } from './run-inputs.js';

/** Replay RUN from a top-level step. Exit codes as `run`; 4 for an unknown run or step (STEP_NOT_FOUND). */
export async function runReplay(input: CommandInput, ctx: CommandContext): Promise<number> {
  const options = input.options;
  const fromStep = typeof options.fromStep === 'string' ? options.fromStep : '';
  if (fromStep === '') throw new StepyardError('CLI_USAGE', 'replay needs --from-step STEP', { hint: 'the top-level step to run again, e.g. --from-step deploy' });
  const cliVars = parseVarOptions(optionList(options.var));
  const root = requireProjectRoot(ctx.cwd);
  const history = await openHistory(root);
  let replayId: string;
  let flowFile: string;
  try {
    if (history === null) throw runNotFound(`no run '${String(input.args[0])}'`, history);
    const source = resolveRunReference(history, String(input.args[0]));
    const steps = history.store.listSteps(source.id);
    flowFile = checkReplayable(root, source, steps, fromStep);
    // spec: exec.vars — the source's variables (masked ones stay masked) overridden by --var; stored masked.
    const vars: Record<string, JsonValue> = { ...source.vars, ...cliVars };
    replayId = generateRunId(new Date(), 'run-replay');
    createReplayRun(history.store, {
      source,
      sourceSteps: steps,
      runId: replayId,
      fromStepId: fromStep,
      vars: createRedactor({ vars }).redact(vars) as Record<string, JsonValue>,
      at: new Date().toISOString(),
    });
    if (options.json !== true) ctx.stderr(`replaying run ${source.id} from step '${fromStep}' as ${replayId}\n`);
  } finally {
    history?.close();
  }
  const follow = { json: options.json === true, verbose: options.verbose === true, detach: options.detach === true };
  return (await startAndFollow({ root, runId: replayId, flowFile, vars: cliVars }, follow, ctx)).exitCode;
}

/**
 * Check that `fromStep` is a top-level step of the run's flow that the run reached; returns the flow file.
 * Throws FLOW_NOT_FOUND (the file is gone), the flow's first problem (it became invalid), or STEP_NOT_FOUND
 * naming the steps that can be replayed from.
 */
// spec: cli.replay
export function checkReplayable(root: string, source: RunRecord, steps: readonly StepRecord[], fromStep: string): string {
  if (source.flowFile === null || !existsSync(path.resolve(root, source.flowFile))) {
    throw new StepyardError('FLOW_NOT_FOUND', `The flow file of run '${source.id}' (${source.flowFile ?? 'unknown'}) does not exist any more`);
  }
  const loaded = loadFlowFile(path.resolve(root, source.flowFile), { knownNodes: BUILTIN_NODE_NAMES });
  if (!loaded.ok) throw loaded.errors[0] ?? new StepyardError('FLOW_SCHEMA_INVALID', `${source.flowFile} is invalid`);
  const ids = loaded.flow.steps.map((step) => step.id);
  if (!ids.includes(fromStep)) {
    throw new StepyardError('STEP_NOT_FOUND', `Flow '${loaded.flow.name}' has no top-level step '${fromStep}'`, { hint: `steps: ${ids.join(', ')}` });
  }
  if (findFirstExecution(steps, fromStep) === undefined) {
    const reached = ids.filter((id) => findFirstExecution(steps, id) !== undefined);
    throw new StepyardError('STEP_NOT_FOUND', `Run '${source.id}' never reached step '${fromStep}'`, {
      hint: reached.length === 0 ? 'the run reached no step' : `replay from one of: ${reached.join(', ')}`,
    });
  }
  return source.flowFile;
}
