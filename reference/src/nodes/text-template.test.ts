import { describe, expect, it } from 'vitest';
import { invokeNode } from '../../test/nodes-support.js';
import { substituteTemplate } from './text-template.js';

describe('substituteTemplate (string.Template.safe_substitute)', () => {
  it.each([
    ['$a ${b} $c $$', { a: 1, b: null }, '1 None $c $'],
    ['$name!', { name: 'Ada' }, 'Ada!'],
    ['${name}s', { name: 'cat' }, 'cats'],
    ['$names', { name: 'x' }, '$names'],
    ['$1 $ ${ a } $-', { a: 1 }, '$1 $ ${ a } $-'],
    ['$t/$f/$n/$x/$l/$d', { t: true, f: false, n: 1.5, x: 10, l: [1, 'a'], d: { k: null } }, 'True/False/1.5/10/[1,"a"]/{"k":null}'],
    ['$_under $Caps', { _under: 'u', Caps: 'C' }, 'u C'],
    ['$é', { é: 'no' }, '$é'],
    ['$$name', { name: 'x' }, '$name'],
  ])('%j with %j → %j', (template, variables, expected) => {
    expect(substituteTemplate(template, variables)).toBe(expected);
  });
});

describe('text.template and text.replace', () => {
  it('text.template outputs the substituted text; variables default to {}', async () => {
    expect((await invokeNode('text.template', { template: 'v=$v', variables: { v: 2 } })).result).toEqual({ status: 'success', output: 'v=2' });
    expect((await invokeNode('text.template', { template: 'v=$v' })).result).toEqual({ status: 'success', output: 'v=$v' });
  });

  it('text.template requires a string template and a mapping of variables', async () => {
    expect((await invokeNode('text.template', { template: 5 })).result).toMatchObject({ error: { code: 'NODE_INPUT_INVALID' }, field: '/template' });
    expect((await invokeNode('text.template', { template: 't', variables: [1] })).result).toMatchObject({ field: '/variables' });
  });

  it.each([
    [{ text: 'a.b.c', old: '.', new: '-' }, 'a-b-c'],
    [{ text: 'abc', old: '', new: '-' }, '-a-b-c-'],
    [{ text: 'aaa', old: 'aa', new: 'b' }, 'ba'],
    [{ text: 'x', old: 'y', new: 'z' }, 'x'],
  ])('text.replace %j → %j', async (inputs, output) => {
    expect((await invokeNode('text.replace', inputs)).result).toEqual({ status: 'success', output });
  });

  it('text.replace requires three strings', async () => {
    expect((await invokeNode('text.replace', { text: 'a', old: 'a' })).result).toMatchObject({ error: { code: 'NODE_INPUT_INVALID' }, field: '/new' });
    expect((await invokeNode('text.replace', { text: 1, old: 'a', new: 'b' })).result).toMatchObject({ field: '/text' });
  });
});
