// Failure handling through the real engine: retry (fake clock), timeouts (async node and shell.run), continue_on_error, cancel.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFakeClock } from '../src/engine/clock.js';
import type { RunFlowOptions } from '../src/engine/run-flow.js';
import { runEngine } from './engine-support.js';
import { createCancelReason } from '../src/engine/timeout.js';

const projectRoot = mkdtempSync(path.join(tmpdir(), 'stepyard-engine-failure-'));

const run = (yaml: string, options: Partial<RunFlowOptions> = {}) => runEngine(yaml, { projectRoot, ...options });

function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^\d+ \(.*\) [ZX]/.test(stat);
  } catch {
    return false;
  }
}

async function waitUntil(check: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return check();
}

describe('retry', () => {
  it('retries with backoff delays from the clock until an attempt succeeds', async () => {
    const clock = createFakeClock();
    const { outcome, byId, events } = await run(
      `
name: retry
steps:
  - id: flaky
    uses: system.echo
    with: { value: ok, fail_attempts: 2 }
    retry: { attempts: 3, initial_delay: 0.5, backoff_factor: 3 }
`,
      { clock },
    );
    expect(outcome.status).toBe('completed');
    expect(clock.sleeps).toEqual([500, 1500]);
    expect(byId.flaky).toMatchObject({ status: 'completed', attempt: 3, output: 'ok' });
    expect(events.filter((e) => e.type === 'step.retrying').map((e) => (e as { attempt: number }).attempt)).toEqual([1, 2]);
  });

  it('fails after the last attempt with the node error', async () => {
    const clock = createFakeClock();
    const { outcome, byId } = await run(
      `
name: retry-fail
steps:
  - id: bad
    uses: system.echo
    with: { fail: true, message: nope }
    retry: 2
`,
      { clock },
    );
    expect(outcome.status).toBe('failed');
    expect(outcome.error).toMatchObject({ code: 'NODE_FAILED', message: 'nope', step_id: 'bad' });
    expect(byId.bad).toMatchObject({ status: 'failed', attempt: 2 });
    expect(clock.sleeps).toHaveLength(1);
  });

  it('does not retry invalid input', async () => {
    const { outcome, byId } = await run(
      `
name: invalid
steps:
  - id: sh
    uses: shell.run
    with: { command: 5 }
    retry: 3
`,
      { clock: createFakeClock() },
    );
    expect(outcome.error).toMatchObject({ code: 'NODE_INPUT_INVALID', instance: '/steps/0/with/command' });
    expect(byId.sh?.attempt).toBe(1);
  });

  it('an unknown node is NODE_NOT_FOUND', async () => {
    const { outcome } = await run(`
name: unknown
steps:
  - id: x
    uses: no.such.node
`);
    expect(outcome.error?.code).toBe('NODE_NOT_FOUND');
  });
});

describe('timeout', () => {
  it('times out an async node with STEP_TIMEOUT', async () => {
    const { outcome, byId } = await run(`
name: slow
steps:
  - id: slow
    uses: system.echo
    with: { delay_ms: 20000 }
    timeout: 0.2
`);
    expect(outcome.status).toBe('failed');
    expect(outcome.error?.code).toBe('STEP_TIMEOUT');
    expect(outcome.error?.message).toContain("'slow'");
    expect(byId.slow?.status).toBe('failed');
  });

  it('one timeout covers every retry attempt', async () => {
    const { outcome, byId } = await run(`
name: slow-retry
steps:
  - id: slow
    uses: system.echo
    with: { fail: true }
    retry: { attempts: 50, initial_delay: 0.1, backoff_factor: 1 }
    timeout: 0.35
`);
    expect(outcome.error?.code).toBe('STEP_TIMEOUT');
    expect(byId.slow?.attempt).toBeLessThan(10);
  });

  it('a group timeout covers its children as a whole', async () => {
    const { outcome, byId } = await run(`
name: group-timeout
steps:
  - id: grp
    timeout: 0.3
    steps:
      - id: quick
        uses: system.echo
        with: { delay_ms: 150 }
      - id: slow
        uses: system.echo
        with: { delay_ms: 150 }
      - id: never
        uses: system.echo
`);
    expect(outcome.error).toMatchObject({ code: 'STEP_TIMEOUT', step_id: 'grp.slow' });
    expect(outcome.error?.message).toContain("'grp'");
    expect(byId['grp.quick']?.status).toBe('completed');
    expect(byId['grp.never']).toBeUndefined();
    expect(byId.grp?.status).toBe('failed');
  });

  it('kills the whole process group of shell.run', async () => {
    const { outcome, events } = await run(`
name: shell-timeout
steps:
  - id: sh
    uses: shell.run
    with: { command: "sleep 5 & echo $!; wait", shell: true }
    timeout: 0.5
`);
    expect(outcome.error?.code).toBe('STEP_TIMEOUT');
    const line = events.find((e) => e.type === 'log' && e.stream === 'stdout');
    const pid = Number((line as { message: string } | undefined)?.message);
    expect(pid).toBeGreaterThan(0);
    expect(await waitUntil(() => !isAlive(pid), 3000)).toBe(true);
  });

  it('a timed-out step with continue_on_error lets the run continue', async () => {
    const { outcome, byId } = await run(`
name: timeout-coe
steps:
  - id: slow
    uses: system.echo
    with: { delay_ms: 20000 }
    timeout: "100ms"
    continue_on_error: true
  - id: next
    uses: system.echo
    with: { value: "\${{ steps.slow.error }}" }
`);
    expect(outcome.status).toBe('completed');
    expect(String(byId.next?.output)).toContain('timed out');
  });
});

