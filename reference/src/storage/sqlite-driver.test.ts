import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findSqliteAddon, openSqliteConnection } from './sqlite-driver.js';

describe('sqlite driver', () => {
  it('finds the better-sqlite3 addon Node would resolve from here', () => {
    const addon = findSqliteAddon();
    expect(addon).toMatch(/node_modules[\\/]better-sqlite3[\\/]build[\\/]Release[\\/]better_sqlite3\.node$/);
    expect(findSqliteAddon(fileURLToPath(import.meta.url))).toBe(addon);
  });

  it('finds none outside any node_modules tree', () => {
    expect(findSqliteAddon(path.join(path.parse(tmpdir()).root, 'nowhere', 'file.js'))).toBeNull();
  });

  it('opens a working connection through the directly loaded addon', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'stepyard-driver-'));
    try {
      const db = openSqliteConnection(path.join(dir, 'x.db'));
      db.exec('CREATE TABLE t (v TEXT)');
      db.prepare('INSERT INTO t VALUES (?)').run('ok');
      expect(db.prepare('SELECT v FROM t').get()).toEqual({ v: 'ok' });
      // SQLite errors keep better-sqlite3's error class (set on the addon on first use).
      expect(() => db.exec('SELECT * FROM missing')).toThrow(expect.objectContaining({ name: 'SqliteError', code: 'SQLITE_ERROR' }));
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
