import type { PaymentStoreShape } from '@paychart/core/store'
import { cardFlow } from '@paychart/testkit/store-conformance'
import * as Effect from 'effect/Effect'
import { describe, expect, it, onTestFinished } from 'vitest'
import { tempDatabase, useConnection, useSqliteStore } from './sqlite.fixtures.js'
import { openSqliteStore } from './sqlite-store.js'

const run = <A, E>(effect: Effect.Effect<A, E>) => Effect.runPromise(effect)
const failure = <A, E>(effect: Effect.Effect<A, E>) => Effect.runPromise(Effect.flip(effect))

/** Every operation of the store, with arguments that would succeed on an open, empty store. */
const everyOperation = (store: PaymentStoreShape) => {
  const flow = cardFlow('PAY-AT-CLOSED')
  const [submit] = flow.commits
  if (submit === undefined) throw new Error('the card flow starts with a submit')
  const claim = { now: 0, owner: 'relay', leaseMs: 1_000, limit: 5 }
  return {
    create: store.create(flow.payment),
    load: store.load('PAY-AT-CLOSED'),
    commit: store.commit(submit),
    find: store.find({ merchantReference: 'ORDER-1' }),
    events: store.events('PAY-AT-CLOSED'),
    claimCommands: store.claimCommands(claim),
    claimCommand: store.claimCommand('PAY-AT-CLOSED#1', claim),
    completeCommand: store.completeCommand('PAY-AT-CLOSED#1'),
    claimTimers: store.claimTimers(claim),
    pendingTimers: store.pendingTimers('PAY-AT-CLOSED'),
    hasNotification: store.hasNotification('key'),
    recordUnmatchedNotification: store.recordUnmatchedNotification({
      key: 'key',
      receivedAt: 0,
      notifyType: 'PAYMENT_RESULT',
      body: '{}',
    }),
    unmatchedNotifications: store.unmatchedNotifications(),
  }
}

export const atomicityTests = () =>
  describe('atomicity and driver failures', () => {
    it('writes nothing of a commit that fails at its last write inside the transaction', async () => {
      const { store, raw, filename } = await useSqliteStore()
      const flow = cardFlow('PAY-AT-1')
      await run(store.create(flow.payment))
      for (const commit of flow.commits.slice(0, -1)) await run(store.commit(commit))
      const last = flow.commits.at(-1)
      if (last?.notificationKey === undefined) throw new Error('the card flow ends with a notification')
      const saboteur = useConnection(filename)
      // The notification key is the commit's last write: everything before it has run when this aborts.
      saboteur.exec(`CREATE TRIGGER sabotage BEFORE INSERT ON notifications
        BEGIN SELECT RAISE(ABORT, 'injected failure'); END`)
      const before = await raw.dump()
      const error = await failure(store.commit(last))
      expect(error).toMatchObject({ _tag: 'StoreUnavailable', operation: 'commit' })
      expect(error.message).toContain('injected failure')
      expect(await raw.dump()).toBe(before)
      expect(await run(store.load('PAY-AT-1'))).toMatchObject({ version: last.expectedVersion })
      saboteur.exec('DROP TRIGGER sabotage')
      expect(await run(store.commit(last))).toMatchObject({ version: last.expectedVersion + 1, state: 'captured' })
      expect(await run(store.hasNotification(last.notificationKey))).toBe(true)
    })

    it('fails every operation with StoreUnavailable, never a defect, once the connection is closed', async () => {
      const temp = tempDatabase()
      onTestFinished(temp.remove)
      const opened = openSqliteStore({ filename: temp.filename })
      opened.close()
      opened.close()
      for (const [name, operation] of Object.entries(everyOperation(opened.store))) {
        const exit = await Effect.runPromise(Effect.exit(operation as Effect.Effect<unknown, unknown>))
        expect(exit._tag, name).toBe('Failure')
        const error = await failure(operation as Effect.Effect<unknown, { readonly _tag: string }>)
        expect(error, name).toMatchObject({ _tag: 'StoreUnavailable', operation: name })
      }
    })
  })
