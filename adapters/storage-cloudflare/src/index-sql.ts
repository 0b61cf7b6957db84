/** Every statement an index object runs against its own SQLite. */
export const INDEX_SQL = {
  revision: 'SELECT revision FROM payments WHERE payment_request_id = ?',
  /** Keeps the row's `seq` (creation order) when it updates it. */
  upsertPayment: `INSERT INTO payments (payment_request_id, revision, state, merchant_reference, payment_id,
      payment_session_id, updated_at, state_since, oldest_done_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (payment_request_id) DO UPDATE SET revision = excluded.revision, state = excluded.state,
      merchant_reference = excluded.merchant_reference, payment_id = excluded.payment_id,
      payment_session_id = excluded.payment_session_id, updated_at = excluded.updated_at,
      state_since = excluded.state_since, oldest_done_at = excluded.oldest_done_at`,
  clearCommands: 'DELETE FROM pending_commands WHERE payment_request_id = ?',
  insertCommand:
    'INSERT OR REPLACE INTO pending_commands (command_id, payment_request_id, created_at) VALUES (?, ?, ?)',
  clearTimers: 'DELETE FROM pending_timers WHERE payment_request_id = ?',
  insertTimer: 'INSERT INTO pending_timers (payment_request_id, timer, due_at) VALUES (?, ?, ?)',
  insertNotification:
    'INSERT INTO notifications (key, payment_request_id, at) VALUES (?, ?, ?) ON CONFLICT (key) DO NOTHING',

  findByMerchantReference:
    'SELECT payment_request_id FROM payments WHERE merchant_reference = ? ORDER BY seq DESC LIMIT 1',
  findByPaymentId: 'SELECT payment_request_id FROM payments WHERE payment_id = ? ORDER BY seq DESC LIMIT 1',
  findByPaymentSessionId:
    'SELECT payment_request_id FROM payments WHERE payment_session_id = ? ORDER BY seq DESC LIMIT 1',
  commandPayment: 'SELECT payment_request_id FROM pending_commands WHERE command_id = ?',
  /** Pending commands after a position, oldest first (createdAt, then commandId). */
  commandCandidates: `SELECT command_id, payment_request_id, created_at FROM pending_commands
    WHERE (created_at, command_id) > (?, ?) ORDER BY created_at, command_id LIMIT ?`,
  /** Timers due by `now` after a position, soonest first (dueAt, then payment, then timer). */
  timerCandidates: `SELECT payment_request_id, timer, due_at FROM pending_timers
    WHERE due_at <= ? AND (due_at, payment_request_id, timer) > (?, ?, ?)
    ORDER BY due_at, payment_request_id, timer LIMIT ?`,
  hasNotification: 'SELECT 1 AS found FROM notifications WHERE key = ?',
  insertUnmatched: `INSERT INTO unmatched_notifications (key, received_at, notify_type, payment_request_id, body)
    VALUES (?, ?, ?, ?, ?) ON CONFLICT (key) DO NOTHING`,
  /** Those still unmatched: one a redelivery matched later (its key committed) is not listed. */
  unmatched: `SELECT key, received_at, notify_type, payment_request_id, body FROM unmatched_notifications u
    WHERE NOT EXISTS (SELECT 1 FROM notifications n WHERE n.key = u.key) ORDER BY seq`,

  // Prune: which payments hold something to remove; then the index's own rows.
  withOldDone: 'SELECT payment_request_id FROM payments WHERE oldest_done_at < ?',
  withOldKeys: 'SELECT DISTINCT payment_request_id FROM notifications WHERE at < ?',
  pruneNotifications: 'DELETE FROM notifications WHERE at < ? RETURNING 1',
  pruneUnmatched: 'DELETE FROM unmatched_notifications WHERE received_at < ? RETURNING 1',

  // Backlog.
  paymentsByState: 'SELECT state, COUNT(*) AS count FROM payments GROUP BY state',
  pendingCommands: 'SELECT COUNT(*) AS count, MIN(created_at) AS oldest FROM pending_commands',
  overdueTimers: 'SELECT COUNT(*) AS count, MIN(due_at) AS oldest FROM pending_timers WHERE due_at <= ?',
} as const

/** `?, ?, ?` for a list bound one value per placeholder (an empty list binds one NULL, which matches nothing). */
export const placeholders = (count: number): string => Array.from({ length: Math.max(count, 1) }, () => '?').join(', ')

/** Final payments last updated before a cut (their event logs can go). */
export const withOldLogs = (states: number): string =>
  `SELECT payment_request_id FROM payments WHERE state IN (${placeholders(states)}) AND updated_at < ?`

/** Payments in one of `states`, and since when the longest there has been in its state. */
export const unknownOutcomes = (states: number): string =>
  `SELECT COUNT(*) AS count, MIN(state_since) AS oldest FROM payments WHERE state IN (${placeholders(states)})`
