// Opens SQLite connections with better-sqlite3. Its JavaScript part is imported normally (so the bundles and the
// run process's V8 startup snapshot contain it); its native addon, which no snapshot can hold, is loaded on the
// first open, straight from the package's build/Release/ folder (where `npm install` builds or downloads it)
// instead of through the `bindings` package's search of a dozen paths. spec: state.store
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';

/** A better-sqlite3 connection. */
export type SqliteConnection = BetterSqlite3.Database;

const ADDON = path.join('node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');

/** The loaded native addon, or null when it is not in build/Release/ (better-sqlite3 then finds it itself). */
let addon: object | null | undefined;

/** Open (creating if needed) the database file with better-sqlite3. */
export function openSqliteConnection(file: string): SqliteConnection {
  addon ??= loadAddon();
  if (addon === null) return new BetterSqlite3(file);
  // better-sqlite3 takes the loaded addon object too; its typings only list the path form.
  return new BetterSqlite3(file, { nativeBinding: addon as unknown as string });
}

/**
 * The addon file of the better-sqlite3 that Node would resolve from this module (in the bundles: from the bundle
 * file), looked up the way Node walks node_modules folders; null when there is none.
 */
export function findSqliteAddon(from: string = fileURLToPath(import.meta.url)): string | null {
  for (let dir = path.dirname(from); ; dir = path.dirname(dir)) {
    const file = path.join(dir, ADDON);
    if (existsSync(file)) return file;
    if (path.dirname(dir) === dir) return null;
  }
}

// A found addon that fails to load (e.g. built for another Node) throws, as better-sqlite3 itself would.
// process.dlopen is what require() does for a .node file, minus the module resolution around it.
function loadAddon(): object | null {
  const file = findSqliteAddon();
  if (file === null) return null;
  const module = { exports: {} };
  process.dlopen(module, file);
  return module.exports;
}
