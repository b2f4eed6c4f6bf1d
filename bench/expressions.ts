// Expression benchmarks: parse and evaluate throughput, each against a plain-JavaScript baseline.
import { Bench } from 'tinybench';
import { evaluateExpression, parseExpression, resolveTemplates } from '../reference/src/index.js';
import type { BenchResult, RunSettings } from './result.js';
import { makeResult } from './result.js';

/** Expressions as flows write them: comparisons, attribute and index access, calls, concatenation. */
export const EXPRESSIONS = [
  "steps.fetch.output.status == 200 and vars.env != 'prod'",
  'steps.fetch.output.items[0].name',
  'int(vars.count) * 2 + 1',
  "'deploy-' + vars.version",
  "vars.name if vars.flag else 'none'",
  "'a' in vars.env or 3 in vars.nums",
];

/** The names those expressions read. */
export const SCOPE = {
  steps: { fetch: { output: { status: 200, items: [{ name: 'a' }] } } },
  vars: { env: 'dev', count: '3', version: '1.2', flag: true, name: 'n', nums: [1, 2, 3] },
  env: {},
  visits: {},
  trigger: { payload: {} },
};

// The same six computations written directly in JavaScript: what evaluation would cost with no interpreter.
const NATIVE: Array<(s: typeof SCOPE) => unknown> = [
  (s) => s.steps.fetch.output.status === 200 && s.vars.env !== 'prod',
  (s) => s.steps.fetch.output.items[0]?.name,
  (s) => Number.parseInt(s.vars.count, 10) * 2 + 1,
  (s) => `deploy-${s.vars.version}`,
  (s) => (s.vars.flag ? s.vars.name : 'none'),
  (s) => s.vars.env.includes('a') || s.vars.nums.includes(3),
];

// The expressions as JSON text: JSON.parse of the same amount of text is the parse baseline (a machine-speed
// reference, not an equivalent task).
const JSON_TEXT = JSON.stringify(EXPRESSIONS);

let sink: unknown;

/** Runs the expression benchmarks; ops/s values are per expression (one pass over the corpus counts as six). */
export async function runExpressionBenchmarks(settings: RunSettings): Promise<BenchResult[]> {
  const parsed = EXPRESSIONS.map((source) => parseExpression(source));
  const bench = new Bench({ time: settings.quick ? 50 : 1000, warmupTime: settings.quick ? 10 : 200, iterations: settings.quick ? 8 : 64 });
  bench
    .add('parse', () => {
      for (const source of EXPRESSIONS) sink = parseExpression(source);
    })
    .add('parse-baseline', () => {
      sink = JSON.parse(JSON_TEXT);
    })
    .add('evaluate', () => {
      for (const expr of parsed) sink = evaluateExpression(expr, SCOPE);
    })
    .add('evaluate-baseline', () => {
      for (const fn of NATIVE) sink = fn(SCOPE);
    })
    .add('template', () => {
      sink = resolveTemplates({ message: 'Deploy ${{ vars.version }} to ${{ vars.env }}', status: '${{ steps.fetch.output.status }}' }, SCOPE);
    });
  await bench.run();
  void sink;
  const opsPerExpression = (name: string, perCall: number): number => {
    const task = bench.tasks.find((t) => t.name === name);
    const result = task?.result;
    if (result === undefined || (result.state !== 'completed' && result.state !== 'aborted-with-statistics')) {
      throw new Error(`benchmark ${name} did not complete (${result?.state ?? 'missing'})`);
    }
    return result.throughput.p50 * perCall;
  };
  const n = EXPRESSIONS.length;
  return [
    makeResult('expression-parse', 'ops/s', opsPerExpression('parse-baseline', n), opsPerExpression('parse', n), { corpus: n, baseline: 'JSON.parse of the corpus as JSON text' }),
    makeResult('expression-evaluate', 'ops/s', opsPerExpression('evaluate-baseline', n), opsPerExpression('evaluate', n), { corpus: n, baseline: 'the same computations as JavaScript functions' }),
    makeResult('template-resolve', 'ops/s', null, opsPerExpression('template', 1), { templates: 2, baseline: 'none' }),
  ];
}
