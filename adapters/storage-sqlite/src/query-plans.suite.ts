import { describe, expect, it } from 'vitest'
import { useSqliteStore } from './sqlite.fixtures.js'
import { SQL } from './statements.js'

/** Each lookup the engine makes, its parameters, and the index that must serve it. */
const change = { id: 'PAY-1', expected: 1, state: 'submitting', snapshot: '{}', at: 0 }
const ids = { id: 'PAY-1', paymentId: 'P-1', paymentSessionId: null }
const lookups: ReadonlyArray<readonly [keyof typeof SQL, string, ReadonlyArray<unknown>]> = [
  ['loadPayment', 'sqlite_autoindex_payments_1', ['PAY-1']],
  ['updatePayment', 'sqlite_autoindex_payments_1', [change]],
  ['learnIds', 'sqlite_autoindex_payments_1', [ids]],
  ['findByMerchantReference', 'payments_by_merchant_reference', ['ORDER-1']],
  ['findByPaymentId', 'payments_by_payment_id', ['P-1']],
  ['findByPaymentSessionId', 'payments_by_payment_session_id', ['S-1']],
  ['events', 'PRIMARY KEY', ['PAY-1']],
  ['claimableCommands', 'outbox_pending', [0, 10]],
  ['claimableCommand', 'sqlite_autoindex_outbox_1', ['PAY-1#1', 0]],
  ['leaseCommand', 'sqlite_autoindex_outbox_1', ['relay', 0, 'PAY-1#1']],
  ['completeCommand', 'sqlite_autoindex_outbox_1', ['PAY-1#1']],
  ['claimableTimers', 'timers_by_due_at', [0, 0, 10]],
  ['leaseTimer', 'PRIMARY KEY', ['relay', 0, 'PAY-1', 'reconcile']],
  ['deleteTimer', 'PRIMARY KEY', ['PAY-1', 'reconcile']],
  ['pendingTimers', 'PRIMARY KEY', ['PAY-1']],
  ['hasNotification', 'PRIMARY KEY', ['key']],
]

/** Sorting a payment's few timers is fine; sorting a whole table's worth of claimable rows is not. */
const SMALL_SORTS: ReadonlyArray<keyof typeof SQL> = ['pendingTimers']

export const queryPlanTests = () =>
  describe('query plans', () => {
    it.each(lookups)('%s searches by an index (%s), never a table scan', async (name, index, params) => {
      const { opened } = await useSqliteStore()
      const plan = opened.database
        .prepare(`EXPLAIN QUERY PLAN ${SQL[name]}`)
        .all(...params)
        .map((row) => (row as { detail: string }).detail)
      expect(plan.join(' | ')).toContain(index)
      for (const step of plan) {
        if (step.startsWith('SCAN ')) expect(step, `${name}: ${plan.join(' | ')}`).toMatch(/USING (COVERING )?INDEX/)
        if (!SMALL_SORTS.includes(name)) expect(step).not.toContain('TEMP B-TREE')
      }
    })
  })