describe('continue_on_error', () => {
  it('records the failure, exposes steps.x.error and steps.x.output.error, and continues', async () => {
    const { outcome, byId, events } = await run(`
name: coe
steps:
  - id: bad
    uses: system.echo
    with: { fail: true, message: broke }
    continue_on_error: true
  - id: after
    uses: system.echo
    with: { value: ["\${{ steps.bad.error }}", "\${{ steps.bad.output.error }}"] }
`);
    expect(outcome.status).toBe('completed');
    expect(byId.bad?.status).toBe('failed');
    expect(byId.after?.output).toEqual(['broke', 'broke']);
    expect(events.find((e) => e.type === 'step.failed')).toMatchObject({ continued: true });
  });

  it('keeps a failed shell.run output (fail_on_error) next to the error', async () => {
    const { byId } = await run(`
name: coe-shell
steps:
  - id: sh
    uses: shell.run
    with: { command: "sh -c 'echo out; exit 3'", fail_on_error: true }
    continue_on_error: true
  - id: after
    uses: system.echo
    with: { value: "\${{ steps.sh.output.code }}" }
`);
    expect(byId.after?.output).toBe(3);
  });

  it('a looped step collects {error} entries and continues; the parent is failed with the last error', async () => {
    const { outcome, byId } = await run(`
name: coe-loop
steps:
  - id: l
    uses: system.echo
    loop: [1, 2, 3]
    with: { value: "\${{ item }}", fail: "\${{ item == 2 }}" }
    continue_on_error: true
`);
    expect(outcome.status).toBe('completed');
    expect(byId.l?.status).toBe('failed');
    expect(byId.l?.output).toEqual([1, { error: 'system.echo failed on attempt 1' }, 3]);
  });

  it('without it, a failing iteration stops the loop with the partial output', async () => {
    const { outcome, byId, records } = await run(`
name: loop-fail
steps:
  - id: l
    uses: system.echo
    loop: [1, 2, 3]
    with: { value: "\${{ item }}", fail: "\${{ item == 2 }}" }
`);
    expect(outcome.status).toBe('failed');
    expect(byId.l?.output).toEqual([1]);
    expect(records.map((r) => r.execId)).toEqual(['l', 'l[1]', 'l[2]']);
  });

  it('a with expression error is covered by continue_on_error (output null)', async () => {
    const { outcome, byId } = await run(`
name: with-error
steps:
  - id: w
    uses: system.echo
    with: { value: "\${{ nope }}" }
    continue_on_error: true
`);
    expect(outcome.status).toBe('completed');
    expect(byId.w?.error?.code).toMatch(/^EXPR_/);
    expect(byId.w?.error?.instance).toBe('/steps/0/with');
  });
});

describe('cancel', () => {
  it('aborting the signal cancels the running step and the run', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(createCancelReason()), 150);
    const { outcome, byId, events, run: record } = await run(
      `
name: cancel
steps:
  - id: slow
    uses: shell.run
    with: { command: "sleep 10" }
  - id: never
    uses: system.echo
`,
      { signal: controller.signal },
    );
    expect(outcome.status).toBe('cancelled');
    expect(outcome.error?.code).toBe('RUN_CANCELLED');
    expect(byId.slow?.status).toBe('cancelled');
    expect(byId.never).toBeUndefined();
    expect(record?.status).toBe('cancelled');
    expect(events.at(-1)?.type).toBe('run.cancelled');
  });
});
