import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeSnapshot, RUN_BUNDLE, RUN_SNAPSHOT, RUN_SNAPSHOT_META, selectRunnerArguments, type SnapshotMeta } from './runner-entry.js';

// A fake build: dist/runner/{spawn-run,run-main}.js and dist/bundle/{run.cjs,run.blob,run.blob.json}. Only the
// files' presence, sizes and times matter to the selection, never their contents.
let dist: string;
let plain: string;
let bundle: string;
let blob: string;

function touch(file: string, text: string, secondsAgo: number): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  const when = new Date(Date.now() - secondsAgo * 1000);
  utimesSync(file, when, when);
}

// The meta `npm run build` would write for this node and the fake bundle and blob.
const validMeta = (): SnapshotMeta => describeSnapshot(process.execPath, bundle, blob);

function writeMeta(meta: SnapshotMeta): void {
  writeFileSync(path.join(dist, 'bundle', RUN_SNAPSHOT_META), JSON.stringify(meta));
}

function select(from = path.join(dist, 'runner', 'spawn-run.js'), nodePath = process.execPath): string[] {
  return selectRunnerArguments(from, nodePath);
}

beforeEach(() => {
  dist = mkdtempSync(path.join(tmpdir(), 'stepyard-entry-'));
  plain = path.join(dist, 'runner', 'run-main.js');
  bundle = path.join(dist, 'bundle', RUN_BUNDLE);
  blob = path.join(dist, 'bundle', RUN_SNAPSHOT);
  touch(path.join(dist, 'runner', 'spawn-run.js'), '// spawn-run', 60);
  touch(plain, '// run-main', 60);
});

afterEach(() => {
  rmSync(dist, { recursive: true, force: true });
});

describe('selectRunnerArguments', () => {
  it('starts run-main.js when there is no bundle', () => {
    expect(select()).toEqual([plain]);
  });

  it('starts the bundle when it is at least as new as run-main.js and has no snapshot', () => {
    touch(bundle, '// bundle', 30);
    expect(select()).toEqual([bundle]);
  });

  it('ignores a bundle older than run-main.js (tsc ran again without the bundle step)', () => {
    touch(bundle, '// bundle', 120);
    expect(select()).toEqual([plain]);
  });

  it('starts from the snapshot when it was built by this node for this bundle', () => {
    touch(bundle, '// bundle', 30);
    touch(blob, 'blob', 30);
    writeMeta(validMeta());
    expect(select()).toEqual(['--snapshot-blob', blob, bundle]);
  });

  it('finds the same files from a bundle chunk (the bundled CLI runs spawn-run from dist/bundle)', () => {
    touch(bundle, '// bundle', 30);
    touch(blob, 'blob', 30);
    writeMeta(validMeta());
    expect(select(path.join(dist, 'bundle', 'cli-ABC.mjs'))).toEqual(['--snapshot-blob', blob, bundle]);
  });

  it.each([
    ['another node version', (meta: SnapshotMeta) => ({ ...meta, node: 'v0.0.1' })],
    ['another V8', (meta: SnapshotMeta) => ({ ...meta, v8: '1.0' })],
    ['another node binary', (meta: SnapshotMeta) => ({ ...meta, exec_size: meta.exec_size + 1 })],
    ['another node path', (meta: SnapshotMeta) => ({ ...meta, exec_path: '/elsewhere/node' })],
    ['another bundle', (meta: SnapshotMeta) => ({ ...meta, bundle_size: meta.bundle_size + 1 })],
    ['a bundle since moved', (meta: SnapshotMeta) => ({ ...meta, bundle_path: '/old/place/run.cjs' })],
    ['a truncated blob', (meta: SnapshotMeta) => ({ ...meta, blob_size: meta.blob_size + 1 })],
  ])('falls back to the plain bundle for a snapshot made by %s', (_, change) => {
    touch(bundle, '// bundle', 30);
    touch(blob, 'blob', 30);
    writeMeta(change(validMeta()));
    expect(select()).toEqual([bundle]);
  });

  it('falls back to the plain bundle when the blob or its meta is missing or unreadable', () => {
    touch(bundle, '// bundle', 30);
    touch(blob, 'blob', 30);
    expect(select()).toEqual([bundle]);
    writeFileSync(path.join(dist, 'bundle', RUN_SNAPSHOT_META), '{not json');
    expect(select()).toEqual([bundle]);
    writeMeta(validMeta());
    rmSync(blob);
    expect(select()).toEqual([bundle]);
  });

  it('never uses the snapshot for another node binary than the one that built it', () => {
    touch(bundle, '// bundle', 30);
    touch(blob, 'blob', 30);
    writeMeta(validMeta());
    const otherNode = path.join(dist, 'node');
    touch(otherNode, 'not node', 10);
    expect(select(undefined, otherNode)).toEqual([bundle]);
  });

  it('runs the .ts source through tsx when started from the sources', () => {
    const source = fileURLToPath(new URL('./spawn-run.ts', import.meta.url));
    const args = select(source);
    expect(args[0]).toBe('--import');
    expect(args[1]).toMatch(/^file:.*tsx/);
    expect(args[2]).toBe(fileURLToPath(new URL('./run-main.ts', import.meta.url)));
  });
});
