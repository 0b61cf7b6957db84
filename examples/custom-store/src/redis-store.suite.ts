import { randomUUID } from 'node:crypto'
import { collectDomainEvents, Engine, Gateway, PaymentStore } from '@paychart/core'
import type { OutboxItem } from '@paychart/core/store'
import { cardFlow, commitEvent, draftPayment, type StoreTestContext } from '@paychart/testkit/store-conformance'
import { Effect, Layer } from 'effect'
import { Redis } from 'ioredis'
import { expect, it, onTestFinished } from 'vitest'
import { openRedis } from './connection.js'
import { scanKeys } from './prefix-keys.js'
import { makeRedisStore } from './redis-store.js'
import { type RedisUnderTest, redisUnderTest } from './redis-under-test.fixtures.js'

const run = <A, E>(effect: Effect.Effect<A, E>): Promise<A> => Effect.runPromise(effect)
/** The error an effect fails with; a success or a defect rejects, so a test expecting an error fails on either. */
const failure = <A, E>(effect: Effect.Effect<A, E>): Promise<E> => Effect.runPromise(Effect.flip(effect))

const first = <T>(items: ReadonlyArray<T>, index = 0): T => {
  const item = items[index]
  if (item === undefined) throw new Error(`the test's data has no item ${index}`)
  return item
}

