import { describe, expect, it } from 'vitest';
import { parseFlowYaml } from './parse-yaml.js';
import { resolvePyYamlFloat, resolvePyYamlInt } from './yaml-tags.js';

// What PyYAML's safe_load gives for each plain scalar (FLOW-yaml), except timestamps (D-FLOW-2).
const SCALARS: Array<[string, unknown]> = [
  ['yes', true], ['Yes', true], ['YES', true], ['no', false], ['No', false], ['NO', false],
  ['on', true], ['On', true], ['ON', true], ['off', false], ['Off', false], ['OFF', false],
  ['true', true], ['True', true], ['TRUE', true], ['false', false], ['False', false], ['FALSE', false],
  ['y', 'y'], ['n', 'n'], ['Y', 'Y'], ['N', 'N'], ['yEs', 'yEs'], ['tRUE', 'tRUE'], ['oN', 'oN'],
  ['010', 8], ['0o17', '0o17'], ['08', '08'], ['0x1A', 26], ['0x_1a', 26], ['0b101', 5], ['-0b11', -3],
  ['12:30', 750], ['1:30:00', 5400], ['12:60', '12:60'], ['0:30', '0:30'], ['-1:00', -60],
  ['1_000', 1000], ['+12', 12], ['-0', 0], ['0', 0],
  ['~', null], ['null', null], ['Null', null], ['NULL', null], ['nULL', 'nULL'],
  ['1e3', '1e3'], ['1.0e3', '1.0e3'], ['1.0e+3', 1000], ['1.5E-2', 0.015], ['1e+3', '1e+3'],
  ['1.', 1], ['.5', 0.5], ['-.5', '-.5'], ['1_0.5', 10.5], ['190:20:30.15', 685230.15],
  ['.inf', Infinity], ['-.Inf', -Infinity], ['+.INF', Infinity],
  ['2024-01-01', '2024-01-01'], ['2024-01-01T10:00:00Z', '2024-01-01T10:00:00Z'], ['2024-1-1 10:00:00', '2024-1-1 10:00:00'],
  ['0b_', 'ERROR'], ['hello', 'hello'], ['"yes"', 'yes'], ["'010'", '010'], ['!!str 12', '12'],
];

describe('YAML 1.1 scalars (PyYAML rules)', () => {
  it.each(SCALARS)('%s loads as %o', (source, expected) => {
    const parsed = parseFlowYaml(`v: ${source}\n`, 'f.yaml');
    if (expected === 'ERROR') {
      expect(parsed.errors.map((error) => error.code)).toEqual(['FLOW_YAML_SYNTAX']);
      return;
    }
    expect(parsed.errors).toEqual([]);
    expect((parsed.value as { v: unknown }).v).toEqual(expected);
  });

  it('loads .nan as NaN', () => {
    expect((parseFlowYaml('v: .NaN', 'f').value as { v: number }).v).toBeNaN();
  });

  it('keeps y and n as string keys while yes/on become boolean keys', () => {
    expect(parseFlowYaml('y: 1\nn: 2\non: 3\n', 'f').value).toEqual({ y: 1, n: 2, true: 3 });
  });

  it('keeps 1.1 rules under a %YAML 1.2 directive, as PyYAML does', () => {
    expect(parseFlowYaml('%YAML 1.2\n---\nv: [yes, 010, 1e3]\n', 'f').value).toEqual({ v: [true, 8, '1e3'] });
  });
});

describe('resolvePyYamlInt / resolvePyYamlFloat', () => {
  it('follow construct_yaml_int and construct_yaml_float', () => {
    expect([resolvePyYamlInt('-0x1_0'), resolvePyYamlInt('0_'), resolvePyYamlInt('1_2:0_0')]).toEqual([-16, 0, 720]);
    expect([resolvePyYamlFloat('-1:30.5'), resolvePyYamlFloat('1_000.5e+1')]).toEqual([-90.5, 10005]);
  });

  it('throw for digits that PyYAML cannot convert', () => {
    expect(() => resolvePyYamlInt('0b_')).toThrow();
    expect(() => resolvePyYamlFloat('._')).toThrow();
  });
});
