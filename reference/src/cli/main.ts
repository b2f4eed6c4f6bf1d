#!/usr/bin/env -S node --
// The `stepyard` executable. It starts the CLI bundle (dist/bundle/cli.mjs, made by `npm run build` after tsc)
// when that exists and is not older than this file, else the modules tsc built (or the sources, under tsx).
// The bundle loads faster: one module graph of a few files instead of dozens of modules and packages.
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The bundle, when it is there and at least as new as this file (a later plain `tsc` run makes it stale). */
function findFreshBundle(): URL | null {
  const bundle = new URL('../bundle/cli.mjs', import.meta.url);
  try {
    return statSync(bundle).mtimeMs >= statSync(fileURLToPath(import.meta.url)).mtimeMs ? bundle : null;
  } catch {
    return null;
  }
}

const bundle = findFreshBundle();
// cli-main sets the exit code; only a CLI that cannot even load ends here (spec: errors.internal).
await (bundle === null ? import('./cli-main.js') : import(bundle.href)).catch((error: unknown) => {
  process.stderr.write(`INTERNAL this is a bug in Stepyard: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 70;
});
