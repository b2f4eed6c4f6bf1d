// file.read, file.write, file.list on real files in temp projects; confinement with real symlinks.
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createProject, invokeNode } from './nodes-support.js';

// A project dir `proj` next to a sibling `proj2` (prefix trap) and symlinks leading out of the project.
function layout() {
  const base = createProject();
  const root = path.join(base, 'proj');
  mkdirSync(path.join(root, 'data'), { recursive: true });
  mkdirSync(path.join(base, 'proj2'));
  writeFileSync(path.join(base, 'proj2', 'secret.txt'), 'outside');
  writeFileSync(path.join(root, 'data', 'a.txt'), 'line 1\r\nline 2\n');
  symlinkSync(path.join(base, 'proj2'), path.join(root, 'escape'));
  symlinkSync(path.join(base, 'proj2', 'new.txt'), path.join(root, 'dangling'));
  symlinkSync(path.join(root, 'data'), path.join(root, 'inner'));
  return { base, root };
}

describe('file.read', () => {
  it('reads relative to the project root, unchanged (no trimming, CRLF kept)', async () => {
    const { root } = layout();
    expect((await invokeNode('file.read', { path: 'data/a.txt' }, { projectRoot: root })).result).toEqual({ status: 'success', output: 'line 1\r\nline 2\n' });
    expect((await invokeNode('file.read', { path: path.join(root, 'data/a.txt') }, { projectRoot: root })).result.status).toBe('success');
    expect((await invokeNode('file.read', { path: 'inner/a.txt' }, { projectRoot: root })).result.status).toBe('success');
  });

  it('decodes other encodings and refuses undecodable bytes with FILE_IO_FAILED', async () => {
    const { root } = layout();
    writeFileSync(path.join(root, 'l1.txt'), Buffer.from([0x63, 0x61, 0x66, 0xe9]));
    expect((await invokeNode('file.read', { path: 'l1.txt', encoding: 'latin-1' }, { projectRoot: root })).result.output).toBe('café');
    expect((await invokeNode('file.read', { path: 'l1.txt' }, { projectRoot: root })).result).toMatchObject({ status: 'failed', error: { code: 'FILE_IO_FAILED' } });
    expect((await invokeNode('file.read', { path: 'l1.txt', encoding: 'ascii' }, { projectRoot: root })).result).toMatchObject({ error: { code: 'FILE_IO_FAILED' } });
    expect((await invokeNode('file.read', { path: 'l1.txt', encoding: 'klingon' }, { projectRoot: root })).result).toMatchObject({
      error: { code: 'NODE_INPUT_INVALID' },
      field: '/encoding',
    });
  });

  it('keeps a UTF-8 BOM with utf-8 and drops it with utf-8-sig', async () => {
    const { root } = layout();
    writeFileSync(path.join(root, 'bom.txt'), Buffer.from([0xef, 0xbb, 0xbf, 0x68, 0x69]));
    expect((await invokeNode('file.read', { path: 'bom.txt' }, { projectRoot: root })).result.output).toBe('\uFEFFhi');
    expect((await invokeNode('file.read', { path: 'bom.txt', encoding: 'utf_8_sig' }, { projectRoot: root })).result.output).toBe('hi');
  });

  it('a missing file is FILE_NOT_FOUND, a directory FILE_IO_FAILED', async () => {
    const { root } = layout();
    expect((await invokeNode('file.read', { path: 'nope.txt' }, { projectRoot: root })).result).toMatchObject({ status: 'failed', error: { code: 'FILE_NOT_FOUND' } });
    expect((await invokeNode('file.read', { path: 'data' }, { projectRoot: root })).result).toMatchObject({ status: 'failed', error: { code: 'FILE_IO_FAILED' } });
  });

  it.each([['../proj2/secret.txt'], ['escape/secret.txt'], ['/etc/hostname'], ['data/../../proj2/secret.txt']])(
    'refuses %s outside the project (prefix-safe, symlinks resolved)',
    async (target) => {
      const { root } = layout();
      const { result } = await invokeNode('file.read', { path: target }, { projectRoot: root });
      expect(result).toMatchObject({ status: 'failed', error: { code: 'FILE_OUTSIDE_PROJECT' }, field: '/path' });
    },
  );

  it('allow_outside_project lifts the check', async () => {
    const { root } = layout();
    const { result } = await invokeNode('file.read', { path: '../proj2/secret.txt', allow_outside_project: 'on' }, { projectRoot: root });
    expect(result).toEqual({ status: 'success', output: 'outside' });
  });
});

