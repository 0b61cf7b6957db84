/**
 * One step of the schema, applied once per schema in version order and recorded in `schema_migrations`. A released
 * migration never changes: a new version is a new entry at the end.
 */
export interface Migration {
  readonly version: number
  readonly name: string
  /** The statements, for the schema `s` (already quoted as an identifier). */
  readonly sql: (s: string) => string
}

export const MIGRATIONS: ReadonlyArray<Migration> = [
  {
    version: 1,
    name: 'payments, event log, outbox, timers, notifications',
    sql: (s) => `
      CREATE TABLE ${s}.payments (
        payment_request_id text COLLATE "C" PRIMARY KEY,
        seq bigint GENERATED ALWAYS AS IDENTITY,
        version integer NOT NULL,
        state text NOT NULL,
        snapshot jsonb NOT NULL,
        merchant_reference text COLLATE "C",
        payment_id text COLLATE "C",
        payment_session_id text COLLATE "C",
        created_at bigint NOT NULL,
        updated_at bigint NOT NULL
      );
      CREATE INDEX payments_merchant_reference_idx ON ${s}.payments (merchant_reference, seq)
        WHERE merchant_reference IS NOT NULL;
      CREATE INDEX payments_payment_id_idx ON ${s}.payments (payment_id, seq) WHERE payment_id IS NOT NULL;
      CREATE INDEX payments_payment_session_id_idx ON ${s}.payments (payment_session_id, seq)
        WHERE payment_session_id IS NOT NULL;

      CREATE TABLE ${s}.payment_events (
        payment_request_id text COLLATE "C" NOT NULL REFERENCES ${s}.payments,
        seq bigint GENERATED ALWAYS AS IDENTITY,
        version integer NOT NULL,
        at bigint NOT NULL,
        from_state text NOT NULL,
        to_state text NOT NULL,
        event jsonb NOT NULL,
        commands jsonb NOT NULL,
        PRIMARY KEY (payment_request_id, seq)
      );

      CREATE TABLE ${s}.outbox (
        command_id text COLLATE "C" PRIMARY KEY,
        payment_request_id text COLLATE "C" NOT NULL REFERENCES ${s}.payments,
        command jsonb NOT NULL,
        created_at bigint NOT NULL,
        attempts integer NOT NULL,
        done boolean NOT NULL,
        lease_owner text,
        lease_until bigint
      );
      CREATE INDEX outbox_claim_idx ON ${s}.outbox (created_at, command_id) WHERE NOT done;

      CREATE TABLE ${s}.timers (
        payment_request_id text COLLATE "C" NOT NULL REFERENCES ${s}.payments,
        timer text COLLATE "C" NOT NULL,
        due_at bigint NOT NULL,
        lease_owner text,
        lease_until bigint,
        PRIMARY KEY (payment_request_id, timer)
      );
      CREATE INDEX timers_due_idx ON ${s}.timers (due_at, payment_request_id, timer);

      CREATE TABLE ${s}.notifications (
        key text COLLATE "C" PRIMARY KEY,
        payment_request_id text COLLATE "C" NOT NULL REFERENCES ${s}.payments,
        at bigint NOT NULL
      );

      CREATE TABLE ${s}.unmatched_notifications (
        key text COLLATE "C" PRIMARY KEY,
        seq bigint GENERATED ALWAYS AS IDENTITY,
        received_at bigint NOT NULL,
        notify_type text NOT NULL,
        payment_request_id text,
        body text NOT NULL
      );
    `,
  },
]

/** The newest schema version this code knows: a database at a higher one was written by a newer release. */
export const LATEST_VERSION = Math.max(...MIGRATIONS.map((m) => m.version))
