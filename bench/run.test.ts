// Smoke test: the bench runner runs end to end (with tiny sizes) and writes well-formed result files.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from './run-project.js';
import { BENCH_FIXTURES_DIR, echoFlowFileName, LONG_FLOW_STEPS, renderEchoFlow } from './step-flows.js';

const out = mkdtempSync(join(tmpdir(), 'stepyard-bench-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('bench/run.ts', () => {
  it('writes one well-formed JSON result per benchmark', () => {
    const script = fileURLToPath(new URL('./run.ts', import.meta.url));
    const result = spawnSync(process.execPath, ['--import', 'tsx', script, '--quick', '--spawns', '2', '--out', out], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(readdirSync(out).sort()).toEqual([
      'cli-cold-start.json',
      'expression-evaluate.json',
      'expression-parse.json',
      'run-hello.json',
      'step-overhead.json',
      'template-resolve.json',
    ]);
    for (const file of readdirSync(out)) {
      const data = JSON.parse(readFileSync(join(out, file), 'utf8')) as Record<string, unknown>;
      expect(data).toEqual({
        name: file.replace(/\.json$/, ''),
        unit: expect.stringMatching(/^(ops\/s|ms)$/),
        baseline: data.name === 'template-resolve' ? null : expect.any(Number),
        value: expect.any(Number),
        ratio: data.name === 'template-resolve' ? null : expect.any(Number),
        node: process.version,
        date: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        env: expect.objectContaining({ node_extra_ca_certs: expect.any(Boolean), cpus: expect.any(Number) }),
      });
      expect(data.value as number).toBeGreaterThan(0);
    }
    const cold = JSON.parse(readFileSync(join(out, 'cli-cold-start.json'), 'utf8')) as { value: number; baseline: number; ratio: number };
    expect(cold.ratio).toBeCloseTo(cold.value / cold.baseline, 2);
    const hello = JSON.parse(readFileSync(join(out, 'run-hello.json'), 'utf8')) as { env: Record<string, unknown> };
    expect(hello.env).toMatchObject({ command: 'stepyard run hello', spawns: 2, target_ratio: 2.2 });
    const steps = JSON.parse(readFileSync(join(out, 'step-overhead.json'), 'utf8')) as { value: number; baseline: number; env: Record<string, number> };
    expect(steps.env).toMatchObject({ steps: 1000, runs: 1, target_ms: 0.3 });
    expect(steps.baseline).toBeCloseTo(steps.env.t1_ms!, 2);
    expect(steps.value).toBeCloseTo((steps.env.t1000_ms! - steps.env.t1_ms!) / 999, 2);
  });
});

describe('bench/step-flows.ts', () => {
  it('the checked-in fixtures are what renderEchoFlow generates', () => {
    for (const steps of [1, LONG_FLOW_STEPS]) {
      const fixture = readFileSync(join(REPO_ROOT, BENCH_FIXTURES_DIR, echoFlowFileName(steps)), 'utf8');
      expect(fixture).toBe(renderEchoFlow(steps));
    }
    expect(renderEchoFlow(2).split('\n').filter((line) => line.startsWith('  - ')).length).toBe(2);
  });
});
