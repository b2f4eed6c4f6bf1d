import { describe, expect, it } from 'vitest';
import { parseFlowYaml } from './parse-yaml.js';

function problems(text: string) {
  return parseFlowYaml(text, 'f.yaml').errors.map((error) => ({
    code: error.code,
    instance: error.instance,
    line: error.location?.line,
    column: error.location?.column,
  }));
}

describe('parseFlowYaml', () => {
  it('reports a syntax error with its line and column', () => {
    expect(problems('name: x\nsteps:\n  - id: a\n\tuses: b\n')).toEqual([
      { code: 'FLOW_YAML_SYNTAX', instance: '', line: 4, column: 1 },
    ]);
  });

  it('reports a second document, even an empty one after ---', () => {
    expect(problems('a: 1\n---\nb: 2\n')).toEqual([{ code: 'FLOW_YAML_MULTIPLE_DOCUMENTS', instance: '', line: 2, column: 1 }]);
    expect(problems('a: 1\n---\n')).toEqual([{ code: 'FLOW_YAML_MULTIPLE_DOCUMENTS', instance: '', line: 2, column: 1 }]);
  });

  it('accepts a leading --- and a trailing ... marker', () => {
    expect(parseFlowYaml('---\na: 1\n...\n', 'f')).toMatchObject({ value: { a: 1 }, errors: [] });
  });

  it('reports every duplicate key at the later key, and still loads the value', () => {
    const parsed = parseFlowYaml('a: 1\nb: {c: 1, c: 2}\na: 3\n', 'f.yaml');
    expect(parsed.value).toEqual({ a: 3, b: { c: 2 } });
    expect(problems('a: 1\nb: {c: 1, c: 2}\na: 3\n')).toEqual([
      { code: "FLOW_YAML_DUPLICATE_KEY", instance: "/b/c", line: 2, column: 11 },
      { code: 'FLOW_YAML_DUPLICATE_KEY', instance: '/a', line: 3, column: 1 },
    ]);
  });

  it('treats yes and true as the same key, as PyYAML does', () => {
    expect(problems('yes: 1\ntrue: 2\n').map((problem) => problem.code)).toEqual(['FLOW_YAML_DUPLICATE_KEY']);
  });

  it('refuses tags PyYAML safe_load does not know, and the dropped !!set/!!binary/!!omap', () => {
    expect(problems('a: !shell x\nb: !!set {x}\nc: !!binary aGk=\nd: !!omap [{a: 1}]\n')).toEqual([
      { code: 'FLOW_YAML_SYNTAX', instance: '', line: 1, column: 4 },
      { code: 'FLOW_YAML_SYNTAX', instance: '', line: 2, column: 4 },
      { code: 'FLOW_YAML_SYNTAX', instance: '', line: 3, column: 4 },
      { code: 'FLOW_YAML_SYNTAX', instance: '', line: 4, column: 4 },
    ]);
  });

  it('refuses list and mapping keys', () => {
    expect(problems('? [a]\n: 1\n')).toEqual([{ code: 'FLOW_YAML_SYNTAX', instance: '', line: 1, column: 3 }]);
  });

  it('refuses recursive aliases instead of building a cyclic value', () => {
    expect(problems('a: &x\n  b: *x\n').map((problem) => problem.code)).toEqual(['FLOW_YAML_SYNTAX']);
  });

  it('refuses documents whose aliases expand too often', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (const name of ['b', 'c', 'd', 'e']) {
      const previous = String.fromCharCode(name.charCodeAt(0) - 1);
      lines.push(`${name}: &${name} [${Array(10).fill(`*${previous}`).join(', ')}]`);
    }
    expect(problems(`${lines.join('\n')}\n`).map((problem) => problem.code)).toEqual(['FLOW_YAML_SYNTAX']);
  });

  it('merges mappings with << and keeps explicit keys over merged ones', () => {
    const text = 'base: &b {x: 1, y: 2}\nc:\n  y: 3\n  <<: *b\nd:\n  <<: [{z: 1}, *b]\n  x: 9\n';
    expect(parseFlowYaml(text, 'f').value).toEqual({ base: { x: 1, y: 2 }, c: { y: 3, x: 1 }, d: { z: 1, x: 9, y: 2 } });
  });

  it('skips a byte order mark', () => {
    expect(parseFlowYaml('\uFEFFa: 1\n', 'f').value).toEqual({ a: 1 });
  });

  it('gives null for an empty text, without errors', () => {
    expect(parseFlowYaml('', 'f')).toMatchObject({ value: null, errors: [], hasDocument: false });
    expect(parseFlowYaml('# only a comment\n', 'f')).toMatchObject({ value: null, errors: [] });
  });
});
