// The run process's environment: OS env (+ project .env), flow env, dotenv files; NODE_EXTRA_CA_CERTS handling.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { mergeProjectDotenv, mergeRunEnv, parseDotenv } from '../engine/env.js';
import type { FlowDocument } from '../flow/types.js';

/** The parent moves NODE_EXTRA_CA_CERTS here so the run process starts without it (about 48 ms saved). */
export const STASHED_CA_CERTS = 'STEPYARD_NODE_EXTRA_CA_CERTS';

/** The environment of the run process itself: the caller's env without NODE_EXTRA_CA_CERTS (stashed). */
export function buildRunnerProcessEnv(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined) out[key] = value;
  const ca = out.NODE_EXTRA_CA_CERTS;
  if (ca !== undefined) {
    delete out.NODE_EXTRA_CA_CERTS;
    out[STASHED_CA_CERTS] = ca;
  }
  return out;
}

/** The OS env as nodes should see it: NODE_EXTRA_CA_CERTS restored, the stash removed. */
export function restoreOsEnv(env: Readonly<Record<string, string | undefined>>): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = { ...env };
  const stashed = out[STASHED_CA_CERTS];
  delete out[STASHED_CA_CERTS];
  if (stashed !== undefined && out.NODE_EXTRA_CA_CERTS === undefined) out.NODE_EXTRA_CA_CERTS = stashed;
  return out;
}

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
