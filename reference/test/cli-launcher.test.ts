// The package's entry points: bin/stepyard (the POSIX launcher npm links as `stepyard`) and dist/cli/main.js,
// which starts the CLI bundle when it is fresh. Both BUILT (npm run build).
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI, REPO, makeTempDir, removeTempDir } from './cli-support.js';

const LAUNCHER = path.join(REPO, 'reference', 'bin', 'stepyard');

// A certificate file that does not exist: a Node process started with it warns on stderr at once.
const MISSING_CA = '/nonexistent/stepyard-test-ca.pem';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) removeTempDir(dir);
});

function tempDir(): string {
  const dir = makeTempDir('stepyard-launcher-');
  dirs.push(dir);
  return dir;
}

function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !key.startsWith('STEPYARD_') && key !== 'NODE_EXTRA_CA_CERTS') env[key] = value;
  }
  return { ...env, NO_COLOR: '1', ...extra };
}

function exec(command: string, args: string[], cwd: string, env: Record<string, string>) {
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

// A project whose flow prints what its nodes see of the two variables.
function caProject(): string {
  const root = tempDir();
  mkdirSync(path.join(root, '.stepyard'));
  mkdirSync(path.join(root, 'flows'));
  writeFileSync(
    path.join(root, 'flows', 'ca.yaml'),
    'name: ca\nsteps:\n  - id: show\n    uses: shell.run\n    with: {command: \'echo "[$NODE_EXTRA_CA_CERTS][$STEPYARD_NODE_EXTRA_CA_CERTS]"\', shell: true}\n',
  );
  return root;
}

describe.skipIf(process.platform === 'win32')('bin/stepyard', () => {
  it('runs the CLI through the links npm makes (node_modules/.bin/stepyard -> ../stepyard/bin/stepyard)', () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'pkg'));
    mkdirSync(path.join(dir, '.bin'));
    symlinkSync(LAUNCHER, path.join(dir, 'pkg', 'stepyard'));
    symlinkSync(path.join('..', 'pkg', 'stepyard'), path.join(dir, '.bin', 'stepyard'));
    const result = exec(path.join(dir, '.bin', 'stepyard'), ['--version'], dir, cleanEnv());
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/^stepyard \d+\.\d+\.\d+\n$/);
  });

  it('starts the CLI without NODE_EXTRA_CA_CERTS, and the nodes of a run still see it', () => {
    const root = caProject();
    const env = cleanEnv({ NODE_EXTRA_CA_CERTS: MISSING_CA });
    // The premise: a Node process started with the variable loads the file at once (and warns: it is missing).
    expect(exec(process.execPath, ['--', CLI, '--version'], root, env).stderr).toContain(MISSING_CA);
    const result = exec(LAUNCHER, ['run', 'ca', '--json'], root, env);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const run = JSON.parse(result.stdout) as { steps: { show: { output: { stdout: string } } } };
    expect(run.steps.show.output.stdout).toBe(`[${MISSING_CA}][]`);
  });

  it('passes arguments through untouched, Node options included', () => {
    const root = caProject();
    const result = exec(LAUNCHER, ['run', 'ca', '--env-file', 'missing.env'], root, cleanEnv());
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^CLI_USAGE /);
  });
});

describe('dist/cli/main.js', () => {
  // A copy of the built main.js beside a fake bundle and fake modules: which one it starts depends on their times.
  function fakeBuild(bundleSecondsAgo: number): string {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'package.json'), '{"type": "module"}\n');
    mkdirSync(path.join(dir, 'cli'));
    mkdirSync(path.join(dir, 'bundle'));
    copyFileSync(CLI, path.join(dir, 'cli', 'main.js'));
    writeFileSync(path.join(dir, 'cli', 'cli-main.js'), "process.stdout.write('modules\\n');\n");
    writeFileSync(path.join(dir, 'bundle', 'cli.mjs'), "process.stdout.write('bundle\\n');\n");
    const now = Date.now() / 1000;
    utimesSync(path.join(dir, 'cli', 'main.js'), now - 60, now - 60);
    utimesSync(path.join(dir, 'bundle', 'cli.mjs'), now - bundleSecondsAgo, now - bundleSecondsAgo);
    return dir;
  }

  it('starts the bundle when it is at least as new as main.js', () => {
    const dir = fakeBuild(30);
    expect(exec(process.execPath, [path.join(dir, 'cli', 'main.js')], dir, cleanEnv()).stdout).toBe('bundle\n');
  });

  it('starts the tsc-built modules when the bundle is older (tsc ran again without the bundle step)', () => {
    const dir = fakeBuild(120);
    expect(exec(process.execPath, [path.join(dir, 'cli', 'main.js')], dir, cleanEnv()).stdout).toBe('modules\n');
  });

  it('reports a CLI that cannot load as an internal error, exit 70', () => {
    const dir = fakeBuild(30);
    writeFileSync(path.join(dir, 'bundle', 'cli.mjs'), 'import "./missing-chunk.mjs";\n');
    const result = exec(process.execPath, [path.join(dir, 'cli', 'main.js')], dir, cleanEnv());
    expect(result.code).toBe(70);
    expect(result.stderr).toMatch(/^INTERNAL this is a bug in Stepyard/);
  });
});
