import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_LINT_PATHS, findUncitedSections, formatUncited, lintCases } from './lint-cases.js';

describe('the case linter on this repository', () => {
  it('finds no problems in the case files', () => {
    const report = lintCases();
    process.stdout.write(`${formatUncited(report)}\n`);
    expect(report.errors).toEqual([]);
  });
});

describe('the case linter', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  function fixture(cases: Record<string, string>, spec: string): typeof DEFAULT_LINT_PATHS {
    const root = mkdtempSync(join(tmpdir(), 'lint-cases-'));
    dirs.push(root);
    for (const [path, text] of Object.entries(cases)) {
      mkdirSync(join(root, 'cases', path, '..'), { recursive: true });
      writeFileSync(join(root, 'cases', path), text);
    }
    mkdirSync(join(root, 'spec'));
    writeFileSync(join(root, 'spec', 'cli.md'), spec);
    writeFileSync(join(root, 'features.txt'), '# comment\nposix-shell  a description\n');
    return { ...DEFAULT_LINT_PATHS, casesDir: join(root, 'cases'), specDir: join(root, 'spec'), featuresFile: join(root, 'features.txt') };
  }

  const SPEC = '<a id="cli.a"></a>\n## A\n\nIt MUST work.\n\n<a id="cli.b"></a>\n## B\n\nIt SHOULD work.\n\n<a id="cli.c"></a>\n## C\n\nInformative.\n';
  const good = (id: string, extra = ''): string =>
    `id: ${id}\ndescription: prints the version\nspec: [cli.a]\n${extra}invoke: [--version]\nexpect: {exit: 0}\n`;

  it('accepts a well-formed case and reports uncited normative sections only', () => {
    const report = lintCases(fixture({ 'cli/x/ok.yaml': good('cli.x.ok') }, SPEC));
    expect(report.errors).toEqual([]);
    expect(report.uncited).toEqual([{ anchor: 'cli.b', file: 'cli.md', normativeParagraphs: 1 }]);
  });

  it('rejects a missing anchor, an unknown feature, a bad description and an id that is not the path', () => {
    const report = lintCases(
      fixture(
        {
          'cli/x/anchor.yaml': good('cli.x.anchor').replace('[cli.a]', '[cli.zzz]'),
          'cli/x/feature.yaml': good('cli.x.feature', 'features: [teleport]\n'),
          'cli/x/words.yaml': good('cli.x.words').replace('prints the version', 'should print the version'),
          'cli/x/path.yaml': good('cli.x.elsewhere'),
          'cli/x/schema.yaml': 'id: cli.x.schema\ndescription: d\nspec: [cli.a]\n',
        },
        SPEC,
      ),
    );
    expect(report.errors).toEqual([
      expect.stringMatching(/^cli\/x\/path\.yaml: id 'cli\.x\.elsewhere' does not match its path/),
      expect.stringMatching(/^cli\/x\/schema\.yaml: does not match case\.schema\.json/),
      expect.stringMatching(/^cli\/x\/anchor\.yaml: cites anchor 'cli\.zzz'/),
      expect.stringMatching(/^cli\/x\/feature\.yaml: feature 'teleport'/),
      expect.stringMatching(/^cli\/x\/words\.yaml: description uses/),
    ]);
  });

  it('counts normative paragraphs per anchored section', () => {
    const dir = fixture({}, '<a id="cli.a"></a>\n## A\n\n- One MUST.\n- Two SHOULD.\n\nPlain.\n');
    expect(findUncitedSections(dir.specDir, new Set())).toEqual([{ anchor: 'cli.a', file: 'cli.md', normativeParagraphs: 2 }]);
    expect(findUncitedSections(dir.specDir, new Set(['cli.a']))).toEqual([]);
  });
});
