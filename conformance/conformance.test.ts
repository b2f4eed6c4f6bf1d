// The conformance kit's vitest entry: one test per case, named by its id. Black box: imports nothing from reference/.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { REPO_ROOT, resolveCliCommand, startCommand } from './harness/invoke.js';
import { loadCases } from './harness/load-cases.js';
import { collectSpecAnchors, formatPassTable, renderComplianceMatrix, renderJunit } from './harness/report.js';
import { runCase } from './harness/run-case.js';
import { loadSchemaRegistry } from './harness/schemas.js';
import type { CaseOutcome } from './harness/types.js';

const KIT_DIR = join(REPO_ROOT, 'conformance');
const TIMEOUT_MS = Number(process.env.STEPYARD_CONFORMANCE_TIMEOUT_MS ?? 30_000);
const { cases, problems } = loadCases(join(KIT_DIR, 'cases'), join(KIT_DIR, 'case.schema.json'));
const cli = resolveCliCommand();
const schemas = loadSchemaRegistry(join(REPO_ROOT, 'spec', 'schemas'));
const outcomes: CaseOutcome[] = [];

beforeAll(() => {
  const usesDefault = process.env.STEPYARD_CLI === undefined || process.env.STEPYARD_CLI.trim() === '';
  if (usesDefault && !existsSync(cli.at(-1)!)) throw new Error(`${cli.at(-1)} is missing: run 'npm run build' first, or set STEPYARD_CLI`);
});

describe('conformance', () => {
  for (const problem of problems) {
    it(`case file ${problem.path}`, () => {
      throw new Error(problem.message);
    });
  }
  for (const testCase of cases) {
    it(testCase.id, { timeout: testCase.commands.length * TIMEOUT_MS + 15_000 }, async (ctx) => {
      const outcome = await runCase(testCase, { cli, schemas, timeoutMs: TIMEOUT_MS, keepFailed: process.env.STEPYARD_CONFORMANCE_KEEP === '1' });
      outcomes.push(outcome);
      if (outcome.status === 'unsupported') ctx.skip('unsupported optional feature (exit 33)');
      if (outcome.status === 'fail') throw new Error(`${testCase.description}\n${outcome.failures.join('\n')}`);
    });
  }
});

afterAll(async () => {
  if (outcomes.length === 0) return;
  process.stdout.write(`\nConformance results (${cli.join(' ')}):\n${formatPassTable(outcomes)}\n`);
  const reports = join(KIT_DIR, 'reports');
  mkdirSync(reports, { recursive: true });
  writeFileSync(join(reports, 'junit.xml'), renderJunit(outcomes));
  // The matrix describes a full run only; a filtered run (vitest -t) leaves it alone.
  if (outcomes.length !== cases.length || problems.length > 0) return;
  const usesDefault = process.env.STEPYARD_CLI === undefined || process.env.STEPYARD_CLI.trim() === '';
  const target = process.env.STEPYARD_COMPLIANCE_MATRIX ?? (usesDefault ? join(REPO_ROOT, 'spec', 'compliance-matrix.md') : join(reports, 'compliance-matrix.md'));
  const matrix = renderComplianceMatrix(sortById(outcomes), {
    implementation: await readImplementationVersion(),
    kitVersion: (JSON.parse(readFileSync(join(KIT_DIR, 'package.json'), 'utf8')) as { version: string }).version,
    anchors: collectSpecAnchors(join(REPO_ROOT, 'spec')),
  });
  writeFileSync(target, matrix);
});

async function readImplementationVersion(): Promise<string> {
  const result = await startCommand([...cli, '--version'], { cwd: REPO_ROOT, env: { ...process.env } as Record<string, string>, timeoutMs: TIMEOUT_MS }).done;
  return result.stdout.trim().split('\n')[0] ?? cli.join(' ');
}

function sortById(list: CaseOutcome[]): CaseOutcome[] {
  return [...list].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
