import { createHash } from 'node:crypto'
import type { QueryResult, QueryResultRow } from 'pg'

/** A query prepared once per connection under a name derived from its text (so two schemas never share one). */
export interface Statement {
  readonly name: string
  readonly text: string
}

/** Runs a statement through the pool (see `postgresPaymentStore`). */
export type Query = <R extends QueryResultRow>(
  statement: Statement,
  values: ReadonlyArray<unknown>,
) => Promise<QueryResult<R>>

const statement = (purpose: string, text: string): Statement => ({
  name: `paychart_${purpose}_${createHash('sha1').update(text).digest('hex').slice(0, 12)}`,
  text,
})

export const PAYMENT_COLUMNS =
  'payment_request_id, version, state, snapshot, merchant_reference, payment_id, payment_session_id, created_at, updated_at'
const OUTBOX_COLUMNS = 'command_id, payment_request_id, command, created_at, attempts'
const free = (now: string) => `(lease_until IS NULL OR lease_until <= ${now})`

/**
 * Every statement the store runs, for the schema `s` (quoted). Times are bigint milliseconds; every lookup has its
 * index (see the migrations), which `indexes.suite.ts` checks with EXPLAIN.
 */
export const statementsFor = (s: string) => {
  // The held completions a statement carries (see `heldCompletions`), as a CTE of it.
  const carried = (ids: string) =>
    `carried AS (UPDATE ${s}.outbox SET done = true WHERE command_id = ANY(${ids}::text[]) AND NOT done)`
  const findBy = (column: string) =>
    statement(
      `find_${column}`,
      `SELECT ${PAYMENT_COLUMNS} FROM ${s}.payments WHERE ${column} = $1 ORDER BY seq DESC LIMIT 1`,
    )
  return {
    create: statement(
      'create',
      `INSERT INTO ${s}.payments
         (payment_request_id, version, state, snapshot, merchant_reference, created_at, updated_at)
       VALUES ($1, 1, $2, $3::jsonb, $4, $5, $5)
       RETURNING seq`,
    ),
    /** The creates of one turn (see `postgresCreates`): the ones it returns are written, the others were there. */
    createMany: statement(
      'create_many',
      `INSERT INTO ${s}.payments
         (payment_request_id, version, state, snapshot, merchant_reference, created_at, updated_at)
       SELECT c.id, 1, c.state, c.snapshot::jsonb, c.ref, c.at, c.at
         FROM jsonb_to_recordset($1::jsonb) AS c(id text, state text, snapshot text, ref text, at bigint)
        ORDER BY c.id
       ON CONFLICT (payment_request_id) DO NOTHING
       RETURNING payment_request_id`,
    ),
    load: statement('load', `SELECT ${PAYMENT_COLUMNS} FROM ${s}.payments WHERE payment_request_id = $1`),
    /** The loads of one turn (see `turnBatch`). */
    loadMany: statement(
      'load_many',
      `SELECT ${PAYMENT_COLUMNS} FROM ${s}.payments WHERE payment_request_id = ANY($1::text[])`,
    ),
    versions: statement(
      'versions',
      `SELECT payment_request_id, version FROM ${s}.payments WHERE payment_request_id = ANY($1::text[])`,
    ),
    findByMerchantReference: findBy('merchant_reference'),
    findByPaymentId: findBy('payment_id'),
    findByPaymentSessionId: findBy('payment_session_id'),
    /**
     * Commits as one statement, so one transaction and one WAL flush: one commit, or the commits of one turn (group
     * commit). `$1` holds one record per commit (see `commitRecord`); each keeps its own compare-and-set on the version
     * (and on the notification key not being committed yet): `moved` holds the ones that matched, by their place `i`,
     * and only they write anything else. Two commits of one payment cannot both match (a row is updated once per
     * statement), so no two commits that write share a payment's rows. `carried` writes the held completions (`$2`)
     * whatever the outcome. `$3` lists the payments: the planner then reaches them through the primary key whatever
     * it guesses of the recordset's size (a hash join over a scan of every payment otherwise), and locks them in the
     * key's order, the same in every group. `$4` lists the notification keys, for the same reason: looked up from
     * each commit's record, the planner hashed every stored key (`indexes.suite.ts`).
     */
    commit: statement(
      'commit',
      `WITH c AS MATERIALIZED (
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS c(
           i integer, id text, expected integer, state text, snapshot text, payment_id text, session_id text,
           at bigint, event_version integer, event_at bigint, from_state text, to_state text, event jsonb,
           commands jsonb, outbox jsonb, completes text, cleared text[], timers jsonb, key text)
       ), seen AS MATERIALIZED (
         SELECT key FROM ${s}.notifications WHERE key = ANY($4::text[])
       ), moved AS (
         UPDATE ${s}.payments AS p
            SET version = p.version + 1, state = c.state, snapshot = c.snapshot::jsonb,
                payment_id = COALESCE(c.payment_id, p.payment_id),
                payment_session_id = COALESCE(c.session_id, p.payment_session_id), updated_at = c.at
           FROM c
          WHERE p.payment_request_id = ANY($3::text[]) AND p.payment_request_id = c.id AND p.version = c.expected
            AND (c.key IS NULL OR NOT EXISTS (SELECT 1 FROM seen WHERE seen.key = c.key))
          RETURNING c.i, p.version, p.merchant_reference, p.payment_id, p.payment_session_id, p.created_at
       ), won AS MATERIALIZED (
         SELECT c.* FROM c JOIN moved USING (i)
       ), logged AS (
         INSERT INTO ${s}.payment_events
           (payment_request_id, version, at, from_state, to_state, event, commands)
         SELECT id, event_version, event_at, from_state, to_state, event, commands FROM won ORDER BY i
       ), queued AS (
         INSERT INTO ${s}.outbox
           (command_id, payment_request_id, command, created_at, attempts, done, lease_owner, lease_until)
         SELECT o.command_id, o.payment_request_id, o.command, o.created_at, o.attempts,
                COALESCE(o.command_id = won.completes, false), o.lease_owner, o.lease_until
           FROM won, jsonb_to_recordset(won.outbox)
             AS o(command_id text, payment_request_id text, command jsonb, created_at bigint, attempts integer,
                  lease_owner text, lease_until bigint)
         ON CONFLICT (command_id) DO NOTHING
       ), completed AS (
         UPDATE ${s}.outbox AS o SET done = true FROM won WHERE o.command_id = won.completes AND NOT o.done
       ), cleared AS (
         DELETE FROM ${s}.timers AS t USING won WHERE t.payment_request_id = won.id AND t.timer = ANY(won.cleared)
       ), scheduled AS (
         INSERT INTO ${s}.timers (payment_request_id, timer, due_at)
         SELECT t.payment_request_id, t.timer, t.due_at
           FROM won, jsonb_to_recordset(won.timers) AS t(payment_request_id text, timer text, due_at bigint)
         ON CONFLICT (payment_request_id, timer)
           DO UPDATE SET due_at = excluded.due_at, lease_owner = NULL, lease_until = NULL
       ), noted AS (
         INSERT INTO ${s}.notifications (key, payment_request_id, at)
         SELECT key, id, at FROM won WHERE key IS NOT NULL
         ON CONFLICT (key) DO NOTHING
       ), ${carried('$2')}
       SELECT i, version, merchant_reference, payment_id, payment_session_id, created_at FROM moved`,
    ),
    events: statement(
      'events',
      `SELECT payment_request_id, version, at, from_state, to_state, event, commands
         FROM ${s}.payment_events WHERE payment_request_id = $1 ORDER BY seq`,
    ),
    /** Claims write the held completions (`$6`) too, and never claim one of them: the statement does not see it done. */
    claimCommands: statement(
      'claim_commands',
      `WITH ${carried('$6')}, picked AS MATERIALIZED (
         SELECT command_id FROM ${s}.outbox
          WHERE NOT done AND ${free('$1')} AND created_at <= $5 AND command_id <> ALL($6::text[])
          ORDER BY created_at, command_id
          LIMIT $2
          FOR UPDATE SKIP LOCKED
       )
       UPDATE ${s}.outbox AS o SET attempts = o.attempts + 1, lease_owner = $3, lease_until = $4
         FROM picked WHERE o.command_id = picked.command_id
       RETURNING o.command_id, o.payment_request_id, o.command, o.created_at, o.attempts`,
    ),
    claimCommand: statement(
      'claim_command',
      `WITH ${carried('$5')}
       UPDATE ${s}.outbox SET attempts = attempts + 1, lease_owner = $2, lease_until = $3
        WHERE command_id = $1 AND NOT done AND ${free('$4')} AND $1 <> ALL($5::text[])
       RETURNING ${OUTBOX_COLUMNS}`,
    ),
    // Completions no commit carried, committed without waiting for their WAL flush (asynchronous commit, this
    // transaction only): one lost in a crash only runs its item again, which the outbox allows. Every other write
    // waits for the flush as configured.
    completeCommands: statement(
      'complete_commands',
      `UPDATE ${s}.outbox SET done = true
        WHERE command_id = ANY($1::text[]) AND NOT done AND set_config('synchronous_commit', 'off', true) = 'off'`,
    ),
    claimTimers: statement(
      'claim_timers',
      `WITH picked AS MATERIALIZED (
         SELECT payment_request_id, timer FROM ${s}.timers
          WHERE due_at <= $1 AND ${free('$1')}
          ORDER BY due_at, payment_request_id, timer
          LIMIT $2
          FOR UPDATE SKIP LOCKED
       )
       UPDATE ${s}.timers AS t SET lease_owner = $3, lease_until = $4
         FROM picked WHERE t.payment_request_id = picked.payment_request_id AND t.timer = picked.timer
       RETURNING t.payment_request_id, t.timer, t.due_at`,
    ),
    pendingTimers: statement(
      'pending_timers',
      `SELECT payment_request_id, timer, due_at FROM ${s}.timers WHERE payment_request_id = $1 ORDER BY due_at, timer`,
    ),
    hasNotification: statement(
      'has_notification',
      `SELECT EXISTS (SELECT 1 FROM ${s}.notifications WHERE key = $1) AS found`,
    ),
    recordUnmatched: statement(
      'record_unmatched',
      `INSERT INTO ${s}.unmatched_notifications (key, received_at, notify_type, payment_request_id, body)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (key) DO NOTHING`,
    ),
    /**
     * Retention, as one statement: done outbox items, old notification keys and unmatched notifications, and (when
     * `$3` lists states) the event logs of payments in them last updated before `$4`. Maintenance, run now and then:
     * it scans rather than keep indexes on every write.
     */
    prune: statement(
      'prune',
      `WITH commands AS (
         DELETE FROM ${s}.outbox WHERE done AND created_at < $1 RETURNING 1
       ), keys AS (
         DELETE FROM ${s}.notifications WHERE at < $2 RETURNING 1
       ), unmatched AS (
         DELETE FROM ${s}.unmatched_notifications WHERE received_at < $2 RETURNING 1
       ), events AS (
         DELETE FROM ${s}.payment_events e USING ${s}.payments p
          WHERE e.payment_request_id = p.payment_request_id AND p.state = ANY($3::text[]) AND p.updated_at < $4
         RETURNING 1
       )
       SELECT (SELECT count(*) FROM commands)::int AS commands, (SELECT count(*) FROM keys)::int AS notifications,
              (SELECT count(*) FROM unmatched)::int AS unmatched, (SELECT count(*) FROM events)::int AS events`,
    ),
    /**
     * The backlog, as one statement (one snapshot): payments by state, outbox items not done, timers due by `$1`, and
     * payments in one of the `$2` states with when each entered it. Payments are scanned (no index on state, which
     * every commit would have to keep); the outbox and timers use their claim and due indexes.
     */
    backlog: statement(
      'backlog',
      `SELECT
         (SELECT coalesce(jsonb_object_agg(state, n), '{}'::jsonb)
            FROM (SELECT state, count(*)::int AS n FROM ${s}.payments GROUP BY state) counted) AS payments,
         (SELECT count(*)::int FROM ${s}.outbox WHERE NOT done) AS pending_count,
         (SELECT min(created_at) FROM ${s}.outbox WHERE NOT done) AS pending_oldest,
         (SELECT count(*)::int FROM ${s}.timers WHERE due_at <= $1) AS overdue_count,
         (SELECT min(due_at) FROM ${s}.timers WHERE due_at <= $1) AS overdue_oldest,
         unknown.n AS unknown_count, unknown.oldest AS unknown_oldest
       FROM (
         SELECT count(*)::int AS n, min(since) AS oldest FROM (
           SELECT coalesce((SELECT max(e.at) FROM ${s}.payment_events e
                             WHERE e.payment_request_id = p.payment_request_id
                               AND e.to_state = p.state AND e.from_state <> p.state), p.updated_at) AS since
             FROM ${s}.payments p WHERE p.state = ANY($2::text[])) entered
       ) unknown`,
    ),
    unmatched: statement(
      'unmatched',
      `SELECT key, received_at, notify_type, payment_request_id, body FROM ${s}.unmatched_notifications u
        WHERE NOT EXISTS (SELECT 1 FROM ${s}.notifications n WHERE n.key = u.key) ORDER BY seq`,
    ),
  } as const
}

export type Statements = ReturnType<typeof statementsFor>
