import type { Commit } from '@paychart/core/store'
import { cardFlow } from '@paychart/testkit/store-conformance'
import { Effect } from 'effect'
import { escapeIdentifier } from 'pg'
import { expect, it } from 'vitest'
import { useFreshStore } from './postgres.fixtures.js'

const run = <A, E>(effect: Effect.Effect<A, E>) => Effect.runPromise(effect)

/** A constraint added to one table, so that the commit's write to it fails after the others ran. */
const injections = [
  ['notifications', `CHECK (key <> 'PAYMENT_PENDING:poison')`],
  ['timers', `CHECK (timer <> 'reconcile')`],
  ['outbox', `CHECK (command_id NOT LIKE '%@3/%')`],
  ['payment_events', `CHECK (to_state <> 'awaitingCustomer')`],
] as const

export const atomicityTests = (): void => {
  it.each(injections)(
    'writes nothing of a commit whose write to %s fails midway, and reports StoreUnavailable',
    async (table, check) => {
      const { store, raw, client, schema } = await useFreshStore()
      const flow = cardFlow('PAY-AT-1')
      const [submit, payAnswered] = flow.commits
      if (submit === undefined || payAnswered === undefined) throw new Error('the card flow has two commits')
      await run(store.create(flow.payment))
      await run(store.commit(submit))
      const answer: Commit = { ...payAnswered, notificationKey: 'PAYMENT_PENDING:poison' }
      const target = `${escapeIdentifier(schema)}.${escapeIdentifier(table)}`
      await client.query(`ALTER TABLE ${target} ADD CONSTRAINT injected ${check}`)
      const before = await raw.dump()

      const failed = await run(Effect.flip(store.commit(answer)))
      expect(failed).toMatchObject({ _tag: 'StoreUnavailable', operation: 'commit' })
      expect(failed.message).toContain('23514')
      expect(failed.message).not.toContain('Failing row')
      expect(await raw.dump()).toBe(before)
      expect(await raw.payment('PAY-AT-1')).toMatchObject({ version: 2, state: 'submitting' })

      await client.query(`ALTER TABLE ${target} DROP CONSTRAINT injected`)
      expect(await run(store.commit(answer))).toMatchObject({ version: 3 })
      expect(await run(store.hasNotification('PAYMENT_PENDING:poison'))).toBe(true)
    },
  )
}

export const notificationKeyTests = (): void => {
  it('refuses a commit whose notification key another commit already carried: VersionConflict, nothing written', async () => {
    const { store, raw } = await useFreshStore()
    const flow = cardFlow('PAY-NK-1')
    const [submit, payAnswered, returned] = flow.commits
    if (submit === undefined || payAnswered === undefined || returned === undefined) throw new Error('a card flow')
    await run(store.create(flow.payment))
    await run(store.commit(submit))
    const key = 'PAYMENT_PENDING:PAY-NK-1:P-PAY-NK-1:PAYMENT_IN_PROCESS'
    await run(store.commit({ ...payAnswered, notificationKey: key }))
    const before = await raw.dump()
    // The same notification, handled elsewhere from the payment as it is now: it must not be applied twice.
    const again = await run(Effect.flip(store.commit({ ...returned, notificationKey: key })))
    expect(again).toMatchObject({ _tag: 'VersionConflict', expectedVersion: 3, actualVersion: 3 })
    expect(await raw.dump()).toBe(before)
    expect(await run(store.commit({ ...returned, notificationKey: `${key}:other` }))).toMatchObject({ version: 4 })
  })
}
