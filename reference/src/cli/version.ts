import { readFileSync } from 'node:fs';

/** The version of this Stepyard implementation, read from reference/package.json (works from src/ and dist/). */
export function readStepyardVersion(): string {
  const text = readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
  const version = (JSON.parse(text) as { version?: unknown }).version;
  return typeof version === 'string' ? version : '0.0.0';
}

/** One line naming the versions a bug report needs: Stepyard, Node.js, platform. */
export function describeVersions(): string {
  return `stepyard ${readStepyardVersion()}, node ${process.version}, ${process.platform} ${process.arch}`;
}
