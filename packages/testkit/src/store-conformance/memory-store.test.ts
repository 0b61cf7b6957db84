import { makeMemoryStore } from '@paychart/core'
import { applyEvent, restorePayment, stateOf } from '@paychart/core/machine'
import type { MemoryTables } from '@paychart/core/store'
import { Effect } from 'effect'
import { expect, it } from 'vitest'
import type { RawReader } from './raw-reader.js'
import { cardFlow } from './scripts.js'
import { testPaymentStore } from './suite.js'

const lease = (row: { readonly lease?: { readonly owner: string; readonly leaseUntil: number } }) =>
  row.lease === undefined ? {} : { leaseOwner: row.lease.owner, leaseUntil: row.lease.leaseUntil }

/** The memory store's tables read directly, never through its PaymentStore methods. */
const memoryRawReader = (tables: MemoryTables): RawReader => ({
  payment: (id) => {
    const row = tables.payments.get(id)
    if (row === undefined) return undefined
    const { paymentRequestId: _, snapshot, ...columns } = row
    return { ...columns, snapshotJson: JSON.stringify(snapshot) }
  },
  outbox: () =>
    [...tables.outbox.values()].map((row) => ({
      commandId: row.commandId,
      paymentRequestId: row.paymentRequestId,
      done: row.done,
      attempts: row.attempts,
      createdAt: row.createdAt,
      ...lease(row),
    })),
  timers: () =>
    [...tables.timers.values()].map((row) => ({
      paymentRequestId: row.paymentRequestId,
      timer: row.timer,
      dueAt: row.dueAt,
      ...lease(row),
    })),
  events: (id) =>
    (tables.events.get(id) ?? []).map((row) => ({
      version: row.version,
      from: row.from,
      to: row.to,
      eventJson: JSON.stringify(row.event),
    })),
  notifications: () => [
    ...[...tables.notifications.keys()].map((key) => ({ key, unmatched: false })),
    ...[...tables.unmatched.keys()].map((key) => ({ key, unmatched: true })),
  ],
  dump: () =>
    Object.entries(tables)
      .map(([name, table]) => `${name}\n${JSON.stringify([...(table as ReadonlyMap<string, unknown>).entries()])}`)
      .join('\n'),
})

testPaymentStore({
  name: 'memory',
  make: async () => {
    const memory = makeMemoryStore()
    return {
      store: memory.store,
      raw: memoryRawReader(memory.raw),
      makeSecondClient: async () => ({ store: makeMemoryStore({ shareTablesWith: memory.raw }).store }),
    }
  },
  capabilities: { concurrentWriters: true, leases: true },
  forbidden: ['4054695723100768', '123'],
  extra: ({ make }) => {
    it('keeps frozen rows, from which the engine restores a payment and steps on', async () => {
      const { store } = await make()
      const flow = cardFlow('PAY-MEM-1')
      await Effect.runPromise(store.create(flow.payment))
      for (const commit of flow.commits.slice(0, 4)) await Effect.runPromise(store.commit(commit))
      const stored = await Effect.runPromise(store.load('PAY-MEM-1'))
      expect(Object.isFrozen((stored?.snapshot as { context?: object } | undefined)?.context)).toBe(true)
      const restored = restorePayment(stored?.snapshot ?? flow.payment.snapshot)
      expect(stateOf(restored)).toBe('authorized')
      const next = applyEvent(restored, { type: 'CAPTURE', at: Date.UTC(2026, 10, 22, 13), captureRequestId: 'CAP-1' })
      expect(stateOf(next.snapshot)).toBe('capturing')
    })

    it('shares tables only with another memory store', () => {
      const foreign = makeMemoryStore().raw
      expect(() => makeMemoryStore({ shareTablesWith: { ...foreign } })).toThrow(TypeError)
    })
  },
})
