// NODE_EXTRA_CA_CERTS handling: Node 20 loads those certificates at every start (about 45 ms), so processes that
// make no TLS connection of their own (the CLI, run processes) start without the variable; it is kept under
// STASHED_CA_CERTS and given back to the nodes of a run, which may. No imports: the CLI reads this at start.

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

