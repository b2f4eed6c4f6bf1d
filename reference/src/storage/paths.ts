// Where state lives: .stepyard/stepyard.db and .stepyard/logs/runs/<flow-slug>/<run_id>.log.
// No SQLite import here: the CLI side computes paths without loading the driver.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** The state directory under the project root. */
export const STATE_DIR = '.stepyard';
/** The database file name inside the state directory. */
export const DATABASE_FILE = 'stepyard.db';

/** `<projectRoot>/.stepyard/stepyard.db`. */
export function databasePath(projectRoot: string): string {
  return path.join(projectRoot, STATE_DIR, DATABASE_FILE);
}

/** Directory of every run log. */
export function runLogsDir(projectRoot: string): string {
  return path.join(projectRoot, STATE_DIR, 'logs', 'runs');
}

/** Flow name → directory slug: lower-case, runs of other than [a-z0-9] → '-', trimmed ('My Flow_1' → 'my-flow-1'). */
export function slugifyFlowName(name: string): string {
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return slug === '' ? 'unknown' : slug;
}

/** The log file of a run. */
// spec: state.store
export function runLogPath(projectRoot: string, flowName: string, runId: string): string {
  return path.join(runLogsDir(projectRoot), slugifyFlowName(flowName), `${runId}.log`);
}

/** Where a run's log starts before the run process knows the flow name (it then renames it). */
export function pendingRunLogPath(projectRoot: string, runId: string): string {
  return path.join(runLogsDir(projectRoot), '_pending', `${runId}.log`);
}

/** Find a run's log without knowing its flow: the first `runs/<any>/<run_id>.log`, else undefined. */
export function findRunLog(projectRoot: string, runId: string): string | undefined {
  const dir = runLogsDir(projectRoot);
  if (!existsSync(dir)) return undefined;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const candidate = path.join(dir, entry.name, `${runId}.log`);
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}
