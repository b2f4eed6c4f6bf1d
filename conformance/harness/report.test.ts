import { describe, expect, it } from 'vitest';
import { areaOf, formatPassTable, renderComplianceMatrix, renderJunit } from './report.js';
import type { CaseOutcome } from './types.js';

const outcomes: CaseOutcome[] = [
  { id: 'cli.init.creates', spec: ['cli.init'], status: 'pass', failures: [], durationMs: 10 },
  { id: 'cli.init.force', spec: ['cli.init', 'cli.exit-codes'], status: 'fail', failures: ['exit code 1, expected 0 <&>'], durationMs: 20 },
  { id: 'exec.retry.x', spec: ['exec.retry'], status: 'unsupported', failures: [], durationMs: 5 },
];

describe('reports', () => {
  it('groups cases by the first two id segments', () => {
    expect(areaOf('cli.init.force')).toBe('cli.init');
    expect(areaOf('cli')).toBe('cli');
    expect(areaOf('approvals.reject-fails-run')).toBe('approvals');
    expect(areaOf('nodes.http-request.status-error')).toBe('nodes.http-request');
  });

  it('prints a pass table per area with a total', () => {
    expect(formatPassTable(outcomes).split('\n')).toEqual([
      'area        pass  fail  unsupported',
      'cli.init       1     1            0',
      'exec.retry     0     0            1',
      'total          1     1            1',
    ]);
  });

  it('writes JUnit with escaped failures and unsupported cases as skipped', () => {
    const xml = renderJunit(outcomes);
    expect(xml).toContain('<testsuites tests="3" failures="1" skipped="1" time="0.035">');
    expect(xml).toContain('<failure message="exit code 1, expected 0 &lt;&amp;&gt;">');
    expect(xml).toContain('<testcase classname="exec.retry" name="exec.retry.x" time="0.005">\n      <skipped');
  });

  it('renders the compliance matrix with one row per cited anchor', () => {
    const matrix = renderComplianceMatrix(outcomes, {
      implementation: 'stepyard 0.1.0',
      kitVersion: '0.1.0',
      anchors: new Map([
        ['cli.init', 'cli.md'],
        ['cli.exit-codes', 'cli.md'],
      ]),
    });
    expect(matrix).toContain('| [cli.exit-codes](cli.md#cli.exit-codes) | failing | 0 | 1 | 0 |');
    expect(matrix).toContain('| [cli.init](cli.md#cli.init) | failing | 1 | 1 | 0 |');
    expect(matrix).toContain('| `exec.retry` (missing) | unsupported | 0 | 0 | 1 |');
    expect(matrix).toContain('GENERATED');
  });
});
