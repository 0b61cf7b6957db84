import { Effect } from 'effect'
import { describe, expect, it } from 'vitest'
import { cardSecrets, failed, type GatewayCall, harness, inProcess, ok, usd } from './engine.fixtures.js'
import { Engine } from './engine.js'
import type { AttemptInput } from './engine-api.js'

const cardAttempt = (overrides: Partial<AttemptInput> = {}): AttemptInput => ({
  amount: usd(5_000),
  paymentMethodType: 'CARD',
  ...overrides,
})
const payIds = (calls: ReadonlyArray<GatewayCall>) => calls.filter((c) => c.kind === 'pay').map((c) => c.idempotencyKey)

/** The buyer is sent to the wallet's page: the attempt stays open. */
const walletPending = () =>
  ({
    type: 'PAY_ANSWERED',
    result: inProcess,
    paymentId: 'P-W',
    nextAction: { kind: 'redirect', url: 'https://wallet.example' },
  }) as const

/** Declines the first pay with `code`, then lets every later pay succeed at once. */
const declineFirst = (code: string) => {
  let pays = 0
  return {
    pay: () =>
      pays++ === 0
        ? { type: 'PAY_ANSWERED' as const, result: failed(code) }
        : { type: 'PAY_ANSWERED' as const, result: ok, paymentId: `P-${pays}` },
  }
}

