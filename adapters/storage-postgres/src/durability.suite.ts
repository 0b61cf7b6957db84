import { cardFlow } from '@paychart/testkit/store-conformance'
import { Effect } from 'effect'
import pg from 'pg'
import { expect, it, onTestFinished } from 'vitest'
import { DATABASE_URL, useFreshStore } from './postgres.fixtures.js'

const run = <A, E>(effect: Effect.Effect<A, E>) => Effect.runPromise(effect)

export const durabilityTests = (): void => {
  it('completes an outbox item with an asynchronous commit of its own, leaving every later transaction as configured', async () => {
    // One connection, so that what the completion set would show in the statement after it.
    const pool = new pg.Pool({ connectionString: DATABASE_URL, max: 1 })
    onTestFinished(() => pool.end())
    const { store, raw } = await useFreshStore({ pool })
    const flow = cardFlow('PAY-DURABLE')
    const [submit] = flow.commits
    const item = submit?.outbox[0]
    if (submit === undefined || item === undefined)
      throw new Error('the card flow starts with a submit that issues a command')
    await run(store.create(flow.payment))
    await run(store.commit(submit))
    const configured = (await pool.query('SHOW synchronous_commit')).rows[0]?.synchronous_commit
    await run(store.completeCommand(item.commandId))
    expect((await pool.query('SHOW synchronous_commit')).rows[0]?.synchronous_commit).toBe(configured)
    expect((await raw.outbox()).find((row) => row.commandId === item.commandId)?.done).toBe(true)
  })
}