/** The driver's own tests: what only a Redis store can get wrong. */
export const redisExtraTests = (url: string) => (_context: StoreTestContext) => {
  const use = async (): Promise<RedisUnderTest> => {
    const made = await redisUnderTest(url)
    onTestFinished(() => made.cleanup?.())
    return made
  }

  it('writes nothing of a commit whose last write could not be done, and commits once it can', async () => {
    const { store, raw, direct, prefix } = await use()
    const flow = cardFlow('PAY-RD-1')
    await run(store.create(flow.payment))
    await run(store.commit(first(flow.commits)))
    const answer = first(flow.commits, 1)
    expect(answer.scheduleTimers.map((t) => t.timer)).toEqual(['reconcile'])
    // The reconcile timer's key holds a string: the commit's last group (timers set) cannot write it.
    const planted = `${prefix}timer:PAY-RD-1:reconcile`
    await direct.set(planted, 'not a hash')
    const before = await raw.dump()
    const error = await failure(store.commit(answer))
    expect(error).toMatchObject({ _tag: 'StoreUnavailable', operation: 'commit' })
    expect(error.message).toContain('WRONGTYPE')
    expect(await raw.dump()).toBe(before)
    expect(await raw.payment('PAY-RD-1')).toMatchObject({ version: 2, state: 'submitting' })
    await direct.del(planted)
    expect(await run(store.commit(answer))).toMatchObject({ version: 3, paymentId: 'P-PAY-RD-1' })
    expect((await raw.timers()).map((t) => t.timer).sort()).toEqual(['paymentExpiry', 'reconcile'])
  })

  it('keeps every key under its prefix: a store on another prefix sees none of it', async () => {
    const mine = await use()
    const other = await use()
    const id = `PAY-${randomUUID()}`
    const flow = cardFlow(id)
    await run(mine.store.create(flow.payment))
    for (const commit of flow.commits) await run(mine.store.commit(commit))
    await run(mine.store.claimCommands({ now: flow.payment.at, owner: 'relay', leaseMs: 1_000, limit: 10 }))
    await run(
      mine.store.recordUnmatchedNotification({
        key: `N-${id}`,
        receivedAt: 0,
        notifyType: 'PAYMENT_RESULT',
        body: '{}',
      }),
    )

    const everywhere = await scanKeys(mine.direct, `*${id}*`)
    expect(everywhere.length).toBeGreaterThan(3)
    expect(everywhere.filter((key) => !key.startsWith(mine.prefix))).toEqual([])

    const far = flow.payment.at + 365 * 24 * 3_600_000
    expect(await run(other.store.load(id))).toBeUndefined()
    expect(await run(other.store.find({ merchantReference: `ORDER-${id}` }))).toBeUndefined()
    expect(await run(other.store.find({ paymentId: `P-${id}` }))).toBeUndefined()
    expect(await run(other.store.claimCommands({ now: far, owner: 'other', leaseMs: 1_000, limit: 50 }))).toEqual([])
    expect(await run(other.store.claimTimers({ now: far, owner: 'other', leaseMs: 1_000, limit: 50 }))).toEqual([])
    expect(await run(other.store.hasNotification(`PAYMENT_RESULT:${id}:P-${id}`))).toBe(false)
    expect(await run(other.store.unmatchedNotifications())).toEqual([])
    expect(await other.raw.dump()).toBe('')
    expect(await run(mine.store.hasNotification(`PAYMENT_RESULT:${id}:P-${id}`))).toBe(true)
  })

  it('claims past a hundred leased commands, in order (the claim script reads the queue in batches)', async () => {
    const { store } = await use()
    const { payment, draft } = draftPayment({
      paymentRequestId: 'PAY-RD-3',
      amount: { currency: 'USD', minor: 100 },
      paymentMethodType: 'CARD',
    })
    await run(store.create(payment))
    const submit = commitEvent(draft, { type: 'SUBMIT', at: payment.at })
    const template = first(submit.commit.outbox)
    const outbox: OutboxItem[] = Array.from({ length: 130 }, (_, i) => ({
      ...template,
      commandId: `PAY-RD-3#${String(i).padStart(3, '0')}`,
      createdAt: payment.at + Math.floor(i / 2),
    }))
    await run(store.commit({ ...submit.commit, outbox: [...outbox].reverse() }))
    const claim = (owner: string, limit: number) =>
      run(store.claimCommands({ now: payment.at + 1_000, owner, leaseMs: 60_000, limit })).then((items) =>
        items.map((item) => item.commandId),
      )
    expect(await claim('relay-a', 115)).toEqual(outbox.slice(0, 115).map((item) => item.commandId))
    expect(await claim('relay-b', 10)).toEqual(outbox.slice(115, 125).map((item) => item.commandId))
    expect(await claim('relay-c', 10)).toEqual(outbox.slice(125).map((item) => item.commandId))
  })

  it('turns Redis errors into StoreUnavailable, never a defect', async () => {
    const { store, direct, prefix } = await use()
    await direct.set(`${prefix}payment:PAY-RD-4`, 'not a hash')
    expect(await failure(store.load('PAY-RD-4'))).toMatchObject({ _tag: 'StoreUnavailable', operation: 'load' })
    const flow = cardFlow('PAY-RD-4')
    expect(await failure(store.create(flow.payment))).toMatchObject({ _tag: 'StoreUnavailable', operation: 'create' })

    const closed = openRedis(url)
    await closed.quit()
    const lost = makeRedisStore({ redis: closed, prefix }).store
    const claim = { now: 0, owner: 'relay', leaseMs: 1_000, limit: 1 }
    for (const [operation, effect] of [
      ['load', lost.load('PAY-RD-4')],
      ['commit', lost.commit(first(flow.commits))],
      ['claimCommands', lost.claimCommands(claim)],
      ['claimTimers', lost.claimTimers(claim)],
      ['hasNotification', lost.hasNotification('N')],
    ] as const) {
      expect(await failure<unknown, unknown>(effect)).toMatchObject({ _tag: 'StoreUnavailable', operation })
    }
  })

  it('runs its scripts again after Redis lost its script cache (SCRIPT FLUSH)', async () => {
    const { store, direct, raw } = await use()
    const flow = cardFlow('PAY-RD-5')
    await run(store.create(flow.payment))
    await direct.script('FLUSH')
    await run(store.commit(first(flow.commits)))
    expect(await raw.payment('PAY-RD-5')).toMatchObject({ version: 2, state: 'submitting' })
  })

  it('carries a payment through the Engine, given as Layer.succeed(PaymentStore, store)', async () => {
    const { store, raw } = await use()
    const gateway = Layer.succeed(Gateway, {
      execute: () =>
        Effect.succeed({
          type: 'SESSION_ANSWERED' as const,
          at: Date.now(),
          result: { resultStatus: 'S' as const, resultCode: 'SUCCESS' },
          paymentSessionId: 'SESSION-RD-6',
        }),
    })
    const domain = collectDomainEvents()
    const engine = Engine.layer.pipe(
      Layer.provide(Layer.mergeAll(Layer.succeed(PaymentStore, store), gateway, domain.layer)),
    )
    const input = { paymentRequestId: 'PAY-RD-6', amount: { currency: 'EUR' as const, minor: 4_500 } }
    const status = await run(
      Engine.use((e) =>
        e.createPayment({
          ...input,
          flow: 'checkoutSession',
          requestDetails: { order: { buyer: { referenceBuyerId: 'BUYER-RD-6' } } },
        }),
      ).pipe(Effect.provide(engine)),
    )
    expect(status).toMatchObject({ state: 'awaitingCustomer', paymentSessionId: 'SESSION-RD-6' })
    expect(await run(store.find({ paymentSessionId: 'SESSION-RD-6' }))).toMatchObject({ paymentRequestId: 'PAY-RD-6' })
    expect((await run(store.events('PAY-RD-6'))).map((e) => e.event.type)).toEqual(['SUBMIT', 'SESSION_ANSWERED'])
    // The session call and the customerActionRequired event, each claimed inline and done.
    expect((await raw.outbox()).map((row) => [row.commandId, row.done, row.leaseOwner]).sort()).toEqual([
      ['PAY-RD-6#1', true, 'inline'],
      ['PAY-RD-6@3/0', true, 'inline'],
    ])
    expect(domain.published.map((p) => p.event.type)).toEqual(['customerActionRequired'])
  })

  it('refuses a client with an ioredis keyPrefix: its prefix would miss the keys the scripts build', () => {
    const client = new Redis(url, { keyPrefix: 'elsewhere:', lazyConnect: true })
    onTestFinished(() => client.disconnect())
    expect(() => makeRedisStore({ redis: client, prefix: 'paychart-test:' })).toThrow(TypeError)
  })
}
