import * as Effect from 'effect/Effect'
import * as Exit from 'effect/Exit'
import * as Layer from 'effect/Layer'
import { describe, expect, it } from 'vitest'
import { makeMemoryStore } from '../store/memory-store.js'
import { DomainEvents } from './domain-events.js'
import { Engine } from './engine.js'
import { Gateway } from './gateway.js'

const paidAtOnce = Layer.succeed(Gateway, {
  execute: (command) =>
    Effect.sync(() => ({
      type: 'PAY_ANSWERED' as const,
      at: Date.now(),
      result: { resultStatus: 'S' as const, resultCode: 'SUCCESS' },
      paymentId: `P-${command.idempotencyKey}`,
    })),
})

describe('publishing domain events inline', () => {
  it('marks done the events published before one whose publisher dies: only that one is published again', async () => {
    const memory = makeMemoryStore()
    const heard: string[] = []
    // A DomainEvents of the merchant's own that dies on one event (createPaychart's `events` logs a listener's
    // failure instead): the commit stands, and the relay publishes what was not marked done.
    const dying = Layer.succeed(DomainEvents, {
      publish: (_id, event) =>
        Effect.suspend(() => {
          heard.push(event.type)
          return event.type === 'readyToShip' ? Effect.die(new Error('the merchant publisher died')) : Effect.void
        }),
    })
    const layer = Engine.layer.pipe(Layer.provide(Layer.mergeAll(memory.layer, paidAtOnce, dying)))
    const exit = await Effect.runPromiseExit(
      Effect.flatMap(Effect.service(Engine), (engine) =>
        engine.createPayment({
          paymentRequestId: 'PAY-PUB-1',
          amount: { currency: 'USD', minor: 500 },
          paymentMethodType: 'ALIPAY_CN',
        }),
      ).pipe(Effect.provide(layer)),
    )
    expect(Exit.isFailure(exit)).toBe(true)
    expect(heard).toEqual(['succeeded', 'readyToShip'])
    const published = [...memory.raw.outbox.values()].flatMap((row) =>
      row.command.kind === 'publish' ? [[row.command.event.type, row.done] as const] : [],
    )
    expect(Object.fromEntries(published)).toEqual({ succeeded: true, readyToShip: false })
  })
})
