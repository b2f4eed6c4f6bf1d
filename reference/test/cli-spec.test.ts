// The CLI's spec documents agree with the catalogue and the code: errors.md lists every code, cli.md every exit code.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { EXIT_CODES } from '../src/cli/exit-codes.js';
import { REPO } from './cli-support.js';

const spec = (file: string): string => readFileSync(join(REPO, 'spec', file), 'utf8');
const catalogue = JSON.parse(spec('error-codes.json')) as {
  codes: Record<string, { category: string; exit: number; anchor: string; severity?: string }>;
};

describe('spec/errors.md', () => {
  it('has a catalogue row agreeing with error-codes.json for every code', () => {
    const rows = new Map<string, string[]>();
    for (const match of spec('errors.md').matchAll(/^\| `([A-Z0-9_]+)` \|(.*)\|$/gm)) {
      rows.set(match[1]!, match[2]!.split('|').map((cell) => cell.trim()));
    }
    const expected = Object.entries(catalogue.codes).map(([code, entry]) => [code, entry.category, String(entry.exit), entry.severity ?? 'error', entry.anchor]);
    const actual = Object.keys(catalogue.codes).map((code) => {
      const cells = rows.get(code);
      return cells === undefined ? [code, 'MISSING ROW'] : [code, cells[0], cells[1], cells[2], /\[([^\]]+)\]/.exec(cells[3] ?? '')?.[1]];
    });
    expect(actual).toEqual(expected);
  });

  it('defines the anchors the catalogue points into it', () => {
    for (const anchor of ['errors.object', 'errors.catalogue', 'errors.internal']) expect(spec('errors.md')).toContain(`<a id="${anchor}"></a>`);
  });
});

describe('spec/cli.md', () => {
  it('defines every cli.* anchor error-codes.json and the brief rely on', () => {
    const required = ['cli.exit-codes', 'cli.project-root', 'cli.flow-resolution', 'cli.json-output', 'cli.version', 'cli.init', 'cli.validate', 'cli.schema', 'cli.eval'];
    for (const anchor of required) expect(spec('cli.md')).toContain(`<a id="${anchor}"></a>`);
  });

  it('lists exactly the exit codes of exit-codes.ts', () => {
    const section = spec('cli.md').split('<a id="cli.exit-codes"></a>')[1]!.split('<a id=')[0]!;
    const documented = [...section.matchAll(/^\| (\d+) \|/gm)].map((m) => Number(m[1]));
    expect(documented).toEqual(Object.values(EXIT_CODES));
  });

  it('gives every catalogued code an exit code from that table', () => {
    const exits = new Set<number>(Object.values(EXIT_CODES));
    for (const [code, entry] of Object.entries(catalogue.codes)) expect([code, exits.has(entry.exit)]).toEqual([code, true]);
  });
});

describe('spec/schemas', () => {
  it('compiles every schema together, resolving references by $id', () => {
    const ajv = new Ajv2020({ strict: false });
    const dir = join(REPO, 'spec', 'schemas');
    const files = readdirSync(dir).filter((name) => name.endsWith('.json'));
    for (const file of files) ajv.addSchema(JSON.parse(readFileSync(join(dir, file), 'utf8')) as object);
    for (const file of ['error', 'command-failure', 'eval-result', 'validate-result', 'init-result']) {
      expect(ajv.getSchema(`https://stepyard.dev/schemas/${file}.schema.json`)).toBeTypeOf('function');
    }
  });
});
