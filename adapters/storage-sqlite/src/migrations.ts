/** One schema change: applied once, in its own immediate transaction, and recorded in `schema_migrations`. */
export interface Migration {
  readonly version: number
  readonly name: string
  readonly sql: string
}

/**
 * The schema, as numbered steps. Append a new step to change it; never edit one that has shipped, since databases
 * out there already carry it. No column holds card data: snapshots, events and commands never contain it.
 */
export const migrations: ReadonlyArray<Migration> = [
  {
    version: 1,
    name: 'payments, event log, outbox, timers, notifications',
    sql: `
      CREATE TABLE payments (
        -- creation order: find by a merchantReference several payments share returns the last created
        seq INTEGER PRIMARY KEY,
        payment_request_id TEXT NOT NULL UNIQUE,
        version INTEGER NOT NULL,
        state TEXT NOT NULL,
        snapshot TEXT NOT NULL,
        merchant_reference TEXT,
        payment_id TEXT,
        payment_session_id TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX payments_by_merchant_reference ON payments (merchant_reference)
        WHERE merchant_reference IS NOT NULL;
      CREATE INDEX payments_by_payment_id ON payments (payment_id) WHERE payment_id IS NOT NULL;
      CREATE INDEX payments_by_payment_session_id ON payments (payment_session_id)
        WHERE payment_session_id IS NOT NULL;

      CREATE TABLE events (
        payment_request_id TEXT NOT NULL REFERENCES payments (payment_request_id),
        version INTEGER NOT NULL,
        at INTEGER NOT NULL,
        event TEXT NOT NULL,
        from_state TEXT NOT NULL,
        to_state TEXT NOT NULL,
        commands TEXT NOT NULL,
        PRIMARY KEY (payment_request_id, version)
      ) WITHOUT ROWID;

      CREATE TABLE outbox (
        command_id TEXT PRIMARY KEY,
        payment_request_id TEXT NOT NULL REFERENCES payments (payment_request_id),
        command TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        attempts INTEGER NOT NULL,
        done INTEGER NOT NULL,
        lease_owner TEXT,
        lease_until INTEGER
      );
      CREATE INDEX outbox_pending ON outbox (created_at, command_id) WHERE done = 0;

      CREATE TABLE timers (
        payment_request_id TEXT NOT NULL REFERENCES payments (payment_request_id),
        timer TEXT NOT NULL,
        due_at INTEGER NOT NULL,
        lease_owner TEXT,
        lease_until INTEGER,
        PRIMARY KEY (payment_request_id, timer)
      ) WITHOUT ROWID;
      CREATE INDEX timers_by_due_at ON timers (due_at, payment_request_id, timer);

      CREATE TABLE notifications (
        key TEXT PRIMARY KEY,
        payment_request_id TEXT NOT NULL REFERENCES payments (payment_request_id),
        at INTEGER NOT NULL
      ) WITHOUT ROWID;

      CREATE TABLE unmatched_notifications (
        seq INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,
        received_at INTEGER NOT NULL,
        notify_type TEXT NOT NULL,
        payment_request_id TEXT,
        body TEXT NOT NULL
      );
    `,
  },
]

/** The newest schema this code knows. */
export const latestVersion = migrations.reduce((latest, m) => Math.max(latest, m.version), 0)
