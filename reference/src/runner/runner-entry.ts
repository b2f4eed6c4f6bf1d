// Which file starts a run process, and how: the run bundle from its V8 startup snapshot when the snapshot was made
// by this very node binary, else the plain run bundle, else the modules tsc built, else (sources) tsx.
// Every check is a stat or a small JSON read: this runs in the CLI before each run.
import { readFileSync, statSync, type Stats } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** What `npm run build` writes beside the snapshot (reference/scripts/build-bundles.mjs). */
export interface SnapshotMeta {
  node: string;
  v8: string;
  platform: string;
  arch: string;
  exec_path: string;
  exec_size: number;
  exec_mtime_ms: number;
  bundle_size: number;
  /** The bundle's path at build time: the snapshot resolves better-sqlite3 from there. */
  bundle_path: string;
  bundle_mtime_ms: number;
  blob_size: number;
}

/**
 * The SnapshotMeta of a snapshot `blob` built from `bundle` by the node binary at `nodePath`: what
 * `npm run build` writes beside it and isSnapshotUsable later compares with.
 */
export function describeSnapshot(nodePath: string, bundle: string, blob: string): SnapshotMeta {
  const node = statSync(nodePath);
  const source = statSync(bundle);
  return {
    node: process.version,
    v8: process.versions.v8,
    platform: process.platform,
    arch: process.arch,
    exec_path: nodePath,
    exec_size: node.size,
    exec_mtime_ms: node.mtimeMs,
    bundle_size: source.size,
    bundle_path: bundle,
    bundle_mtime_ms: source.mtimeMs,
    blob_size: statSync(blob).size,
  };
}

/** The run bundle in dist/bundle/. */
export const RUN_BUNDLE = 'run.cjs';
/** Its V8 startup snapshot in dist/bundle/. */
export const RUN_SNAPSHOT = 'run.blob';
/** What the snapshot was built with (SnapshotMeta), in dist/bundle/. */
export const RUN_SNAPSHOT_META = 'run.blob.json';

/**
 * The node arguments that start the run process, for a runner module at `moduleFile` (spawn-run's own file: a
 * .ts source, a tsc-built file in dist/runner/, or a bundle chunk in dist/bundle/) and the node binary `nodePath`.
 */
export function selectRunnerArguments(moduleFile: string, nodePath: string): string[] {
  const dir = path.dirname(moduleFile);
  if (moduleFile.endsWith('.ts')) {
    const tsx = createRequire(moduleFile).resolve('tsx');
    return ['--import', pathToFileURL(tsx).href, path.join(dir, 'run-main.ts')];
  }
  const bundleDir = path.basename(dir) === 'bundle' ? dir : path.join(dir, '..', 'bundle');
  const plain = path.join(bundleDir, '..', 'runner', 'run-main.js');
  const bundle = path.join(bundleDir, RUN_BUNDLE);
  const bundleStats = statOrNull(bundle);
  // A bundle older than tsc's output is stale (tsc was run again without the bundle step).
  if (bundleStats === null || bundleStats.mtimeMs < (statOrNull(plain)?.mtimeMs ?? 0)) return [plain];
  const blob = path.join(bundleDir, RUN_SNAPSHOT);
  if (isSnapshotUsable(bundleDir, bundleStats, nodePath)) return ['--snapshot-blob', blob, bundle];
  return [bundle];
}

/**
 * Whether run.blob may be used with `nodePath`: a blob works only with the exact node binary that built it
 * (Node refuses or crashes otherwise) and only with the bundle it was built from.
 */
export function isSnapshotUsable(bundleDir: string, bundleStats: Stats, nodePath: string): boolean {
  const meta = readMeta(path.join(bundleDir, RUN_SNAPSHOT_META));
  if (meta === null) return false;
  const blob = statOrNull(path.join(bundleDir, RUN_SNAPSHOT));
  const node = statOrNull(nodePath);
  // The running node can vouch for its own version; another binary is identified by its path, size and mtime.
  const sameAsThis = path.resolve(nodePath) === path.resolve(process.execPath);
  return (
    blob !== null &&
    node !== null &&
    blob.size === meta.blob_size &&
    (!sameAsThis || (meta.node === process.version && meta.v8 === process.versions.v8)) &&
    meta.platform === process.platform &&
    meta.arch === process.arch &&
    path.resolve(nodePath) === path.resolve(meta.exec_path) &&
    node.size === meta.exec_size &&
    node.mtimeMs === meta.exec_mtime_ms &&
    bundleStats.size === meta.bundle_size &&
    path.resolve(bundleDir, RUN_BUNDLE) === meta.bundle_path &&
    bundleStats.mtimeMs === meta.bundle_mtime_ms
  );
}

function readMeta(file: string): SnapshotMeta | null {
  try {
    const value = JSON.parse(readFileSync(file, 'utf8')) as Partial<SnapshotMeta> | null;
    return typeof value === 'object' && value !== null && typeof value.exec_path === 'string' ? (value as SnapshotMeta) : null;
  } catch {
    return null;
  }
}

function statOrNull(file: string): Stats | null {
  try {
    return statSync(file);
  } catch {
    return null;
  }
}
