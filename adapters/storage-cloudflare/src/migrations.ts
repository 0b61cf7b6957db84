/** One schema change of one kind of object: applied once, in its own transaction, recorded in `paychart_schema`. */
export interface Migration {
  readonly version: number
  readonly name: string
  readonly sql: string
}

/**
 * A payment object's schema: the payment's row, its event log, outbox, timers and the notification keys its commits
 * carried, and the revision the index has seen. Append a step to change it; never edit one that has shipped.
 * No column holds card data: snapshots, events and commands never contain it.
 */
export const paymentMigrations: ReadonlyArray<Migration> = [
  {
    version: 1,
    name: 'payment, event log, outbox, timers, notification keys, index sync',
    sql: `
      CREATE TABLE payment (
        payment_request_id TEXT PRIMARY KEY,
        version INTEGER NOT NULL,
        state TEXT NOT NULL,
        snapshot TEXT NOT NULL,
        merchant_reference TEXT,
        payment_id TEXT,
        payment_session_id TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        -- when an event last moved the payment into its current state (null: none did yet)
        entered_at INTEGER
      );
      CREATE TABLE events (
        payment_request_id TEXT NOT NULL,
        version INTEGER NOT NULL,
        at INTEGER NOT NULL,
        event TEXT NOT NULL,
        from_state TEXT NOT NULL,
        to_state TEXT NOT NULL,
        commands TEXT NOT NULL,
        PRIMARY KEY (payment_request_id, version)
      );
      CREATE TABLE outbox (
        command_id TEXT PRIMARY KEY,
        payment_request_id TEXT NOT NULL,
        command TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        attempts INTEGER NOT NULL,
        done INTEGER NOT NULL,
        lease_owner TEXT,
        lease_until INTEGER
      );
      CREATE TABLE timers (
        payment_request_id TEXT NOT NULL,
        timer TEXT NOT NULL,
        due_at INTEGER NOT NULL,
        lease_owner TEXT,
        lease_until INTEGER,
        PRIMARY KEY (payment_request_id, timer)
      );
      CREATE TABLE notifications (
        key TEXT PRIMARY KEY,
        payment_request_id TEXT NOT NULL,
        at INTEGER NOT NULL
      );
      -- one row: the store prefix this payment belongs to, and what the index has seen of it
      CREATE TABLE index_sync (
        prefix TEXT NOT NULL,
        revision INTEGER NOT NULL,
        indexed_revision INTEGER NOT NULL
      );
    `,
  },
]

/**
 * An index object's schema: what crosses payments, mirrored from each payment object after its writes. Holds ids,
 * states and times only: no snapshot, no command, no event.
 */
export const indexMigrations: ReadonlyArray<Migration> = [
  {
    version: 1,
    name: 'payments, pending commands, timers, notification keys, unmatched notifications',
    sql: `
      CREATE TABLE payments (
        -- creation order: find by a merchantReference several payments share returns the last created
        seq INTEGER PRIMARY KEY,
        payment_request_id TEXT NOT NULL UNIQUE,
        revision INTEGER NOT NULL,
        state TEXT NOT NULL,
        merchant_reference TEXT,
        payment_id TEXT,
        payment_session_id TEXT,
        updated_at INTEGER NOT NULL,
        -- when the payment entered its current state, for the backlog's unknown outcomes
        state_since INTEGER NOT NULL,
        -- the creation time of its oldest done outbox item, for prune
        oldest_done_at INTEGER
      );
      CREATE INDEX payments_by_merchant_reference ON payments (merchant_reference)
        WHERE merchant_reference IS NOT NULL;
      CREATE INDEX payments_by_payment_id ON payments (payment_id) WHERE payment_id IS NOT NULL;
      CREATE INDEX payments_by_payment_session_id ON payments (payment_session_id)
        WHERE payment_session_id IS NOT NULL;
      CREATE INDEX payments_by_state ON payments (state, updated_at);

      CREATE TABLE pending_commands (
        command_id TEXT PRIMARY KEY,
        payment_request_id TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX pending_commands_by_age ON pending_commands (created_at, command_id);
      CREATE INDEX pending_commands_by_payment ON pending_commands (payment_request_id);

      CREATE TABLE pending_timers (
        payment_request_id TEXT NOT NULL,
        timer TEXT NOT NULL,
        due_at INTEGER NOT NULL,
        PRIMARY KEY (payment_request_id, timer)
      );
      CREATE INDEX pending_timers_by_due_at ON pending_timers (due_at, payment_request_id, timer);

      CREATE TABLE notifications (
        key TEXT PRIMARY KEY,
        payment_request_id TEXT NOT NULL,
        at INTEGER NOT NULL
      );
      CREATE INDEX notifications_by_age ON notifications (at);

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
