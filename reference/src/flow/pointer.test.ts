import { describe, expect, it } from 'vitest';
import { formatPointer, parsePointer, stepIdAt, valueAt } from './pointer.js';

describe('JSON Pointers', () => {
  it('escape ~ and / and round-trip', () => {
    expect(formatPointer(['steps', 0, 'with', 'a/b~c'])).toBe('/steps/0/with/a~1b~0c');
    expect(parsePointer('/steps/0/with/a~1b~0c')).toEqual(['steps', '0', 'with', 'a/b~c']);
    expect([formatPointer([]), parsePointer('')]).toEqual(['', []]);
  });

  it('valueAt reads own keys and list items only', () => {
    const root = { steps: [{ id: 'a' }] };
    expect([valueAt(root, ['steps', 0, 'id']), valueAt(root, ['steps', 1]), valueAt(root, ['toString'])]).toEqual(['a', undefined, undefined]);
  });

  it('stepIdAt joins the ids of nested steps with dots', () => {
    const root = { steps: [{ id: 'g', steps: [{ id: 'c' }] }, { id: 5 }] };
    expect(stepIdAt(root, ['steps', 0, 'steps', 0, 'with', 'x'])).toBe('g.c');
    expect(stepIdAt(root, ['steps', 0, 'id'])).toBe('g');
    expect([stepIdAt(root, ['steps', 1]), stepIdAt(root, ['env', 'A'])]).toEqual([undefined, undefined]);
  });
});