describe('file.write', () => {
  it('creates parents, overwrites, and outputs the absolute path', async () => {
    const { root } = layout();
    const first = await invokeNode('file.write', { path: 'out/deep/x.txt', content: 'one' }, { projectRoot: root });
    expect(first.result).toEqual({ status: 'success', output: path.join(root, 'out/deep/x.txt') });
    await invokeNode('file.write', { path: 'out/deep/x.txt', content: 'two' }, { projectRoot: root });
    expect(readFileSync(path.join(root, 'out/deep/x.txt'), 'utf8')).toBe('two');
  });

  it('encodes with the encoding; a character it cannot hold is FILE_IO_FAILED', async () => {
    const { root } = layout();
    await invokeNode('file.write', { path: 'l1.txt', content: 'café', encoding: 'latin-1' }, { projectRoot: root });
    expect([...readFileSync(path.join(root, 'l1.txt'))]).toEqual([0x63, 0x61, 0x66, 0xe9]);
    await invokeNode('file.write', { path: 'u16.txt', content: 'hi', encoding: 'utf-16' }, { projectRoot: root });
    expect([...readFileSync(path.join(root, 'u16.txt'))]).toEqual([0xff, 0xfe, 0x68, 0, 0x69, 0]);
    expect((await invokeNode('file.write', { path: 'a.txt', content: 'é', encoding: 'ascii' }, { projectRoot: root })).result).toMatchObject({
      error: { code: 'FILE_IO_FAILED' },
    });
  });

  it('content must be a string (a number is not converted)', async () => {
    const { root } = layout();
    expect((await invokeNode('file.write', { path: 'n.txt', content: 5 }, { projectRoot: root })).result).toMatchObject({
      error: { code: 'NODE_INPUT_INVALID' },
      field: '/content',
    });
  });

  it.each([['../proj2/x.txt'], ['escape/x.txt'], ['dangling'], ['escape/new/deep/x.txt']])('refuses to write %s outside the project', async (target) => {
    const { base, root } = layout();
    const { result } = await invokeNode('file.write', { path: target, content: 'x' }, { projectRoot: root });
    expect(result).toMatchObject({ status: 'failed', error: { code: 'FILE_OUTSIDE_PROJECT' }, field: '/path' });
    expect(() => readFileSync(path.join(base, 'proj2', 'new.txt'))).toThrow();
  });
});

describe('file.list', () => {
  it('lists entry names sorted, not recursive', async () => {
    const { root } = layout();
    writeFileSync(path.join(root, 'data', 'B.txt'), '');
    writeFileSync(path.join(root, 'data', 'c.txt'), '');
    mkdirSync(path.join(root, 'data', 'sub'));
    writeFileSync(path.join(root, 'data', 'sub', 'deep.txt'), '');
    expect((await invokeNode('file.list', { path: 'data' }, { projectRoot: root })).result).toEqual({ status: 'success', output: ['B.txt', 'a.txt', 'c.txt', 'sub'] });
    expect((await invokeNode('file.list', { path: '.' }, { projectRoot: root })).result.output).toEqual(['dangling', 'data', 'escape', 'inner']);
  });

  it('a missing directory is FILE_NOT_FOUND, a file FILE_IO_FAILED, outside FILE_OUTSIDE_PROJECT', async () => {
    const { root } = layout();
    expect((await invokeNode('file.list', { path: 'nope' }, { projectRoot: root })).result).toMatchObject({ error: { code: 'FILE_NOT_FOUND' } });
    expect((await invokeNode('file.list', { path: 'data/a.txt' }, { projectRoot: root })).result).toMatchObject({ error: { code: 'FILE_IO_FAILED' } });
    expect((await invokeNode('file.list', { path: 'escape' }, { projectRoot: root })).result).toMatchObject({ error: { code: 'FILE_OUTSIDE_PROJECT' } });
  });
});
