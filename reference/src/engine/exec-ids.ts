// Execution ids of step records: `id`, `id#2`, `loop[3]`, `grp.c1` (spec: exec.outputs).

/** Id of the n-th visit (1-based) of a top-level step: `id`, then `id#2`, `id#3`... */
export function visitExecId(stepId: string, visit: number): string {
  return visit <= 1 ? stepId : `${stepId}#${visit}`;
}

/** Id of iteration k (1-based) of a loop/while step. */
export function iterationExecId(execId: string, k: number): string {
  return `${execId}[${k}]`;
}

/** Id of a group child inside one group execution (or group iteration). */
export function childExecId(parentExecId: string, childId: string): string {
  return `${parentExecId}.${childId}`;
}

/** The flat `steps` key of an execution id: the id without visit markers (`grp#2.c1` → `grp.c1`). */
export function contextKeyOf(execId: string): string {
  return execId.includes('#') ? execId.replace(/#\d+/g, '') : execId;
}
