import { type NotificationFault, type NotificationFaultEntry, TAMPER_FIELDS } from './faults.js'
import type { NotificationRecord } from './notification-records.js'
import { tamperedTwin } from './notification-twins.js'
import type { Ctx } from './state.js'

/** Queues a notification fault (see `NotificationFault` in faults.ts) for the next `count` notifications. */
export const queueNotificationFault = (queue: Array<NotificationFaultEntry>, fault: NotificationFault): void => {
  const count = fault.count ?? (fault.kind === 'reorder' ? 2 : 1)
  if (!Number.isInteger(count) || count < 1) throw new RangeError('count must be a positive integer')
  if (fault.kind === 'reorder' && count < 2) throw new RangeError('reorder needs a count of at least 2')
  if (fault.kind === 'delay' && !(fault.ms >= 0)) throw new RangeError('delay needs ms >= 0')
  if (fault.kind === 'tamper' && !TAMPER_FIELDS.includes(fault.field))
    throw new RangeError(`tamper.field must be one of ${TAMPER_FIELDS.join(', ')}`)
  queue.push({ fault, remaining: count, held: [] })
}

/** Releases a reorder group: all become due now, the last queued first. */
const release = (ctx: Ctx, held: ReadonlyArray<string>): void => {
  const records = held.flatMap((id) => {
    const record = ctx.state.outbox.get(id)
    return record === undefined ? [] : [record]
  })
  const orders = records.map((record) => record.order)
  records.reverse().forEach((record, index) => {
    record.status = 'pending'
    record.nextAttemptAt = ctx.now
    record.order = orders[index] ?? record.order
  })
}

const apply = (ctx: Ctx, entry: NotificationFaultEntry, record: NotificationRecord): void => {
  const { fault } = entry
  entry.remaining -= 1
  switch (fault.kind) {
    case 'duplicate':
      record.copies = 2
      return
    case 'delay':
      record.nextAttemptAt = (record.nextAttemptAt ?? ctx.now) + fault.ms
      return
    case 'drop':
      record.status = 'dropped'
      record.nextAttemptAt = undefined
      return
    case 'reorder':
      record.status = 'held'
      entry.held.push(record.notificationId)
      if (entry.remaining === 0) release(ctx, entry.held)
      return
  }
}

/** Queues the lying twins of a notification just queued, one per queued tamper fault, before any fault reshapes it. */
const queueTwins = (ctx: Ctx, record: NotificationRecord): void => {
  for (const entry of ctx.state.notificationFaults) {
    if (entry.fault.kind !== 'tamper') continue
    entry.remaining -= 1
    const twin = tamperedTwin(ctx, record, entry.fault.field)
    if (twin !== undefined) ctx.state.outbox.set(twin.notificationId, twin)
  }
}

/**
 * Applies every queued fault to a notification just queued (each fault counts it once): first the tamper faults,
 * which queue twins, then the others, to the true notification; spent faults go.
 */
export const applyNotificationFaults = (ctx: Ctx, record: NotificationRecord): void => {
  const queue = ctx.state.notificationFaults
  queueTwins(ctx, record)
  for (const entry of queue) {
    if (record.status === 'dropped') break
    if (entry.fault.kind !== 'tamper') apply(ctx, entry, record)
  }
  for (let i = queue.length - 1; i >= 0; i--) if (queue[i]?.remaining === 0) queue.splice(i, 1)
}

/** Releases the notifications held by an incomplete reorder group (later ones first) and ends the fault. */
export const releaseHeldNotifications = (ctx: Ctx): void => {
  const queue = ctx.state.notificationFaults
  for (let i = queue.length - 1; i >= 0; i--) {
    const entry = queue[i]
    if (entry?.fault.kind !== 'reorder') continue
    release(ctx, entry.held)
    queue.splice(i, 1)
  }
}
