import { cardFlow } from '@paychart/testkit/store-conformance'
import { Effect } from 'effect'
import pg from 'pg'
import { expect, it, onTestFinished } from 'vitest'
import { DATABASE_URL, type FreshStore, useFreshStore } from './postgres.fixtures.js'

const run = <A, E>(effect: Effect.Effect<A, E>) => Effect.runPromise(effect)

/** A payment submitted, its `pay` issued: the item a completion marks done. */
const submitted = async ({ store }: FreshStore, paymentRequestId: string) => {
  const flow = cardFlow(paymentRequestId)
  const [submit] = flow.commits
  const item = submit?.outbox[0]
  if (submit === undefined || item === undefined)
    throw new Error('the card flow starts with a submit that issues a command')
  await run(store.create(flow.payment))
  await run(store.commit(submit))
  return { flow, commandId: item.commandId }
}

const isDone = async ({ raw }: FreshStore, commandId: string) =>
  (await raw.outbox()).find((row) => row.commandId === commandId)?.done

export const durabilityTests = (): void => {
  it('writes a completion no commit carried with an asynchronous commit of its own, leaving every later transaction as configured', async () => {
    // One connection, so that what the completion set would show in the statement after it.
    const pool = new pg.Pool({ connectionString: DATABASE_URL, max: 1 })
    onTestFinished(() => pool.end())
    const fresh = await useFreshStore({ pool, completionRideMs: 60_000 })
    const { commandId } = await submitted(fresh, 'PAY-DURABLE')
    const configured = (await pool.query('SHOW synchronous_commit')).rows[0]?.synchronous_commit
    await run(fresh.store.completeCommand(commandId))
    expect(await isDone(fresh, commandId)).toBe(false)
    await fresh.opened.flushCompletions()
    expect((await pool.query('SHOW synchronous_commit')).rows[0]?.synchronous_commit).toBe(configured)
    expect(await isDone(fresh, commandId)).toBe(true)
  })

  it('lets a completion ride with the next commit of any payment, even one that loses its compare-and-set', async () => {
    const fresh = await useFreshStore({ completionRideMs: 60_000 })
    const first = await submitted(fresh, 'PAY-RIDES-1')
    const second = await submitted(fresh, 'PAY-RIDES-2')
    await run(fresh.store.completeCommand(first.commandId))
    const [, answered] = second.flow.commits
    if (answered === undefined) throw new Error('the card flow answers its pay')
    await run(fresh.store.commit(answered))
    expect(await isDone(fresh, first.commandId)).toBe(true)

    await run(fresh.store.completeCommand(second.commandId))
    const stale = await run(Effect.flip(fresh.store.commit(answered)))
    expect(stale._tag).toBe('VersionConflict')
    expect(await isDone(fresh, second.commandId)).toBe(true)
  })

  it('writes alone, within its ride time, a completion no commit carried', async () => {
    const fresh = await useFreshStore({ completionRideMs: 20 })
    const { commandId } = await submitted(fresh, 'PAY-ALONE')
    await run(fresh.store.completeCommand(commandId))
    await expect.poll(() => isDone(fresh, commandId), { timeout: 5_000, interval: 20 }).toBe(true)
  })

  it('writes the held completions on close, over a pool it leaves open', async () => {
    const pool = new pg.Pool({ connectionString: DATABASE_URL, max: 2 })
    onTestFinished(() => pool.end())
    const fresh = await useFreshStore({ pool, completionRideMs: 60_000 })
    const { commandId } = await submitted(fresh, 'PAY-CLOSED')
    await run(fresh.store.completeCommand(commandId))
    await fresh.opened.close()
    expect(await isDone(fresh, commandId)).toBe(true)
    expect((await pool.query('SELECT 1 AS one')).rows[0]?.one).toBe(1)
  })

  it('counts a held completion as done in the backlog', async () => {
    const fresh = await useFreshStore({ completionRideMs: 60_000 })
    const { commandId } = await submitted(fresh, 'PAY-BACKLOG')
    const before = await run(fresh.store.backlog({ now: Date.now(), unknownOutcome: [] }))
    await run(fresh.store.completeCommand(commandId))
    const after = await run(fresh.store.backlog({ now: Date.now(), unknownOutcome: [] }))
    expect(after.pendingCommands.count).toBe(before.pendingCommands.count - 1)
  })

  it('rejects a ride time that is not a whole number of milliseconds', async () => {
    await expect(useFreshStore({ completionRideMs: -1 })).rejects.toThrow(/completionRideMs/)
  })
}
