const PAYMENT = `payment_request_id, version, state, snapshot, merchant_reference, payment_id, payment_session_id,
  created_at, updated_at`
const OUTBOX = 'command_id, payment_request_id, command, created_at, attempts, done, lease_owner, lease_until'
const TIMER = 'payment_request_id, timer, due_at, lease_owner, lease_until'

/** Every statement a payment object runs against its own SQLite, which holds one payment. */
export const PAYMENT_SQL = {
  insertPayment: `INSERT INTO payment
      (payment_request_id, version, state, snapshot, merchant_reference, created_at, updated_at)
    VALUES (?, 1, ?, ?, ?, ?, ?) ON CONFLICT (payment_request_id) DO NOTHING
    RETURNING ${PAYMENT}`,
  insertSync: 'INSERT INTO index_sync (prefix, revision, indexed_revision) VALUES (?, 1, 0)',
  loadPayment: `SELECT ${PAYMENT} FROM payment`,
  paymentVersion: 'SELECT version FROM payment',
  /** The compare-and-set: changes the row only at the expected version, and returns it as written. */
  updatePayment: `UPDATE payment SET version = version + 1, state = ?, snapshot = ?,
      payment_id = coalesce(?, payment_id),
      payment_session_id = coalesce(?, payment_session_id),
      updated_at = ?,
      entered_at = CASE WHEN ? THEN ? WHEN state = ? THEN entered_at ELSE NULL END
    WHERE payment_request_id = ? AND version = ?
    RETURNING ${PAYMENT}`,

  insertEvent: `INSERT INTO events (payment_request_id, version, at, event, from_state, to_state, commands)
    VALUES (?, ?, ?, ?, ?, ?, ?)`,
  events: `SELECT payment_request_id, version, at, event, from_state, to_state, commands
    FROM events ORDER BY version`,

  insertOutbox: `INSERT INTO outbox
      (command_id, payment_request_id, command, created_at, attempts, done, lease_owner, lease_until)
    VALUES (?, ?, ?, ?, ?, 0, ?, ?) ON CONFLICT (command_id) DO NOTHING`,
  completeCommand: 'UPDATE outbox SET done = 1 WHERE command_id = ? AND done = 0',
  /** Free to claim: not done, and never leased or its lease lapsed (`lease_until <= now`). */
  claimableCommand: `SELECT ${OUTBOX} FROM outbox
    WHERE command_id = ? AND done = 0 AND (lease_until IS NULL OR lease_until <= ?)`,
  leaseCommand: 'UPDATE outbox SET attempts = attempts + 1, lease_owner = ?, lease_until = ? WHERE command_id = ?',

  /** Sets or moves a timer; a moved timer is free again, whoever held it before. */
  scheduleTimer: `INSERT INTO timers (payment_request_id, timer, due_at) VALUES (?, ?, ?)
    ON CONFLICT (payment_request_id, timer)
    DO UPDATE SET due_at = excluded.due_at, lease_owner = NULL, lease_until = NULL`,
  deleteTimer: 'DELETE FROM timers WHERE payment_request_id = ? AND timer = ?',
  pendingTimers: `SELECT ${TIMER} FROM timers ORDER BY due_at, timer`,
  dueTimers: `SELECT ${TIMER} FROM timers WHERE due_at <= ? ORDER BY due_at, timer`,
  claimableTimer: `SELECT ${TIMER} FROM timers
    WHERE timer = ? AND due_at <= ? AND (lease_until IS NULL OR lease_until <= ?)`,
  leaseTimer: 'UPDATE timers SET lease_owner = ?, lease_until = ? WHERE timer = ?',
  /** When the next timer can be handed out: its due time, or the end of the lease that holds it. */
  nextWake: 'SELECT MIN(max(due_at, coalesce(lease_until, 0))) AS at FROM timers',

  insertNotification:
    'INSERT INTO notifications (key, payment_request_id, at) VALUES (?, ?, ?) ON CONFLICT (key) DO NOTHING',
  hasNotification: 'SELECT 1 AS found FROM notifications WHERE key = ?',

  // Counted by what they return: `rowsWritten` also counts index entries.
  pruneCommands: 'DELETE FROM outbox WHERE done = 1 AND created_at < ? RETURNING 1',
  pruneNotifications: 'DELETE FROM notifications WHERE at < ? RETURNING 1',
  pruneEvents: 'DELETE FROM events RETURNING 1',

  // What the index mirrors.
  summary: `SELECT p.payment_request_id, p.state, p.merchant_reference, p.payment_id, p.payment_session_id,
      p.updated_at, coalesce(p.entered_at, p.updated_at) AS state_since, s.prefix, s.revision, s.indexed_revision,
      (SELECT MIN(created_at) FROM outbox WHERE done = 1) AS oldest_done_at
    FROM payment p, index_sync s`,
  pendingCommands: 'SELECT command_id, created_at FROM outbox WHERE done = 0 ORDER BY created_at, command_id',
  timerDueTimes: 'SELECT timer, due_at FROM timers ORDER BY due_at, timer',
  notificationKeys: 'SELECT key, at FROM notifications ORDER BY key',
  bumpRevision: 'UPDATE index_sync SET revision = revision + 1',
  markIndexed: 'UPDATE index_sync SET indexed_revision = max(indexed_revision, ?)',
  syncState: 'SELECT prefix, revision, indexed_revision FROM index_sync',
} as const
