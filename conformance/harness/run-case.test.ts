import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './invoke.js';
import { runCase, type RunOptions } from './run-case.js';
import { loadSchemaRegistry } from './schemas.js';
import type { CaseCommand, ConformanceCase } from './types.js';

const fakeCli = fileURLToPath(new URL('./testdata/fake-cli.mjs', import.meta.url));
const options: RunOptions = { cli: [process.execPath, fakeCli], schemas: loadSchemaRegistry(join(REPO_ROOT, 'spec', 'schemas')), timeoutMs: 10_000 };

function makeCase(commands: CaseCommand[], extra: Partial<ConformanceCase> = {}): ConformanceCase {
  return { id: 'harness.test.case', description: 'd', spec: ['cli.init'], features: [], project: true, files: {}, flowFile: 'case.yaml', env: {}, servers: {}, commands, path: 'x.yaml', ...extra };
}

describe('runCase', () => {
  it('starts the case servers and substitutes {server.NAME} in arguments', async () => {
    const servers = { api: { routes: { '/x': { body: 'hi' } } } };
    const command: CaseCommand = { invoke: ['echo-json', '{"url": "{server.api}/x"}'], expect: { json: { url: { $regex: '^http://127\\.0\\.0\\.1:\\d+/x$' } } } };
    expect(await runCase(makeCase([command], { servers }), options)).toMatchObject({ status: 'pass' });
  });

  it('passes when every expectation holds', async () => {
    const outcome = await runCase(makeCase([{ invoke: ['echo-json', '{"ok": false, "error": {"code": "X"}}'], expect: { exit: 0, json: { ok: false, error: { code: 'X' } } } }]), options);
    expect(outcome).toMatchObject({ status: 'pass', failures: [] });
  });

  it('fails with a readable reason on a wrong exit code and a JSON mismatch', async () => {
    const outcome = await runCase(makeCase([{ invoke: ['echo-json', '{"ok": true}'], expect: { exit: 1, json: { ok: false } } }]), options);
    expect(outcome.status).toBe('fail');
    expect(outcome.failures.join('\n')).toMatch(/exit code 0, expected 1[\s\S]*\$\.ok: values differ \(expected false, got true\)/);
  });

  it('validates stdout against a spec schema', async () => {
    const outcome = await runCase(makeCase([{ invoke: ['echo-json', '{"ok": false}'], expect: { schema: 'command-failure.schema.json' } }]), options);
    expect(outcome.status).toBe('fail');
    expect(outcome.failures.join('\n')).toMatch(/does not validate against command-failure\.schema\.json/);
  });

  it('counts exit 33 as unsupported only for a case with features', async () => {
    const command: CaseCommand = { invoke: ['exit', '33'], expect: { exit: 0 } };
    expect((await runCase(makeCase([command], { features: ['posix-shell'] }), options)).status).toBe('unsupported');
    expect((await runCase(makeCase([command]), options)).status).toBe('fail');
  });

  it('substitutes {run_id} from a background command still running, then checks it at the end', async () => {
    const outcome = await runCase(
      makeCase([
        { invoke: ['start-run'], background: true, expect: { exit: 0, ndjson: [{ event: 'run.started' }, { event: 'run.completed' }] } },
        { invoke: ['show', '{run_id}'], expect: { json: { run_id: 'r-77' } } },
      ]),
      options,
    );
    expect(outcome).toMatchObject({ status: 'pass', failures: [] });
  });

  it('runs in an isolated workspace: init first, files and flow written, paths normalised, STEPYARD_* not inherited', async () => {
    process.env.STEPYARD_HARNESS_PROBE = 'leaked';
    try {
      const outcome = await runCase(
        makeCase([{ invoke: ['where', '{flow}', '{workspace}'], expect: { json: { cwd: '<workspace>/sub', home: '<home>', probe: null, args: ['flows/case.yaml', '<workspace>'] }, files: { '.stepyard': { exists: true }, 'flows/case.yaml': { text: 'name: x\n' }, 'a/b.txt': { text: 'hi' } } } }], {
          cwd: 'sub',
          flow: { name: 'x' },
          files: { 'a/b.txt': 'hi' },
        }),
        options,
      );
      expect(outcome).toMatchObject({ status: 'pass', failures: [] });
    } finally {
      delete process.env.STEPYARD_HARNESS_PROBE;
    }
  });

  it('skips init for project: false', async () => {
    const outcome = await runCase(makeCase([{ invoke: ['exit', '0'], expect: { files: { '.stepyard': { exists: false } } } }], { project: false }), options);
    expect(outcome.status).toBe('pass');
  });

  it('refuses files that leave the workspace', async () => {
    const outcome = await runCase(makeCase([{ invoke: ['exit', '0'], expect: {} }], { files: { '../escape.txt': 'x' } }), options);
    expect(outcome.failures.join('\n')).toMatch(/leaves the workspace/);
  });
});
