import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isStepyardError } from '../errors/stepyard-error.js';
import { listFlowFiles, resolveFlowReference, resolveFlowsDir } from './flows.js';

let dir: string;
let flows: string;
beforeEach(() => {
  dir = realpathSync(mkdtempSync(join(tmpdir(), 'stepyard-flows-')));
  flows = join(dir, 'flows');
  mkdirSync(flows);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const write = (path: string, text = 'name: x\n'): void => {
  mkdirSync(join(dir, path, '..'), { recursive: true });
  writeFileSync(join(dir, path), text);
};

function codeOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    return isStepyardError(error) ? error.code : 'not a StepyardError';
  }
  return 'no error';
}

describe('resolveFlowsDir', () => {
  it('prefers a non-empty STEPYARD_FLOWS_DIR, resolved against cwd', () => {
    expect(resolveFlowsDir({ cwd: '/w/sub', env: { STEPYARD_FLOWS_DIR: '../f' }, root: '/w' })).toBe('/w/f');
    expect(resolveFlowsDir({ cwd: '/w', env: { STEPYARD_FLOWS_DIR: '' }, root: '/w' })).toBe('/w/flows');
    expect(resolveFlowsDir({ cwd: '/w', env: {}, root: null })).toBeNull();
  });
});

describe('listFlowFiles', () => {
  it('lists top-level .yaml/.yml files sorted by name, nothing else', () => {
    for (const path of ['flows/b.yml', 'flows/a.yaml', 'flows/C.YAML', 'flows/x.yaml.bak', 'flows/n.txt', 'flows/sub/d.yaml']) write(path);
    mkdirSync(join(flows, 'dir.yaml'));
    expect(listFlowFiles(flows)).toEqual(['C.YAML', 'a.yaml', 'b.yml'].map((name) => join(flows, name)));
    expect(listFlowFiles(join(dir, 'missing'))).toEqual([]);
  });
});

describe('resolveFlowReference', () => {
  const resolveRef = (reference: string, cwd = dir): string => resolveFlowReference(reference, { cwd, flowsDir: flows });

  it('resolves a name to <name>.yaml before <name>.yml', () => {
    write('flows/deploy.yml');
    expect(resolveRef('deploy')).toBe(join(flows, 'deploy.yml'));
    write('flows/deploy.yaml');
    expect(resolveRef('deploy')).toBe(join(flows, 'deploy.yaml'));
  });

  it("falls back to the first file whose top-level name matches, skipping unparsable files", () => {
    write('flows/a-broken.yaml', 'name: [oops\n');
    write('flows/b.yaml', 'name: Nightly Backup\nsteps: []\n');
    write('flows/c.yaml', 'name: Nightly Backup\n');
    expect(resolveRef('Nightly Backup')).toBe(join(flows, 'b.yaml'));
  });

  it('never matches a file with another extension', () => {
    write('flows/hello.bak');
    write('flows/hello.txt');
    expect(codeOf(() => resolveRef('hello'))).toBe('FLOW_NOT_FOUND');
  });

  it('treats references with a separator or a flow extension as paths', () => {
    write('elsewhere/x.yaml');
    write('flows/only-here.yaml');
    expect(resolveRef('elsewhere/x.yaml')).toBe(join(dir, 'elsewhere', 'x.yaml'));
    expect(resolveRef('only-here.yaml')).toBe(join(flows, 'only-here.yaml'));
    expect(resolveRef('../flows/only-here.yaml', join(dir, 'elsewhere'))).toBe(join(flows, 'only-here.yaml'));
    expect(codeOf(() => resolveRef('elsewhere/missing.yaml'))).toBe('FLOW_NOT_FOUND');
  });

  it('resolves paths outside a project', () => {
    write('a.yaml');
    expect(resolveFlowReference('a.yaml', { cwd: dir, flowsDir: null })).toBe(join(dir, 'a.yaml'));
    expect(codeOf(() => resolveFlowReference('a', { cwd: dir, flowsDir: null }))).toBe('FLOW_NOT_FOUND');
  });
});
