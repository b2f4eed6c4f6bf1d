// Smoke test: the bench runner runs end to end (with tiny sizes) and writes well-formed result files.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const out = mkdtempSync(join(tmpdir(), 'stepyard-bench-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('bench/run.ts', () => {
  it('writes one well-formed JSON result per benchmark', () => {
    const script = fileURLToPath(new URL('./run.ts', import.meta.url));
    const result = spawnSync(process.execPath, ['--import', 'tsx', script, '--quick', '--spawns', '2', '--out', out], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['cli-cold-start.json', 'expression-evaluate.json', 'expression-parse.json', 'template-resolve.json']);
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
  });
});
