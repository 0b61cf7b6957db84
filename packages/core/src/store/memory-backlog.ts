import type { PaymentState } from '../machine/state.js'
import type { Backlog, Backlogged, BacklogOptions } from './backlog.js'
import type { MemoryTables } from './memory-tables.js'

const tally = (times: ReadonlyArray<number>): Backlogged =>
  times.length === 0 ? { count: 0 } : { count: times.length, oldestAt: Math.min(...times) }

/** `backlog` over the memory store's tables. */
export const backlogOf = (tables: MemoryTables, options: BacklogOptions): Backlog => {
  const payments: Partial<Record<PaymentState, number>> = {}
  const unknownSince: Array<number> = []
  for (const payment of tables.payments.values()) {
    payments[payment.state] = (payments[payment.state] ?? 0) + 1
    if (!options.unknownOutcome.includes(payment.state)) continue
    const entered = (tables.events.get(payment.paymentRequestId) ?? []).findLast(
      (entry) => entry.to === payment.state && entry.from !== payment.state,
    )
    unknownSince.push(entered?.at ?? payment.updatedAt)
  }
  const pending = [...tables.outbox.values()].filter((row) => !row.done).map((row) => row.createdAt)
  const overdue = [...tables.timers.values()].filter((row) => row.dueAt <= options.now).map((row) => row.dueAt)
  return {
    payments,
    pendingCommands: tally(pending),
    overdueTimers: tally(overdue),
    unknownOutcomes: tally(unknownSince),
  }
}