describe('an order and its attempts', () => {
  it('a declined card is tried again on the same order, under a new paymentRequestId', async () => {
    const h = harness({ answers: declineFirst('CARD_NOT_SUPPORTED') })
    const result = await h.run(
      Effect.gen(function* () {
        const engine = yield* Engine
        const first = yield* engine.startAttempt('ORD-1', cardAttempt(), cardSecrets())
        const between = yield* engine.order('ORD-1')
        const second = yield* engine.startAttempt('ORD-1', cardAttempt(), cardSecrets())
        const after = yield* engine.order('ORD-1')
        const third = yield* Effect.flip(engine.startAttempt('ORD-1', cardAttempt(), cardSecrets()))
        return { first, between, second, after, third }
      }),
    )
    expect(result.first).toMatchObject({
      paymentRequestId: 'ORD-1-attempt-1',
      state: 'failed',
      merchantReference: 'ORD-1',
      order: { orderReference: 'ORD-1', attempt: 1 },
    })
    expect(result.between).toMatchObject({
      state: 'retryable',
      next: { attempt: 2, paymentRequestId: 'ORD-1-attempt-2', requires3ds: false },
    })
    expect(result.second).toMatchObject({ paymentRequestId: 'ORD-1-attempt-2', state: 'capturing' })
    expect(result.after).toMatchObject({ state: 'paid', charged: ['ORD-1-attempt-2'] })
    expect(result.after.next).toBeUndefined()
    expect(result.third).toMatchObject({
      _tag: 'OrderAttemptRefused',
      reason: 'paid',
      paymentRequestId: 'ORD-1-attempt-2',
    })
    expect(payIds(h.gateway.calls)).toEqual(['ORD-1-attempt-1', 'ORD-1-attempt-2'])
  })

  it('after AUTHENTICATION_REQUIRED the next attempt asks for 3D Secure', async () => {
    const h = harness({ answers: declineFirst('AUTHENTICATION_REQUIRED') })
    await h.run(
      Effect.gen(function* () {
        const engine = yield* Engine
        yield* engine.startAttempt('ORD-3DS', cardAttempt(), cardSecrets())
        yield* engine.startAttempt(
          'ORD-3DS',
          cardAttempt({ requestDetails: { order: { orderDescription: 'tea' } } }),
          cardSecrets(),
        )
      }),
    )
    const [first, second] = h.gateway.calls.filter((c) => c.kind === 'pay').map((c) => c.command)
    const detailsOf = (command: unknown) => (command as { requestDetails?: Record<string, unknown> }).requestDetails
    expect(detailsOf(first)?.paymentMethod).toBeUndefined()
    expect(detailsOf(second)).toMatchObject({
      order: { orderDescription: 'tea' },
      paymentMethod: { paymentMethodMetaData: { is3DSAuthentication: true } },
    })
  })

  it('no new attempt while one may still succeed; the buyer choosing another way cancels it first', async () => {
    const h = harness({
      answers: {
        pay: walletPending,
      },
    })
    const result = await h.run(
      Effect.gen(function* () {
        const engine = yield* Engine
        const wallet = yield* engine.startAttempt('ORD-W', { amount: usd(5_000), paymentMethodType: 'ALIPAY_CN' })
        const refused = yield* Effect.flip(engine.startAttempt('ORD-W', cardAttempt(), cardSecrets()))
        const replaced = yield* engine.startAttempt('ORD-W', cardAttempt(), cardSecrets(), { replaceOpen: true })
        return { wallet, refused, replaced, order: yield* engine.order('ORD-W') }
      }),
    )
    expect(result.wallet.state).toBe('awaitingCustomer')
    expect(result.refused).toMatchObject({
      _tag: 'OrderAttemptRefused',
      reason: 'attemptOpen',
      paymentRequestId: 'ORD-W-attempt-1',
    })
    expect(result.replaced.paymentRequestId).toBe('ORD-W-attempt-2')
    expect(result.order.attempts.map((a) => a.state)).toEqual(['cancelled', 'awaitingCustomer'])
    // The cancel reached the gateway before the second pay.
    expect(h.gateway.calls.map((c) => [c.kind, c.idempotencyKey])).toEqual([
      ['pay', 'ORD-W-attempt-1'],
      ['cancel', 'ORD-W-attempt-1'],
      ['pay', 'ORD-W-attempt-2'],
    ])
  })

  it('a cancel whose outcome is not known leaves the open attempt standing: nothing new starts', async () => {
    const h = harness({
      answers: {
        pay: walletPending,
        cancel: () => ({ type: 'CANCEL_ANSWERED', result: { resultStatus: 'U', resultCode: 'UNKNOWN_EXCEPTION' } }),
      },
    })
    const refused = await h.run(
      Effect.gen(function* () {
        const engine = yield* Engine
        yield* engine.startAttempt('ORD-U', { amount: usd(5_000), paymentMethodType: 'ALIPAY_CN' })
        return yield* Effect.flip(engine.startAttempt('ORD-U', cardAttempt(), cardSecrets(), { replaceOpen: true }))
      }),
    )
    expect(refused).toMatchObject({ _tag: 'OrderAttemptRefused', reason: 'attemptOpen' })
    expect(payIds(h.gateway.calls)).toEqual(['ORD-U-attempt-1'])
  })

  it('two processes starting the same attempt at once: one pay, the other refused', async () => {
    const h = harness({
      answers: {
        pay: () => ({
          type: 'PAY_ANSWERED',
          result: inProcess,
          paymentId: 'P-1',
          nextAction: { kind: 'threeDS', url: 'https://acs.example' },
        }),
      },
    })
    const results = await h.run(
      Effect.gen(function* () {
        const engine = yield* Engine
        return yield* Effect.all(
          [0, 1].map(() => Effect.result(engine.startAttempt('ORD-R', cardAttempt(), cardSecrets()))),
          { concurrency: 'unbounded' },
        )
      }),
    )
    expect(results.map((r) => r._tag).sort()).toEqual(['Failure', 'Success'])
    expect(payIds(h.gateway.calls)).toEqual(['ORD-R-attempt-1'])
  })

  it('refuses an attempt for another amount, and a reference too long for its attempts, naming the field', async () => {
    const h = harness({ answers: declineFirst('CARD_NOT_SUPPORTED') })
    const result = await h.run(
      Effect.gen(function* () {
        const engine = yield* Engine
        yield* engine.startAttempt('ORD-A', cardAttempt(), cardSecrets())
        const amount = yield* Effect.flip(
          engine.startAttempt('ORD-A', cardAttempt({ amount: usd(4_000) }), cardSecrets()),
        )
        const long = yield* Effect.flip(engine.startAttempt('O'.repeat(60), cardAttempt(), cardSecrets()))
        return { amount, long }
      }),
    )
    expect(result.amount).toMatchObject({
      _tag: 'PaymentInputInvalid',
      field: 'amount',
      paymentRequestId: 'ORD-A-attempt-2',
    })
    expect(result.long).toMatchObject({ _tag: 'PaymentInputInvalid', field: 'orderReference' })
    expect(payIds(h.gateway.calls)).toEqual(['ORD-A-attempt-1'])
  })

  it('stops at maxOrderAttempts', async () => {
    const h = harness({
      answers: { pay: () => ({ type: 'PAY_ANSWERED', result: failed('CARD_NOT_SUPPORTED') }) },
      engine: { maxOrderAttempts: 2 },
    })
    const result = await h.run(
      Effect.gen(function* () {
        const engine = yield* Engine
        yield* engine.startAttempt('ORD-X', cardAttempt(), cardSecrets())
        yield* engine.startAttempt('ORD-X', cardAttempt(), cardSecrets())
        return {
          refused: yield* Effect.flip(engine.startAttempt('ORD-X', cardAttempt(), cardSecrets())),
          order: yield* engine.order('ORD-X'),
        }
      }),
    )
    expect(result.refused).toMatchObject({ reason: 'exhausted', paymentRequestId: 'ORD-X-attempt-2' })
    expect(result.order.state).toBe('exhausted')
  })
})
