// Apply pending migrations, recording each in schema_migrations. Safe when processes race.
import type Database from 'better-sqlite3';
import { StepyardError } from '../errors/stepyard-error.js';
import { MIGRATIONS, type Migration } from './migrations.js';

/** The newest schema version this code knows. */
export const SCHEMA_VERSION = MIGRATIONS.reduce((max, m) => Math.max(max, m.version), 0);

/**
 * Apply every migration newer than the database's version, each in an IMMEDIATE transaction (a
 * second process waits on the lock, then sees the work done). Throws STATE_CORRUPT for a database
 * written by a newer Stepyard.
 */
// spec: state.store
export function migrateDatabase(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`);
  const current = (): number => (db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null }).v ?? 0;
  const newest = migrations.reduce((max, m) => Math.max(max, m.version), 0);
  if (current() > newest) {
    throw new StepyardError('STATE_CORRUPT', `The state store has schema version ${current()}, newer than this Stepyard (${newest}).`);
  }
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    const apply = db.transaction(() => {
      if (current() >= migration.version) return;
      db.exec(migration.sql);
      record.run(migration.version, migration.name, new Date().toISOString());
    });
    apply.immediate();
  }
}
