// A fresh, isolated directory per case: the workspace (cwd of every command) plus its own HOME, XDG dirs and TMPDIR.
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, normalize, sep } from 'node:path';
import { stringify } from 'yaml';
import type { ConformanceCase } from './types.js';

/** The directories of one case run. */
export interface Workspace {
  /** Absolute real path of the workspace: the default cwd, and what `<workspace>` stands for. */
  root: string;
  /** Absolute path of the isolated HOME (outside the workspace). */
  home: string;
  /** The base environment of every command of the case. */
  env: Record<string, string>;
  /** Deletes everything the case created. */
  dispose: () => void;
}

/** Creates an empty workspace with isolated HOME, XDG_* and TMPDIR, outside any project. */
export function createWorkspace(): Workspace {
  const base = realpathSync(mkdtempSync(join(tmpdir(), 'stepyard-case-')));
  const root = join(base, 'workspace');
  const home = join(base, 'home');
  const dirs = { root, home, config: join(base, 'xdg', 'config'), data: join(base, 'xdg', 'data'), state: join(base, 'xdg', 'state'), cache: join(base, 'xdg', 'cache'), tmp: join(base, 'tmp') };
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
  const env = isolatedEnvironment({
    HOME: home,
    USERPROFILE: home,
    XDG_CONFIG_HOME: dirs.config,
    XDG_DATA_HOME: dirs.data,
    XDG_STATE_HOME: dirs.state,
    XDG_CACHE_HOME: dirs.cache,
    TMPDIR: dirs.tmp,
    NO_COLOR: '1',
  });
  return { root, home, env, dispose: () => rmSync(base, { recursive: true, force: true }) };
}

// The harness's own environment minus anything that would leak into the implementation (STEPYARD_*, colours).
function isolatedEnvironment(overrides: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined || key.startsWith('STEPYARD_') || key === 'FORCE_COLOR' || key.startsWith('VITEST')) continue;
    env[key] = value;
  }
  return { ...env, ...overrides };
}

/** Resolves a case-relative path ('/'-separated) inside the workspace; refuses absolute paths and `..` escapes. */
export function resolveInWorkspace(workspace: Workspace, relativePath: string): string {
  const cleaned = normalize(relativePath.split('/').join(sep));
  if (isAbsolute(cleaned) || cleaned === '..' || cleaned.startsWith(`..${sep}`)) {
    throw new Error(`path '${relativePath}' leaves the workspace`);
  }
  return join(workspace.root, cleaned);
}

/**
 * Writes the case's `files`, then its `flow` to flows/<flow_file> (a mapping is dumped as YAML, a string written
 * exactly). Returns the flow's path relative to the workspace (what `{flow}` stands for), or null without a flow.
 * Mappings are dumped with YAML 1.1 rules, as flow documents are read (flow.yaml): a case's string `"no"` or
 * `"on"` is then quoted and stays a string instead of turning into a boolean.
 */
export function writeCaseFiles(workspace: Workspace, testCase: ConformanceCase): string | null {
  for (const [path, text] of Object.entries(testCase.files)) writeText(resolveInWorkspace(workspace, path), text);
  if (testCase.flow === undefined) return null;
  const relative = `flows/${testCase.flowFile}`;
  const text = typeof testCase.flow === 'string' ? testCase.flow : dumpFlow(testCase.flow);
  writeText(resolveInWorkspace(workspace, relative), text);
  return relative;
}

/** A case's flow mapping as YAML text that a YAML 1.1 reader reads back as the same value. */
export function dumpFlow(flow: Record<string, unknown>): string {
  return stringify(flow, { version: '1.1' });
}

function writeText(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}
