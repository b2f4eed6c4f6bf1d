// `npm run build`, after tsc: bundle the CLI and the run process with esbuild, then build a V8 startup snapshot
// of the run bundle with the node running this script. Output in dist/bundle/ (see bench/README.md for what each
// step saves):
//   cli.mjs + cli-*.mjs  the CLI (ESM, split at its lazy imports), started by dist/cli/main.js
//   run.cjs              the run process (CJS: `node --build-snapshot` takes CommonJS only)
//   run.blob             its startup snapshot; valid only for the node binary recorded in run.blob.json
//   run.blob.json        what startRun checks before using the blob (see src/runner/runner-entry.ts)
// better-sqlite3's native addon stays outside: it is required from node_modules on first use.
// STEPYARD_NO_SNAPSHOT=1 skips the snapshot (the run process then starts from run.cjs).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const reference = dirname(dirname(fileURLToPath(import.meta.url)));
const src = join(reference, 'src');
const out = join(reference, 'dist', 'bundle');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  // better-sqlite3's JavaScript is bundled; its native addon is loaded at run time (src/storage/sqlite-driver.ts).
  // `bindings` is its fallback search for the addon, used only when the addon is not in build/Release/.
  external: ['bindings'],
  legalComments: 'none',
  logLevel: 'warning',
};

// zod re-exports all of its ~60 message locales (z.locales, about 330 KB of the 1.3 MB run bundle); Stepyard uses
// only the English messages zod configures by default. Both bundles get a locales index holding just those,
// which shrinks the run snapshot and the time to load it.
const englishZodOnly = {
  name: 'english-zod-only',
  setup(esbuild) {
    esbuild.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, () => ({
      contents: 'export { default as en } from "./en.js";\n',
      loader: 'js',
    }));
  },
};

// The directory layout matters: dist/bundle/ is as deep as dist/cli/, so `new URL('../../package.json',
// import.meta.url)` (cli/version.ts) still finds reference/package.json.
async function bundleCli(dir) {
  await build({
    ...common,
    entryPoints: { cli: join(src, 'cli', 'cli-main.ts') },
    outdir: dir,
    format: 'esm',
    splitting: true,
    chunkNames: 'cli-[hash]',
    plugins: [englishZodOnly],
    outExtension: { '.js': '.mjs' },
    // Bundled CommonJS packages (commander, yaml) call require() for Node built-ins.
    banner: { js: "import { createRequire as __stepyardCreateRequire } from 'node:module';\nconst require = __stepyardCreateRequire(import.meta.url);" },
  });
}

// Built-ins that cannot be loaded while Node builds a snapshot (node:http fails, node:https and node:tls crash on
// Node 20; node:module is only warned about): the run bundle gets a stand-in for each, which loads the real module
// on first use at run time. Its property names are known up front, so bundled `import { x } from 'node:tls'` works.
// node:child_process is warned about too ("not yet fully verified") but kept in the snapshot: every run reads its
// stdin through a net.Socket and most spawn a process, so preloading it saves ~5 ms per run; the reference and
// conformance suites run every spawning node from this snapshot.
const LAZY_BUILTINS = ['http', 'https', 'module', 'tls'];

const lazyBuiltins = {
  name: 'lazy-builtins',
  setup(esbuild) {
    const filter = new RegExp(`^(node:)?(${LAZY_BUILTINS.join('|')})$`);
    esbuild.onResolve({ filter }, (args) =>
      // The stand-in's own require() of the real module stays a plain require.
      args.namespace === 'lazy-builtin' ? { path: args.path, external: true } : { path: args.path.replace(/^node:/, ''), namespace: 'lazy-builtin' },
    );
    esbuild.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, async (args) => {
      const keys = Object.keys(await import(`node:${args.path}`)).filter((key) => key !== 'default');
      return { contents: lazyModuleSource(args.path, keys), loader: 'js' };
    });
  },
};

function lazyModuleSource(name, keys) {
  return `let real;
const load = () => (real ??= require(${JSON.stringify(`node:${name}`)}));
const keys = ${JSON.stringify(keys)};
module.exports = new Proxy({}, {
  get: (_, key) => (key === '__esModule' ? undefined : load()[key]),
  has: (_, key) => key in load(),
  ownKeys: () => keys,
  getOwnPropertyDescriptor: (_, key) => (keys.includes(key) ? { configurable: true, enumerable: true, get: () => load()[key] } : undefined),
});
`;
}

async function bundleRunProcess(dir) {
  await build({
    ...common,
    plugins: [lazyBuiltins, englishZodOnly],
    entryPoints: [join(src, 'runner', 'run-main.ts')],
    outfile: join(dir, 'run.cjs'),
    format: 'cjs',
    // CommonJS has no import.meta: storage/sqlite-driver.ts resolves better-sqlite3 from the bundle's own file.
    define: { 'import.meta.url': '__stepyardBundleUrl' },
    banner: { js: "var __stepyardBundleUrl = require('node:url').pathToFileURL(__filename).href;" },
  });
}

// The snapshot must come from this very node binary: the run process is started with process.execPath.
async function buildSnapshot() {
  const bundle = join(out, 'run.cjs');
  const blob = join(out, 'run.blob');
  const result = spawnSync(process.execPath, ['--snapshot-blob', blob, '--build-snapshot', bundle], { cwd: out, encoding: 'utf8', env: snapshotEnv() });
  if (result.status !== 0) {
    rmSync(blob, { force: true });
    process.stderr.write(`warning: no run-process snapshot (the run process will start from run.cjs): ${result.stderr || result.error}\n`);
    return;
  }
  // tsc has already built dist/: the same description the CLI checks before using the snapshot.
  const { describeSnapshot } = await import(pathToFileURL(join(reference, 'dist', 'runner', 'runner-entry.js')).href);
  const meta = describeSnapshot(process.execPath, bundle, blob);
  writeFileSync(join(out, 'run.blob.json'), `${JSON.stringify(meta, null, 2)}\n`);
}

// Nothing of this environment may leak into the snapshot (the run process reads its own at start), and without
// NODE_EXTRA_CA_CERTS the build starts faster.
function snapshotEnv() {
  return { PATH: process.env.PATH ?? '' };
}

// The bundles are written beside dist/bundle/ and swapped in whole, so a CLI started meanwhile sees the old set,
// none (it then starts the tsc-built modules) or the new one, never half of one. The snapshot is built in place:
// it records the bundle's final path.
const staging = `${out}.${process.pid}.tmp`;
rmSync(staging, { recursive: true, force: true });
mkdirSync(staging, { recursive: true });
try {
  await Promise.all([bundleCli(staging), bundleRunProcess(staging)]);
  rmSync(out, { recursive: true, force: true });
  renameSync(staging, out);
} finally {
  rmSync(staging, { recursive: true, force: true });
}
if (process.env.STEPYARD_NO_SNAPSHOT !== '1') await buildSnapshot();
process.stdout.write(`bundles: ${readdirSync(out).length} files in ${out}\n`);
