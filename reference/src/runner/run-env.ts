// The run process's environment: OS env (+ project .env), flow env, dotenv files.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { mergeProjectDotenv, mergeRunEnv, parseDotenv } from '../engine/env.js';
import type { FlowDocument } from '../flow/types.js';
import { restoreOsEnv } from './ca-env.js';

export { STASHED_CA_CERTS, buildRunnerProcessEnv, restoreOsEnv } from './ca-env.js';

/** The run environment and the warnings met while building it. */
export interface LoadedRunEnv {
  env: Record<string, string>;
  warnings: string[];
}

/**
 * Build the run environment (spec: exec.env): OS env (with the project `.env` under it), then
 * flow `env:`, then `dotenv:` files (relative to the project root; a missing file is a warning).
 * Adds STEPYARD_PROJECT_DIR and STEPYARD_RUN_ID. Never touches process.env.
 */
// spec: exec.env
export function loadRunEnv(
  osEnv: Readonly<Record<string, string | undefined>>,
  projectRoot: string,
  flow: FlowDocument,
  runId: string,
): LoadedRunEnv {
  const warnings: string[] = [];
  const projectDotenv = readDotenv(path.join(projectRoot, '.env'));
  const processEnv = mergeProjectDotenv(restoreOsEnv(osEnv), projectDotenv ?? {});
  const dotenvFiles = flow.dotenv.map((file) => {
    const full = path.resolve(projectRoot, file);
    const values = readDotenv(full);
    if (values === null) warnings.push(`dotenv file not found: ${file}`);
    return values ?? {};
  });
  const env = mergeRunEnv({ processEnv, flowEnv: flow.env, dotenvFiles });
  env.STEPYARD_PROJECT_DIR = projectRoot;
  env.STEPYARD_RUN_ID = runId;
  return { env, warnings };
}

function readDotenv(file: string): Record<string, string> | null {
  try {
    return parseDotenv(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}
