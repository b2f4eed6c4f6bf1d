import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../engine/events.js';
import { visibleLength } from './ansi.js';
import { SPINNER, renderFrame } from './run-frame.js';
import { applyRunEvent, createRunView, type RunView } from './run-view.js';

const T0 = Date.parse('2026-01-01T00:00:00.000Z');
const at = (ms: number): string => new Date(T0 + ms).toISOString();
const base = { run_id: 'run-1' };

function viewOf(events: EngineEvent[]): RunView {
  const view = createRunView();
  for (const event of events) applyRunEvent(view, event);
  return view;
}

const started: EngineEvent = { ...base, type: 'run.started', at: at(0), flow: 'deploy', flow_file: 'flows/deploy.yaml', resumed: false, pid: 1, log_path: null };
const stepStart = (execId: string, ms: number, parent: string | null = null, kind: 'node' | 'group' | 'loop' = 'node'): EngineEvent => ({
  ...base,
  type: 'step.started',
  at: at(ms),
  exec_id: execId,
  step_id: execId.replace(/\[.*$/, '').split('.').pop() ?? execId,
  kind,
  parent_exec_id: parent,
  iteration: null,
});

describe('renderFrame', () => {
  it('shows each step with its symbol, indentation and duration; running steps spin and count up', () => {
    const view = viewOf([
      started,
      stepStart('build', 10),
      { ...base, type: 'step.completed', at: at(1210), exec_id: 'build', step_id: 'build', kind: 'node', attempt: 1, output: null, duration_ms: 1200 },
      stepStart('grp', 1300, null, 'group'),
      stepStart('grp.test', 1310, 'grp'),
      { ...base, type: 'step.skipped', at: at(1320), exec_id: 'lint', step_id: 'lint', reason: 'condition' },
    ]);
    const lines = renderFrame(view, { now: T0 + 3310, columns: 80, tick: 1, color: false });
    expect(lines).toEqual([
      'deploy · run-1',
      '  ✓ build       1.2 s',
      `  ${SPINNER[1]} grp         2.0 s`,
      `  ${SPINNER[1]}   grp.test  2.0 s`,
      '  ○ lint        skipped: condition false',
    ]);
  });

  it('marks failures, retries and cancellation, and keeps the last log lines', () => {
    const view = viewOf([
      started,
      stepStart('fetch', 0),
      { ...base, type: 'step.retrying', at: at(100), exec_id: 'fetch', step_id: 'fetch', attempt: 1, delay_ms: 500, error: { code: 'NODE_FAILED', message: 'x' } },
      { ...base, type: 'log', at: at(150), level: 'info', stream: 'stdout', exec_id: 'fetch', message: 'trying again' },
      { ...base, type: 'step.failed', at: at(900), exec_id: 'fetch', step_id: 'fetch', kind: 'node', attempt: 2, error: { code: 'NODE_FAILED', message: 'x' }, continued: false, duration_ms: 800 },
      stepStart('after', 950),
    ]);
    view.cancelling = true;
    const lines = renderFrame(view, { now: T0 + 1000, columns: 80, tick: 0, color: false });
    expect(lines).toEqual([
      'deploy · run-1',
      '  ✗ fetch  800 ms attempt 2  NODE_FAILED',
      `  ${SPINNER[0]} after  50 ms`,
      '',
      '  fetch │ trying again',
      'cancelling… (Ctrl+C again to stop at once)',
    ]);
  });

  it('shows only the newest rows and fits every line in the terminal width', () => {
    const events: EngineEvent[] = [started];
    for (let i = 1; i <= 20; i++) {
      events.push(stepStart(`a-very-long-step-name-number-${i}`, i));
      events.push({ ...base, type: 'step.completed', at: at(i + 1), exec_id: `a-very-long-step-name-number-${i}`, step_id: 's', kind: 'node', attempt: 1, output: null, duration_ms: 1 });
    }
    const lines = renderFrame(applyAll(events), { now: T0, columns: 30, tick: 0, color: true, maxRows: 5 });
    expect(lines[1]).toContain('15 earlier steps');
    expect(lines).toHaveLength(7);
    for (const line of lines.slice(2)) expect(visibleLength(line)).toBeLessThanOrEqual(30);
    expect(lines.join('\n')).toContain('\u001b[32m✓\u001b[39m');
  });

  it('says it is starting before the run process reported anything', () => {
    expect(renderFrame(createRunView(), { now: T0, columns: 80, tick: 0, color: false })).toEqual(['starting run…']);
  });
});

describe('applyRunEvent', () => {
  it('turns rows still running at a failed or cancelled end into that status', () => {
    const view = viewOf([started, stepStart('a', 0), { ...base, type: 'run.cancelled', at: at(10), error: { code: 'RUN_CANCELLED', message: 'x' }, duration_ms: 10 }]);
    expect(view.rows.map((row) => row.status)).toEqual(['cancelled']);
    expect(view.status).toBe('cancelled');
  });
});

function applyAll(events: EngineEvent[]): RunView {
  return viewOf(events);
}
