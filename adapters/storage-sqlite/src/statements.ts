import type { SqliteRows } from '@paychart/core/store'
import type { SqliteConnection, SqliteStatement } from './driver/connection.js'

const PAYMENT = `payment_request_id, version, state, snapshot, merchant_reference, payment_id, payment_session_id,
  created_at, updated_at`
const OUTBOX = 'command_id, payment_request_id, command, created_at, attempts, done, lease_owner, lease_until'
const TIMER = 'payment_request_id, timer, due_at, lease_owner, lease_until'

/** Every statement the store runs. The lookups among them are checked to use an index (EXPLAIN QUERY PLAN). */
export const SQL = {
  insertPayment: `INSERT INTO payments
      (payment_request_id, version, state, snapshot, merchant_reference, created_at, updated_at)
    VALUES (?, 1, ?, ?, ?, ?, ?) ON CONFLICT (payment_request_id) DO NOTHING
    RETURNING ${PAYMENT}`,
  loadPayment: `SELECT ${PAYMENT} FROM payments WHERE payment_request_id = ?`,
  paymentVersion: 'SELECT version FROM payments WHERE payment_request_id = ?',
  /**
   * The compare-and-set: changes the row only at the expected version, and returns it as written. The gateway's ids
   * are set apart (`learnIds`): SQLite rewrites an index whose column an UPDATE sets, changed or not.
   */
  updatePayment: `UPDATE payments SET version = version + 1, state = @state, snapshot = @snapshot, updated_at = @at
    WHERE payment_request_id = @id AND version = @expected
    RETURNING ${PAYMENT}`,
  /** The gateway's ids of a payment, only when one is new: most commits name ids the row already holds. */
  learnIds: `UPDATE payments SET payment_id = coalesce(@paymentId, payment_id),
      payment_session_id = coalesce(@paymentSessionId, payment_session_id)
    WHERE payment_request_id = @id
      AND (payment_id IS NOT coalesce(@paymentId, payment_id)
        OR payment_session_id IS NOT coalesce(@paymentSessionId, payment_session_id))
    RETURNING ${PAYMENT}`,
  findByMerchantReference: `SELECT ${PAYMENT} FROM payments WHERE merchant_reference = ? ORDER BY seq DESC LIMIT 1`,
  findByPaymentId: `SELECT ${PAYMENT} FROM payments WHERE payment_id = ? ORDER BY seq DESC LIMIT 1`,
  findByPaymentSessionId: `SELECT ${PAYMENT} FROM payments WHERE payment_session_id = ? ORDER BY seq DESC LIMIT 1`,

  insertEvent: `INSERT INTO events (payment_request_id, version, at, event, from_state, to_state, commands)
    VALUES (?, ?, ?, ?, ?, ?, ?)`,
  events: `SELECT payment_request_id, version, at, event, from_state, to_state, commands
    FROM events WHERE payment_request_id = ? ORDER BY version`,

  insertOutbox: `INSERT INTO outbox
      (command_id, payment_request_id, command, created_at, attempts, done, lease_owner, lease_until)
    VALUES (?, ?, ?, ?, ?, 0, ?, ?) ON CONFLICT (command_id) DO NOTHING`,
  completeCommand: 'UPDATE outbox SET done = 1 WHERE command_id = ? AND done = 0',
  /** Free to claim: not done, and never leased or its lease lapsed (`lease_until <= now`). */
  claimableCommands: `SELECT ${OUTBOX} FROM outbox
    WHERE done = 0 AND (lease_until IS NULL OR lease_until <= ?)
    ORDER BY created_at, command_id LIMIT ?`,
  claimableCommand: `SELECT ${OUTBOX} FROM outbox
    WHERE command_id = ? AND done = 0 AND (lease_until IS NULL OR lease_until <= ?)`,
  leaseCommand: 'UPDATE outbox SET attempts = attempts + 1, lease_owner = ?, lease_until = ? WHERE command_id = ?',

  /** Sets or moves a timer; a moved timer is free again, whoever held it before. */
  scheduleTimer: `INSERT INTO timers (payment_request_id, timer, due_at) VALUES (?, ?, ?)
    ON CONFLICT (payment_request_id, timer)
    DO UPDATE SET due_at = excluded.due_at, lease_owner = NULL, lease_until = NULL`,
  deleteTimer: 'DELETE FROM timers WHERE payment_request_id = ? AND timer = ?',
  pendingTimers: `SELECT ${TIMER} FROM timers WHERE payment_request_id = ? ORDER BY due_at, timer`,
  claimableTimers: `SELECT ${TIMER} FROM timers
    WHERE due_at <= ? AND (lease_until IS NULL OR lease_until <= ?)
    ORDER BY due_at, payment_request_id, timer LIMIT ?`,
  leaseTimer: 'UPDATE timers SET lease_owner = ?, lease_until = ? WHERE payment_request_id = ? AND timer = ?',

  insertNotification:
    'INSERT INTO notifications (key, payment_request_id, at) VALUES (?, ?, ?) ON CONFLICT (key) DO NOTHING',
  hasNotification: 'SELECT 1 AS found FROM notifications WHERE key = ?',
  insertUnmatched: `INSERT INTO unmatched_notifications (key, received_at, notify_type, payment_request_id, body)
    VALUES (?, ?, ?, ?, ?) ON CONFLICT (key) DO NOTHING`,
  /** Those still unmatched: one a redelivery matched later (its key committed) is not listed. */
  unmatched: `SELECT key, received_at, notify_type, payment_request_id, body FROM unmatched_notifications u
    WHERE NOT EXISTS (SELECT 1 FROM notifications n WHERE n.key = u.key) ORDER BY seq`,

  // Retention: maintenance, run now and then, so these scan rather than keep indexes on every write.
  pruneCommands: 'DELETE FROM outbox WHERE done = 1 AND created_at < ?',
  pruneNotifications: 'DELETE FROM notifications WHERE at < ?',
  pruneUnmatched: 'DELETE FROM unmatched_notifications WHERE received_at < ?',
  pruneEvents: `DELETE FROM events WHERE payment_request_id IN (
      SELECT payment_request_id FROM payments WHERE state IN (SELECT value FROM json_each(?)) AND updated_at < ?)`,

  // Backlog: read by readiness checks every few seconds. The payments table is scanned (no index on state, which
  // every commit would have to keep); the outbox and timers use their pending and due indexes.
  paymentsByState: 'SELECT state, COUNT(*) AS count FROM payments GROUP BY state',
  pendingCommands: 'SELECT COUNT(*) AS count, MIN(created_at) AS oldest FROM outbox WHERE done = 0',
  overdueTimers: 'SELECT COUNT(*) AS count, MIN(due_at) AS oldest FROM timers WHERE due_at <= ?',
  unknownOutcomes: `SELECT COUNT(*) AS count, MIN(since) AS oldest FROM (
      SELECT coalesce((SELECT MAX(e.at) FROM events e WHERE e.payment_request_id = p.payment_request_id
        AND e.to_state = p.state AND e.from_state <> p.state), p.updated_at) AS since
      FROM payments p WHERE p.state IN (SELECT value FROM json_each(?)))`,
} as const

