import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadFlowFile } from '../flow/load.js';
import { BUILTIN_NODE_NAMES } from '../nodes/catalogue.js';
import { createBuiltinInputChecker } from '../nodes/literal-inputs.js';
import { cacheFileOf, loadFlowForRun, type FlowCacheOptions } from './flow-cache.js';

const FLOW = `name: cached
env: {GREETING: hi}
steps:
  - id: a
    uses: system.echo
    with: {value: "\${{ env.GREETING }}", list: [1, 2.5, true, null]}
  - id: b
    uses: shell.run
    if: \${{ steps.a.output != null }}
    with: {command: echo b}
    retry: {max_attempts: 2}
`;

let root: string;
let file: string;

function options(change: Partial<FlowCacheOptions> = {}): FlowCacheOptions {
  return { knownNodes: BUILTIN_NODE_NAMES, checkInputs: createBuiltinInputChecker(), projectRoot: root, codeIdentity: 'code-1', ...change };
}

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'stepyard-flow-cache-'));
  mkdirSync(path.join(root, 'flows'));
  file = path.join(root, 'flows', 'cached.yaml');
  writeFileSync(file, FLOW);
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('loadFlowForRun', () => {
  it('gives the document a full load gives, first loaded, then from the cache', () => {
    const full = loadFlowFile(file, options());
    if (!full.ok) throw new Error('fixture flow is invalid');
    const first = loadFlowForRun(file, options());
    expect(first).toEqual({ ok: true, flow: full.flow, cached: false });
    expect(existsSync(cacheFileOf(root, file))).toBe(true);
    expect(loadFlowForRun(file, options())).toEqual({ ok: true, flow: full.flow, cached: true });
  });

  it.each([
    ['the text changes', () => writeFileSync(file, FLOW.replace('echo b', 'echo c')), {}],
    ['the code changes', () => undefined, { codeIdentity: 'code-2' }],
    ['the known nodes change', () => undefined, { knownNodes: [...BUILTIN_NODE_NAMES, 'plugin.node'] }],
  ])('loads afresh when %s', (_, change, optionChange) => {
    loadFlowForRun(file, options());
    change();
    const again = loadFlowForRun(file, options(optionChange));
    expect(again.ok && again.cached).toBe(false);
    const full = loadFlowFile(file, options());
    expect(again.ok && full.ok && again.flow).toEqual(full.ok ? full.flow : null);
  });

  it('never caches a failed load: every run reports the errors again', () => {
    writeFileSync(file, 'name: bad\nsteps:\n  - id: a\n    uses: no.such.node\n');
    const first = loadFlowForRun(file, options());
    expect(first.ok ? [] : first.errors.map((error) => error.code)).toEqual(['FLOW_UNKNOWN_NODE']);
    expect(existsSync(cacheFileOf(root, file))).toBe(false);
  });

  it('ignores a corrupt cache file and writes a good one', () => {
    loadFlowForRun(file, options());
    writeFileSync(cacheFileOf(root, file), '{"key": "truncated');
    expect(loadFlowForRun(file, options())).toMatchObject({ ok: true, cached: false });
    expect(loadFlowForRun(file, options())).toMatchObject({ ok: true, cached: true });
  });

  it('does not cache a document JSON cannot hold exactly (.inf, .nan)', () => {
    writeFileSync(file, 'name: inf\nsteps:\n  - id: a\n    uses: system.echo\n    with: {value: .inf}\n');
    const first = loadFlowForRun(file, options());
    expect(first.ok && first.flow.steps[0]?.with.value).toBe(Infinity);
    expect(existsSync(cacheFileOf(root, file))).toBe(false);
  });

  it('has no cache without a code identity (sources run through tsx) or a project', () => {
    expect(loadFlowForRun(file, options({ codeIdentity: null }))).toMatchObject({ ok: true, cached: false });
    expect(loadFlowForRun(file, options({ projectRoot: null }))).toMatchObject({ ok: true, cached: false });
    expect(existsSync(path.join(root, '.stepyard'))).toBe(false);
    // From the sources, the default identity is none.
    expect(loadFlowForRun(file, { ...options(), codeIdentity: undefined })).toMatchObject({ ok: true, cached: false });
    expect(existsSync(path.join(root, '.stepyard'))).toBe(false);
  });

  it('reports an unreadable file as FLOW_FILE_UNREADABLE, like loadFlowFile', () => {
    const missing = path.join(root, 'flows', 'missing.yaml');
    const loaded = loadFlowForRun(missing, options());
    expect(loaded.ok ? null : loaded.errors.map((error) => [error.code, error.location])).toEqual([
      ['FLOW_FILE_UNREADABLE', { file: missing, line: 1, column: 1 }],
    ]);
  });

  it('keeps one cache file per flow path', () => {
    loadFlowForRun(file, options());
    writeFileSync(file, FLOW.replace('echo b', 'echo c'));
    loadFlowForRun(file, options());
    const entry = JSON.parse(readFileSync(cacheFileOf(root, file), 'utf8')) as { flow: { steps: { with: { command?: string } }[] } };
    expect(entry.flow.steps[1]?.with.command).toBe('echo c');
  });
});
