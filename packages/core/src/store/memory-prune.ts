import type { WritableTables } from './memory-tables.js'
import type { PruneOptions, PruneReport } from './retention.js'

const removeWhere = <K, V>(map: Map<K, V>, old: (value: V) => boolean): number => {
  let removed = 0
  for (const [key, value] of map) {
    if (!old(value)) continue
    map.delete(key)
    removed += 1
  }
  return removed
}

/** `prune` over the memory store's tables: done items, old keys and, when asked, the logs of final payments. */
export const pruneTables = (tables: WritableTables, options: PruneOptions): PruneReport => {
  const commands = removeWhere(tables.outbox, (row) => row.done && row.createdAt < options.doneCommandsBefore)
  const notifications = removeWhere(tables.notifications, (row) => row.at < options.notificationsBefore)
  const unmatched = removeWhere(tables.unmatched, (row) => row.receivedAt < options.notificationsBefore)
  let events = 0
  const logs = options.eventLogs
  if (logs !== undefined) {
    for (const payment of tables.payments.values()) {
      if (payment.updatedAt >= logs.before || !logs.states.includes(payment.state)) continue
      events += tables.events.get(payment.paymentRequestId)?.length ?? 0
      tables.events.delete(payment.paymentRequestId)
    }
  }
  return { commands, notifications, unmatched, events }
}