interface PaymentChange {
  readonly id: string
  readonly expected: number
  readonly state: string
  readonly snapshot: string
  readonly at: number
}

interface PaymentIds {
  readonly id: string
  readonly paymentId: string | null
  readonly paymentSessionId: string | null
}

/** A count and the oldest time among what it counts (null when there is none). */
export interface Tally {
  readonly count: number
  readonly oldest: number | null
}

/** The statements prepared once per connection, typed by their parameters and rows. */
export const prepareStatements = (db: SqliteConnection) => {
  const query = <Params extends unknown[], Row = never>(source: string): SqliteStatement<Params, Row> =>
    db.prepare<Params, Row>(source)
  return {
    insertPayment: query<[string, string, string, string | null, number, number], SqliteRows.PaymentRow>(
      SQL.insertPayment,
    ),
    loadPayment: query<[string], SqliteRows.PaymentRow>(SQL.loadPayment),
    paymentVersion: query<[string], { version: number }>(SQL.paymentVersion),
    updatePayment: query<[PaymentChange], SqliteRows.PaymentRow>(SQL.updatePayment),
    learnIds: query<[PaymentIds], SqliteRows.PaymentRow>(SQL.learnIds),
    findByMerchantReference: query<[string], SqliteRows.PaymentRow>(SQL.findByMerchantReference),
    findByPaymentId: query<[string], SqliteRows.PaymentRow>(SQL.findByPaymentId),
    findByPaymentSessionId: query<[string], SqliteRows.PaymentRow>(SQL.findByPaymentSessionId),
    insertEvent: query<[string, number, number, string, string, string, string]>(SQL.insertEvent),
    events: query<[string], SqliteRows.EventRow>(SQL.events),
    insertOutbox: query<[string, string, string, number, number, string | null, number | null]>(SQL.insertOutbox),
    completeCommand: query<[string]>(SQL.completeCommand),
    claimableCommands: query<[number, number], SqliteRows.OutboxRow>(SQL.claimableCommands),
    claimableCommand: query<[string, number], SqliteRows.OutboxRow>(SQL.claimableCommand),
    leaseCommand: query<[string, number, string]>(SQL.leaseCommand),
    scheduleTimer: query<[string, string, number]>(SQL.scheduleTimer),
    deleteTimer: query<[string, string]>(SQL.deleteTimer),
    pendingTimers: query<[string], SqliteRows.TimerRow>(SQL.pendingTimers),
    claimableTimers: query<[number, number, number], SqliteRows.TimerRow>(SQL.claimableTimers),
    leaseTimer: query<[string, number, string, string]>(SQL.leaseTimer),
    insertNotification: query<[string, string, number]>(SQL.insertNotification),
    hasNotification: query<[string], { found: number }>(SQL.hasNotification),
    insertUnmatched: query<[string, number, string, string | null, string]>(SQL.insertUnmatched),
    unmatched: query<[], SqliteRows.UnmatchedRow>(SQL.unmatched),
    pruneCommands: query<[number]>(SQL.pruneCommands),
    pruneNotifications: query<[number]>(SQL.pruneNotifications),
    pruneUnmatched: query<[number]>(SQL.pruneUnmatched),
    pruneEvents: query<[string, number]>(SQL.pruneEvents),
    paymentsByState: query<[], { state: string; count: number }>(SQL.paymentsByState),
    pendingCommands: query<[], Tally>(SQL.pendingCommands),
    overdueTimers: query<[number], Tally>(SQL.overdueTimers),
    unknownOutcomes: query<[string], Tally>(SQL.unknownOutcomes),
  }
}

export type Statements = ReturnType<typeof prepareStatements>
