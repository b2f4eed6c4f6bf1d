import { describe, expect, it } from 'vitest';
import { extractRunId, resolveCliCommand, startCommand, substitutePlaceholders } from './invoke.js';

const env = { PATH: process.env.PATH ?? '' };

describe('resolveCliCommand', () => {
  it('splits STEPYARD_CLI on whitespace', () => {
    expect(resolveCliCommand({ STEPYARD_CLI: '  python3 -m   stepyard ' })).toEqual(['python3', '-m', 'stepyard']);
  });

  it('defaults to the reference build run by the current node', () => {
    const [node, separator, main] = resolveCliCommand({});
    expect(node).toBe(process.execPath);
    expect(separator).toBe('--');
    expect(main).toMatch(/reference[\\/]dist[\\/]cli[\\/]main\.js$/);
  });
});

describe('substitutePlaceholders', () => {
  it('replaces placeholders inside arguments', () => {
    expect(substitutePlaceholders(['run', '{flow}', '--dir={workspace}/x', '{run_id}'], { flow: 'flows/case.yaml', run_id: 'r1', workspace: '/w' })).toEqual([
      'run',
      'flows/case.yaml',
      '--dir=/w/x',
      'r1',
    ]);
  });

  it('refuses a placeholder without a value', () => {
    expect(() => substitutePlaceholders(['{flow}'], { flow: null, workspace: '/w' })).toThrow(/\{flow\}/);
  });
});

describe('startCommand', () => {
  it('captures stdout, stderr, stdin and the exit code', async () => {
    const script = "process.stdin.on('data', d => process.stdout.write(String(d).toUpperCase())); process.stderr.write('e'); process.stdin.on('end', () => process.exit(3))";
    const result = await startCommand([process.execPath, '-e', script], { cwd: process.cwd(), env, stdin: 'abc', timeoutMs: 10_000 }).done;
    expect({ exit: result.exit, stdout: result.stdout, stderr: result.stderr, timedOut: result.timedOut }).toEqual({ exit: 3, stdout: 'ABC', stderr: 'e', timedOut: false });
  });

  it('kills the whole process group after kill_after_ms and reports 128 + SIGKILL', async () => {
    // The child starts a grandchild that would outlive it; both belong to the killed group.
    const script =
      "const g = require('child_process').spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], {stdio: 'ignore'}); console.log(g.pid); setTimeout(() => {}, 60000)";
    const result = await startCommand([process.execPath, '-e', script], { cwd: process.cwd(), env, timeoutMs: 30_000, killAfterMs: 500 }).done;
    expect({ exit: result.exit, signal: result.signal }).toEqual({ exit: 137, signal: 'SIGKILL' });
    const grandchild = Number(result.stdout.trim());
    expect(await isGoneWithin(grandchild, 5_000)).toBe(true);
  });

  it('interrupts the whole process group after interrupt_after_ms, as Ctrl+C does', async () => {
    // The command handles SIGINT itself and exits 7; its grandchild, in the same group, gets SIGINT too.
    const script =
      "const g = require('child_process').spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], {stdio: 'ignore'}); console.log(g.pid); process.on('SIGINT', () => process.exit(7)); setTimeout(() => {}, 60000)";
    const result = await startCommand([process.execPath, '-e', script], { cwd: process.cwd(), env, timeoutMs: 30_000, interruptAfterMs: 500 }).done;
    expect({ exit: result.exit, timedOut: result.timedOut }).toEqual({ exit: 7, timedOut: false });
    expect(await isGoneWithin(Number(result.stdout.trim()), 5_000)).toBe(true);
  });

  it('kills a command that exceeds its time limit', async () => {
    const result = await startCommand([process.execPath, '-e', 'setTimeout(() => {}, 60000)'], { cwd: process.cwd(), env, timeoutMs: 300 }).done;
    expect({ timedOut: result.timedOut, exit: result.exit }).toEqual({ timedOut: true, exit: 137 });
  });

  it('reports a command that cannot start as exit 127', async () => {
    const result = await startCommand(['/nonexistent/stepyard'], { cwd: process.cwd(), env, timeoutMs: 5_000 }).done;
    expect(result.exit).toBe(127);
  });
});

describe('extractRunId', () => {
  it('reads run_id from one JSON document or from the first NDJSON line carrying one', () => {
    expect(extractRunId('{\n  "ok": true,\n  "run_id": "r-1"\n}\n')).toBe('r-1');
    expect(extractRunId('{"event":"x"}\n{"event":"run.started","run_id":"r-2"}\n{"run_id":"r-3"}\n')).toBe('r-2');
    expect(extractRunId('plain text\n')).toBeNull();
  });
});

async function isGoneWithin(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    try {
      process.kill(pid, 0);
    } catch {
      return true;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}
