import { Deferred, Effect, Layer } from 'effect'
import { describe, expect, it } from 'vitest'
import { CARD_DETAILS, defaultAnswers, fakeGateway, manualCardInput, usd } from '../engine/engine.fixtures.js'
import { IntentRejected } from '../engine/errors.js'
import { Gateway } from '../engine/gateway.js'
import type { DomainEvent } from '../machine/domain-events.js'
import { PaymentNotFound } from '../store/errors.js'
import { makeMemoryStore } from '../store/memory-store.js'
import { PaymentStore } from '../store/payment-store.js'
import { PaychartClosed } from './errors.js'
import { createPaychart } from './paychart.js'

const card = CARD_DETAILS
const input = manualCardInput

/** The memory store as a scoped layer that says when it was closed and counts the relay's claims. */
const observedStore = () => {
  const memory = makeMemoryStore()
  const seen = { closed: false, claims: 0 }
  const layer = Layer.effect(
    PaymentStore,
    Effect.acquireRelease(
      Effect.succeed({
        ...memory.store,
        claimTimers: (options: Parameters<typeof memory.store.claimTimers>[0]) => {
          seen.claims += 1
          return memory.store.claimTimers(options)
        },
      }),
      () =>
        Effect.sync(() => {
          seen.closed = true
        }),
    ),
  )
  return { layer, seen }
}

describe('createPaychart', () => {
  it('takes a card payment through 3DS, capture and refund as Promises, and tells the listener', async () => {
    const gateway = fakeGateway()
    const heard: Array<DomainEvent['type']> = []
    const paychart = createPaychart({
      gateway: gateway.layer,
      store: makeMemoryStore().layer,
      events: (_id, event) => void heard.push(event.type),
      relay: false,
    })
    await paychart.ready
    const created = await paychart.createPayment(input('PAY-1'), { card })
    expect(created.state).toBe('awaitingCustomer')
    expect(gateway.calls[0]).toMatchObject({ kind: 'pay', hadSecrets: true })
    expect((await paychart.customerReturned('PAY-1')).state).toBe('authorized')
    expect((await paychart.capture('PAY-1')).state).toBe('captured')
    const refunded = await paychart.refund('PAY-1', { amount: usd(400) })
    expect(refunded.refunded).toEqual(usd(400))
    expect(heard).toContain('readyToShip')
    await paychart.close()
  })

  it('rejects with the typed error itself', async () => {
    const paychart = createPaychart({ gateway: fakeGateway().layer, store: makeMemoryStore().layer, relay: false })
    const missing = await paychart.status('NOPE').catch((error: unknown) => error)
    expect(missing).toBeInstanceOf(PaymentNotFound)
    await paychart.createPayment(input('PAY-2'), { card })
    const tooMuch = await paychart.refund('PAY-2', { amount: usd(1) }).catch((error: unknown) => error)
    expect(tooMuch).toBeInstanceOf(IntentRejected)
    expect(tooMuch).toMatchObject({ _tag: 'IntentRejected', paymentRequestId: 'PAY-2' })
    await paychart.close()
  })

  it('rejects ready, and each call, with the error of a layer that cannot build', async () => {
    class BadKey extends Error {}
    const gateway = Layer.effect(Gateway, Effect.die(new BadKey('the merchant key does not import')))
    const paychart = createPaychart({ gateway, store: makeMemoryStore().layer })
    await expect(paychart.ready).rejects.toBeInstanceOf(BadKey)
    await expect(paychart.status('PAY-3')).rejects.toBeInstanceOf(BadKey)
    await paychart.close()
  })

  it('goes on when the event listener throws, and answers timeline, relay passes and notifications', async () => {
    const paychart = createPaychart({
      gateway: fakeGateway().layer,
      store: makeMemoryStore().layer,
      events: () => {
        throw new Error('the listener is down')
      },
      relay: false,
    })
    expect((await paychart.createPayment(input('PAY-5'), { card })).state).toBe('awaitingCustomer')
    expect((await paychart.timeline('PAY-5')).map((entry) => entry.event.type)).toEqual(['SUBMIT', 'PAY_ANSWERED'])
    expect(await paychart.runRelay()).toMatchObject({ commands: 0, timers: 0 })
    const notification = {
      type: 'PAYMENT_NOTIFIED',
      at: Date.now(),
      notifyType: 'PAYMENT_RESULT',
      result: { resultStatus: 'S', resultCode: 'SUCCESS' },
      paymentRequestId: 'NOBODY',
    } as const
    expect(await paychart.handleNotification(notification, { notificationKey: 'k-1', body: '{}' })).toBe('unmatched')
    await paychart.close()
    const closed = await paychart.status('PAY-5').catch((error: unknown) => error)
    expect(closed).toBeInstanceOf(PaychartClosed)
    expect(String((closed as Error).message)).toBe('paychart is closed: the call was not made')
  })

  it('shuts down gracefully: calls in flight finish, then the relay stops and the store closes', async () => {
    const answer = Effect.runSync(Deferred.make<void>())
    const entered = Effect.runSync(Deferred.make<void>())
    const slow = Layer.succeed(Gateway, {
      execute: (command, secrets) =>
        Effect.gen(function* () {
          yield* Deferred.succeed(entered, undefined)
          yield* Deferred.await(answer)
          return { ...defaultAnswers[command.kind](command, secrets), at: Date.now() } as never
        }),
    })
    const store = observedStore()
    const paychart = createPaychart({ gateway: slow, store: store.layer, relay: { every: '10 millis' } })
    await paychart.ready
    const inFlight = paychart.createPayment(input('PAY-4'), { card })
    await Effect.runPromise(Deferred.await(entered))
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(store.seen.claims).toBeGreaterThan(0)

    let closed = false
    const closing = paychart.close().then(() => {
      closed = true
    })
    await expect(paychart.status('PAY-4')).rejects.toBeInstanceOf(PaychartClosed)
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(closed).toBe(false)
    expect(store.seen.closed).toBe(false)

    Effect.runSync(Deferred.succeed(answer, undefined))
    expect((await inFlight).state).toBe('awaitingCustomer')
    await closing
    expect(store.seen.closed).toBe(true)
    const claimsAtClose = store.seen.claims
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(store.seen.claims).toBe(claimsAtClose)
    expect(paychart.close()).toBe(paychart.close())
  })
})
