// Ordered schema migrations. Never edit a published migration; add a new one.

/** One migration: applied once, in version order, inside a transaction. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const RUN_STATUSES = "'queued','running','waiting_for_approval','waiting_for_input','completed','failed','cancelled'";
const STEP_STATUSES = "'pending','running','retrying','waiting','completed','failed','skipped','cancelled'";

/** Every migration, in order. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'runs-and-steps',
    sql: `
      CREATE TABLE runs (
        id               TEXT PRIMARY KEY,
        flow_name        TEXT NOT NULL,
        flow_file        TEXT,
        status           TEXT NOT NULL CHECK (status IN (${RUN_STATUSES})),
        vars             TEXT NOT NULL DEFAULT '{}',
        trigger_type     TEXT NOT NULL DEFAULT 'manual',
        trigger_event_id TEXT,
        trigger_payload  TEXT NOT NULL DEFAULT '{}',
        pid              INTEGER,
        heartbeat_at     TEXT,
        exit_code        INTEGER,
        exit_signal      TEXT,
        error            TEXT,
        log_path         TEXT,
        created_at       TEXT NOT NULL,
        started_at       TEXT,
        ended_at         TEXT,
        updated_at       TEXT NOT NULL
      );
      CREATE INDEX runs_by_flow ON runs (flow_name, created_at);
      CREATE INDEX runs_by_status ON runs (status, created_at);
      CREATE TABLE steps (
        run_id         TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        exec_id        TEXT NOT NULL,
        seq            INTEGER NOT NULL,
        step_id        TEXT NOT NULL,
        parent_exec_id TEXT,
        kind           TEXT NOT NULL CHECK (kind IN ('node','group','loop','while')),
        status         TEXT NOT NULL CHECK (status IN (${STEP_STATUSES})),
        attempt        INTEGER NOT NULL DEFAULT 0,
        iteration      INTEGER,
        inputs         TEXT,
        output         TEXT,
        error          TEXT,
        items          TEXT,
        next           TEXT,
        wait           TEXT,
        started_at     TEXT,
        ended_at       TEXT,
        PRIMARY KEY (run_id, exec_id)
      ) WITHOUT ROWID;
    `,
  },
  {
    // spec: exec.replay, cli.approve — replays name their source run; every decision on a run is audited.
    version: 2,
    name: 'replays-and-decisions',
    sql: `
      ALTER TABLE runs ADD COLUMN replay_of TEXT;
      CREATE TABLE decisions (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        run_id     TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        exec_id    TEXT,
        step_id    TEXT,
        kind       TEXT NOT NULL CHECK (kind IN ('approval','input','cancel')),
        decision   TEXT NOT NULL CHECK (decision IN ('approved','rejected','answered','cancelled')),
        actor      TEXT,
        comment    TEXT,
        value      TEXT,
        decided_at TEXT NOT NULL
      );
      CREATE INDEX decisions_by_run ON decisions (run_id, id);
    `,
  },
];
