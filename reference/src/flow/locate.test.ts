import { describe, expect, it } from 'vitest';
import { parseFlowYaml } from './parse-yaml.js';

const TEXT = [
  'name: demo', // 1
  'x-base: &base', // 2
  '  uses: shell.run', // 3
  'steps:', // 4
  '  - id: first', // 5
  '    <<: *base', // 6
  '    with:', // 7
  '      command: echo ${{ 1 + }}', // 8
  '      "a/b~c": "q ${{ x }}"', // 9
  '      empty:', // 10
].join('\n');

const locator = parseFlowYaml(TEXT, 'demo.yaml').locator;
const at = (pointer: string, options?: { key?: boolean; offset?: number }) => {
  const { line, column } = locator.locate(pointer, options);
  return [line, column];
};

describe('Locator.locate', () => {
  it('finds values, keys and list items', () => {
    expect(at('/name')).toEqual([1, 7]);
    expect(at('/name', { key: true })).toEqual([1, 1]);
    expect(at('/steps/0')).toEqual([5, 5]);
    expect(at('/steps/0/id')).toEqual([5, 9]);
    expect(at('/steps/0/with/command')).toEqual([8, 16]);
  });

  it('decodes ~1 and ~0 in pointer segments', () => {
    expect(at('/steps/0/with/a~1b~0c')).toEqual([9, 16]);
  });

  it('follows merge keys and aliases to the anchored node', () => {
    expect(at('/steps/0/uses')).toEqual([3, 9]);
  });

  it('falls back to the nearest existing ancestor for absent members', () => {
    expect(at('/steps/0/with/missing')).toEqual([8, 7]);
    expect(at('/steps/7/id')).toEqual([5, 3]);
    expect(at('')).toEqual([1, 1]);
  });

  it('locates a position inside a one-line string value', () => {
    expect(at('/steps/0/with/command', { offset: 5 })).toEqual([8, 21]);
    expect(at('/steps/0/with/a~1b~0c', { offset: 2 })).toEqual([9, 19]);
  });

  it('locates an empty value at its key', () => {
    expect(at('/steps/0/with/empty')).toEqual([10, 7]);
  });
});

describe('Locator.pointerAt and rangeOf', () => {
  it('maps a line and column back to the deepest pointer', () => {
    expect(locator.pointerAt(8, 20)).toBe('/steps/0/with/command');
    expect(locator.pointerAt(5, 5)).toBe('/steps/0/id');
    expect(locator.pointerAt(1, 1)).toBe('/name');
    expect(locator.pointerAt(99, 1)).toBeNull();
  });

  it('gives the source range of an existing node only', () => {
    const range = locator.rangeOf('/name');
    expect(range === null ? null : TEXT.slice(range[0], range[1])).toBe('demo');
    expect(locator.rangeOf('/nope')).toBeNull();
  });
});
