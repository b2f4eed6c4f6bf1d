// Open the project's SQLite database with the pragmas Stepyard relies on, and migrate it.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { StepyardError } from '../errors/stepyard-error.js';
import { migrateDatabase } from './migrate.js';
import { openSqliteConnection } from './sqlite-driver.js';

/** A better-sqlite3 connection. */
export type SqliteDatabase = Database.Database;

/** How long a writer waits for another process's lock before SQLITE_BUSY. */
export const BUSY_TIMEOUT_MS = 10_000;

/**
 * Open (creating if needed) a database file: WAL, synchronous=NORMAL, busy_timeout, foreign keys,
 * then apply pending migrations. Throws StepyardError STATE_CORRUPT / STATE_LOCKED.
 */
// spec: state.store
export function openDatabase(file: string): SqliteDatabase {
  mkdirSync(path.dirname(file), { recursive: true });
  let db: SqliteDatabase | undefined;
  try {
    db = openSqliteConnection(file);
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrateDatabase(db);
    return db;
  } catch (error) {
    db?.close();
    throw toStateError(error, file);
  }
}

/** Map SQLite failures to state error codes. */
export function toStateError(error: unknown, file: string): StepyardError {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
    return new StepyardError('STATE_LOCKED', `State store ${file} is locked: ${message}`, { cause: error, retryable: true });
  }
  return new StepyardError('STATE_CORRUPT', `State store ${file} cannot be used: ${message}`, { cause: error });
}
