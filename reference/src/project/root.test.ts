import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findProjectRoot, requireProjectRoot } from './root.js';

let dir: string;
beforeEach(() => {
  dir = realpathSync(mkdtempSync(join(tmpdir(), 'stepyard-root-')));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('findProjectRoot', () => {
  it('finds the nearest ancestor holding a .stepyard directory', () => {
    mkdirSync(join(dir, '.stepyard'));
    mkdirSync(join(dir, 'inner', '.stepyard'), { recursive: true });
    mkdirSync(join(dir, 'inner', 'a', 'b'), { recursive: true });
    mkdirSync(join(dir, 'other'));
    expect(findProjectRoot(join(dir, 'inner', 'a', 'b'))).toBe(join(dir, 'inner'));
    expect(findProjectRoot(join(dir, 'other'))).toBe(dir);
    expect(findProjectRoot(dir)).toBe(dir);
  });

  it('ignores a file named .stepyard', () => {
    writeFileSync(join(dir, '.stepyard'), '');
    expect(findProjectRoot(dir)).toBeNull();
  });

  it('throws PROJECT_NOT_FOUND outside a project', () => {
    expect(() => requireProjectRoot(dir)).toThrow(expect.objectContaining({ code: 'PROJECT_NOT_FOUND' }));
  });
});
