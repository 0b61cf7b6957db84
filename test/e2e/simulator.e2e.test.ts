import { Engine, IntentRejected, type PaymentInput } from '@paychart/core'
import { generateSimulatorKeys, MINUTE, OTP_WALLET, type SimulatorKeys } from '@paychart/testkit'
import { Cause, Effect, Exit, Redacted } from 'effect'
import { type SetupServerApi, setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  agreesWithSimulator,
  cardInput,
  cardNumber,
  cardSecrets,
  leakedCards,
  makeWorld,
  methodInput,
  sessionInput,
  usd,
  type World,
  type WorldOptions,
} from './support.js'

// The real Engine, the real antomGateway and fetch transport, the simulator behind msw, notifications signed,
// delivered, verified and decoded in-process.

const SUCCESS = cardNumber('success (sandbox)')
const DECLINE = cardNumber('decline (sandbox)')
const THREE_DS = cardNumber('3DS challenge')

let keys: SimulatorKeys
let server: SetupServerApi
beforeAll(async () => {
  keys = await generateSimulatorKeys()
  server = setupServer()
  server.listen({ onUnhandledRequest: 'error' })
})
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

const world = (options?: WorldOptions): World => makeWorld(server, keys, options)

/** After every scenario: local and simulator agree, and no card number is stored on either side. */
const settled = async (w: World, paymentRequestId: string) => {
  const local = await w.status(paymentRequestId)
  expect(agreesWithSimulator(local, w.simulator)).toEqual([])
  expect(leakedCards(w)).toEqual([])
  return local
}

const endpoints = (w: World) => w.simulator.calls().map((c) => c.endpoint)

describe('e2e: engine + antomGateway + fetch + simulator (msw)', () => {
  it('card, automatic capture: readyToShip after CAPTURE_RESULT', async () => {
    const w = world()
    const first = await w.run(
      Engine.use((e) => e.createPayment(cardInput('E2E-AUTO', 'AUTOMATIC'), cardSecrets(SUCCESS))),
    )
    expect(first.state).toBe('capturing')
    expect(w.domain.published.map((p) => p.event.type)).not.toContain('readyToShip')
    await w.deliverAll()
    expect(w.received).toEqual(['PAYMENT_RESULT', 'CAPTURE_RESULT'])
    const local = await settled(w, 'E2E-AUTO')
    expect(local.state).toBe('captured')
    expect(local.captured).toEqual(usd(1_099))
    expect(w.domain.published.map((p) => p.event.type)).toContain('readyToShip')
  })

  it('card, manual capture, then capture', async () => {
    const w = world()
    const authorized = await w.run(
      Engine.use((e) => e.createPayment(cardInput('E2E-MANUAL', 'MANUAL'), cardSecrets(SUCCESS))),
    )
    expect(authorized.state).toBe('authorized')
    // What the gateway told of the card reaches the merchant: never its number, a BIN and the last four at most.
    expect(authorized.card).toEqual({
      brand: 'VISA',
      bin: SUCCESS.slice(0, 6),
      lastFour: SUCCESS.slice(-4),
      issuingCountry: 'US',
      funding: 'CREDIT',
      // No billing address was sent: AVS could not be checked.
      avsResult: 'U',
      cvvResult: 'M',
      networkTransactionId: `NTI${authorized.paymentId}`,
    })
    await w.deliverAll()
    await settled(w, 'E2E-MANUAL')
    const captured = await w.run(Engine.use((e) => e.capture('E2E-MANUAL')))
    expect(captured.state).toBe('captured')
    await w.deliverAll()
    const local = await settled(w, 'E2E-MANUAL')
    expect(local.captured).toEqual(usd(1_099))
    expect(endpoints(w)).toEqual(['pay', 'capture'])
  })

  it('a saved card: the token of a first payment pays a second one with no card data and no CVV', async () => {
    const w = world()
    const withOptions = (input: PaymentInput, paymentMethod: object): PaymentInput => ({
      ...input,
      requestDetails: { ...input.requestDetails, paymentMethod: { paymentMethodType: 'CARD', ...paymentMethod } },
    })
    const billingAddress = { region: 'US', zipCode: '62701', address1: '1 Main St' }
    const first = await w.run(
      Engine.use((e) =>
        e.createPayment(
          withOptions(cardInput('E2E-SAVE', 'AUTOMATIC'), {
            paymentMethodMetaData: { tokenizeMode: 'ENABLED', billingAddress },
          }),
          cardSecrets(SUCCESS),
        ),
      ),
    )
    expect(first.card).toMatchObject({ avsResult: 'Y', cvvResult: 'M', cardToken: expect.stringMatching(/^SIMTOKEN/) })
    const second = await w.run(
      Engine.use((e) =>
        e.createPayment(
          withOptions(cardInput('E2E-SAVED', 'AUTOMATIC'), {
            paymentMethodId: first.card?.cardToken,
            paymentMethodMetaData: { isCardOnFile: true },
          }),
        ),
      ),
    )
    await w.deliverAll()
    expect((await settled(w, 'E2E-SAVED')).state).toBe('captured')
    expect(second.card).toMatchObject({ lastFour: SUCCESS.slice(-4), avsResult: 'U', cvvResult: 'U' })
    expect(second.card?.cardToken).toBeUndefined()
  })

  it('3DS challenge: completeChallenge, customerReturned → authorized', async () => {
    const w = world()
    const challenged = await w.run(
      Engine.use((e) => e.createPayment(cardInput('E2E-3DS', 'MANUAL'), cardSecrets(THREE_DS))),
    )
    expect(challenged.state).toBe('awaitingCustomer')
    expect(challenged.customerAction?.kind).toBe('threeDS')
    expect(w.simulator.completeChallenge(challenged.paymentId ?? '', 'pass').ok).toBe(true)
    const returned = await w.run(Engine.use((e) => e.customerReturned('E2E-3DS')))
    expect(returned.state).toBe('authorized')
    expect(returned.card).toMatchObject({ threeDS: { version: '2.2.0', eci: '05', type: 'THREE_DS_2' } })
    await w.deliverAll()
    await settled(w, 'E2E-3DS')
  })

  it('wallet redirect: completeWallet → notification → captured', async () => {
    const w = world()
    const redirected = await w.run(Engine.use((e) => e.createPayment(methodInput('E2E-WALLET', 'ALIPAY_CN'))))
    expect(redirected.state).toBe('awaitingCustomer')
    expect(w.simulator.completeWallet(redirected.paymentId ?? '', 'pass').ok).toBe(true)
    await w.deliverAll()
    expect(w.received).toContain('PAYMENT_RESULT')
    const local = await settled(w, 'E2E-WALLET')
    expect(local.state).toBe('captured')
  })

  describe('OTP', () => {
    const start = async (id: string) => {
      const w = world()
      const awaiting = await w.run(Engine.use((e) => e.createPayment(methodInput(id, OTP_WALLET))))
      expect(awaiting.state).toBe('awaitingOtp')
      return w
    }
    const otp = (w: World, id: string, verifyRequestId: string, code: string) =>
      w.run(Engine.use((e) => e.submitOtp(id, verifyRequestId, Redacted.make(code))))

    it('the right code pays', async () => {
      const w = await start('E2E-OTP-OK')
      const paid = await otp(w, 'E2E-OTP-OK', 'V-1', w.simulator.config.otpCode)
      expect(paid.state).toBe('captured')
      await w.deliverAll()
      await settled(w, 'E2E-OTP-OK')
      expect(JSON.stringify(w.simulator.snapshot())).not.toContain(w.simulator.config.otpCode)
    })

    it('a wrong code asks again (VERIFY_UNMATCHED), then the right one pays', async () => {
      const w = await start('E2E-OTP-WRONG')
      const wrong = await otp(w, 'E2E-OTP-WRONG', 'V-1', '000000')
      expect(wrong.state).toBe('awaitingOtp')
      await settled(w, 'E2E-OTP-WRONG')
      const paid = await otp(w, 'E2E-OTP-WRONG', 'V-2', w.simulator.config.otpCode)
      expect(paid.state).toBe('captured')
      await w.deliverAll()
      await settled(w, 'E2E-OTP-WRONG')
    })

    it('too many wrong codes fail the payment (VERIFY_TIMES_EXCEED_LIMIT)', async () => {
      const w = await start('E2E-OTP-LIMIT')
      for (let i = 1; i <= w.simulator.config.otpMaxAttempts; i++) await otp(w, 'E2E-OTP-LIMIT', `V-${i}`, '000000')
      // Finding: the VERIFY_TIMES_EXCEED_LIMIT answer alone leaves the payment awaitingOtp; the PAYMENT_RESULT
      // notification below is what fails it.
      expect(w.simulator.calls().at(-1)?.result?.resultCode).toBe('VERIFY_TIMES_EXCEED_LIMIT')
      await w.deliverAll()
      const local = await settled(w, 'E2E-OTP-LIMIT')
      expect(local.state).toBe('failed')
    })

    it('a code after the OTP window fails the payment (EXPIRED_CODE)', async () => {
      const w = await start('E2E-OTP-EXPIRED')
      w.clock.advance(w.simulator.config.otpWindowMs + 1_000)
      const late = await otp(w, 'E2E-OTP-EXPIRED', 'V-1', w.simulator.config.otpCode)
      expect(late.state).toBe('failed')
      expect(late.failure?.code).toBe('EXPIRED_CODE')
      await w.deliverAll()
      await settled(w, 'E2E-OTP-EXPIRED')
    })
  })

  it('Checkout Page session: completeCheckout → notifications → captured', async () => {
    const w = world()
    const session = await w.run(Engine.use((e) => e.createPayment(sessionInput('E2E-SESSION'))))
    expect(session.state).toBe('awaitingCustomer')
    const sessionId = session.paymentSessionId ?? ''
    // What the merchant's page needs, through the engine: the SDK's data, the hosted page, the session's expiry.
    const remote = w.simulator.session(sessionId)
    expect(session.customerAction).toEqual({
      kind: 'checkoutPage',
      paymentSessionId: sessionId,
      paymentSessionData: expect.stringContaining(sessionId),
      expiresAt: remote?.expiresAt,
      url: expect.stringMatching(new RegExp(`/sim/checkout/${sessionId}$`)),
    })
    expect(w.simulator.completeCheckout(sessionId, { method: 'CARD', card: SUCCESS }).ok).toBe(true)
    await w.deliverAll()
    expect(w.received).toEqual(['PAYMENT_RESULT', 'CAPTURE_RESULT'])
    const local = await settled(w, 'E2E-SESSION')
    expect(local.state).toBe('captured')
  })

  it('Checkout Page session: open until it expires, then the order starts a new attempt with a new session', async () => {
    const w = world()
    const { paymentRequestId: _unused, ...attempt } = sessionInput('unused')
    const first = await w.run(Engine.use((e) => e.startAttempt('E2E-SESSION-ORDER', attempt)))
    const firstSession = first.paymentSessionId ?? ''
    const expiresAt = w.simulator.session(firstSession)?.expiresAt ?? 0
    // Before its expiry the same session is the page to open again; the order refuses a second attempt.
    w.clock.advance(expiresAt - w.clock.now() - 60_000)
    await w.relay()
    expect((await w.status(first.paymentRequestId)).customerAction).toMatchObject({ paymentSessionId: firstSession })
    expect(Exit.isFailure(await w.exit(Engine.use((e) => e.startAttempt('E2E-SESSION-ORDER', attempt))))).toBe(true)
    // Past it the gateway refuses the page, the payment expires, and the next attempt opens a new session.
    w.clock.advance(2 * 60_000)
    for (let i = 0; i < 3; i++) await w.relay()
    expect(w.simulator.completeCheckout(firstSession, { method: 'CARD', card: SUCCESS })).toEqual({
      ok: false,
      reason: 'expired',
    })
    expect((await w.status(first.paymentRequestId)).state).toBe('expired')
    const second = await w.run(Engine.use((e) => e.startAttempt('E2E-SESSION-ORDER', attempt)))
    expect(second.paymentRequestId).toBe('E2E-SESSION-ORDER-attempt-2')
    expect(second.paymentSessionId).toBeDefined()
    expect(second.paymentSessionId).not.toBe(firstSession)
  })

  it('cancel an authorized card', async () => {
    const w = world()
    await w.run(Engine.use((e) => e.createPayment(cardInput('E2E-CANCEL', 'MANUAL'), cardSecrets(SUCCESS))))
    const cancelled = await w.run(Engine.use((e) => e.cancel('E2E-CANCEL')))
    expect(cancelled.state).toBe('cancelled')
    await w.deliverAll()
    await settled(w, 'E2E-CANCEL')
    expect(endpoints(w)).toEqual(['pay', 'cancel'])
  })

  it('partial refunds up to the captured amount; one over what is left is IntentRejected', async () => {
    const w = world()
    await w.run(Engine.use((e) => e.createPayment(cardInput('E2E-REFUND', 'AUTOMATIC', 1_000), cardSecrets(SUCCESS))))
    await w.deliverAll()
    const refund = async (minor: number) => {
      await w.run(Engine.use((e) => e.refund('E2E-REFUND', { amount: usd(minor) })))
      await w.deliverAll()
      return settled(w, 'E2E-REFUND')
    }
    expect((await refund(300)).refundable).toEqual(usd(700))
    expect((await refund(300)).refundable).toEqual(usd(400))
    const over = await w.exit(Engine.use((e) => e.refund('E2E-REFUND', { amount: usd(401) })))
    expect(Exit.isFailure(over) && Cause.squash(over.cause)).toBeInstanceOf(IntentRejected)
    expect(endpoints(w).filter((e) => e === 'refund')).toHaveLength(2)
    const local = await refund(400)
    expect(local.state).toBe('refunded')
    expect(local.refunded).toEqual(usd(1_000))
    expect(endpoints(w).filter((e) => e === 'refund')).toHaveLength(3)
  })

  it('decline: failed with DO_NOT_HONOR', async () => {
    const w = world()
    const failed = await w.run(
      Engine.use((e) => e.createPayment(cardInput('E2E-DECLINE', 'AUTOMATIC'), cardSecrets(DECLINE))),
    )
    expect(failed.state).toBe('failed')
    expect(failed.failure?.code).toBe('DO_NOT_HONOR')
    await w.deliverAll()
    await settled(w, 'E2E-DECLINE')
  })

  it('pay times out; the relay fires the reconcile timer and the inquiry settles it', async () => {
    const w = world({ timeoutMs: 150, maxAttempts: 1 })
    w.simulator.faults.next({ kind: 'timeoutAfter', endpoint: 'pay' })
    const unknown = await w.run(
      Engine.use((e) => e.createPayment(cardInput('E2E-TIMEOUT', 'MANUAL'), cardSecrets(SUCCESS))),
    )
    expect(unknown.state).toBe('reconciling')
    expect(w.simulator.payment('E2E-TIMEOUT')?.status).toBe('authorized')
    expect((await w.relay()).timers).toBe(0)
    w.clock.advance(MINUTE + 1_000)
    const report = await w.relay()
    expect(report.timers).toBe(1)
    const local = await settled(w, 'E2E-TIMEOUT')
    expect(local.state).toBe('authorized')
    expect(endpoints(w)).toEqual(['pay', 'inquiryPayment'])
  })

  it('duplicated and out-of-order notifications: one consistent outcome', async () => {
    const w = world()
    w.simulator.faults.nextNotifications({ kind: 'reorder', count: 2 })
    w.simulator.faults.nextNotifications({ kind: 'duplicate', count: 2 })
    const session = await w.run(Engine.use((e) => e.createPayment(sessionInput('E2E-NOTIFY'))))
    w.simulator.completeCheckout(session.paymentSessionId ?? '', { method: 'CARD', card: SUCCESS })
    await w.deliverAll()
    w.clock.advance(3 * MINUTE)
    await w.deliverAll()
    expect(w.received.filter((t) => t === 'CAPTURE_RESULT').length).toBeGreaterThanOrEqual(1)
    expect(w.outcomes).toContain('duplicate')
    const local = await settled(w, 'E2E-NOTIFY')
    expect(local.state).toBe('captured')
    expect(local.conflicts).toEqual([])
    expect(w.domain.published.filter((p) => p.event.type === 'readyToShip')).toHaveLength(1)
  })

  it('a notification, the customer returning and the relay race on one payment: one outcome, one capture', async () => {
    const w = world()
    const challenged = await w.run(
      Engine.use((e) => e.createPayment(cardInput('E2E-RACE', 'AUTOMATIC'), cardSecrets(THREE_DS))),
    )
    expect(challenged.state).toBe('awaitingCustomer')
    w.simulator.completeChallenge(challenged.paymentId ?? '', 'pass')
    w.clock.advance(MINUTE + 1_000)
    await Promise.all([
      w.deliverAll(),
      w.run(
        Effect.all(
          [
            Engine.use((e) => e.customerReturned('E2E-RACE')),
            Engine.use((e) => e.runRelay({ owner: 'relay', leaseMs: 30_000, limit: 50 })),
          ],
          { concurrency: 'unbounded' },
        ),
      ),
    ])
    await w.deliverAll()
    await w.relay()
    const local = await settled(w, 'E2E-RACE')
    expect(local.state).toBe('captured')
    expect(local.conflicts).toEqual([])
    const calls = w.simulator.calls()
    expect(calls.filter((c) => c.endpoint === 'capture')).toHaveLength(0)
    expect(w.simulator.payment('E2E-RACE')?.capture).toBeDefined()
    // No operation under two different request ids.
    const payIds = new Set(calls.filter((c) => c.endpoint === 'pay').map((c) => c.ids.paymentRequestId))
    expect([...payIds]).toEqual(['E2E-RACE'])
    expect(w.domain.published.filter((p) => p.event.type === 'readyToShip')).toHaveLength(1)
  })

  it('manual capture: captures, a notification, the return and the relay racing reach the gateway as one capture', async () => {
    const w = world()
    const challenged = await w.run(
      Engine.use((e) => e.createPayment(cardInput('E2E-RACE-M', 'MANUAL'), cardSecrets(THREE_DS))),
    )
    w.simulator.completeChallenge(challenged.paymentId ?? '', 'pass')
    // The first capture call times out after the gateway acted: the capture is sent again only under its own id.
    w.simulator.faults.next({ kind: 'timeoutAfter', endpoint: 'capture', holdMs: 50 })
    w.clock.advance(MINUTE + 1_000)
    const capture = Engine.use((e) => e.capture('E2E-RACE-M', { captureRequestId: 'E2E-RACE-M-CAP' }))
    const raced = await Promise.all([
      w.deliverAll(),
      w.exit(
        Effect.all(
          [
            Effect.exit(capture),
            Effect.exit(capture),
            Effect.exit(Engine.use((e) => e.customerReturned('E2E-RACE-M'))),
            Effect.exit(Engine.use((e) => e.runRelay({ owner: 'relay', leaseMs: 30_000, limit: 50 }))),
            Effect.exit(capture),
          ],
          { concurrency: 'unbounded' },
        ),
      ),
    ])
    expect(raced[1]._tag).toBe('Success')
    // Captures that raced ahead of the authorization were refused; the merchant asks once more, as a retry would.
    await w.exit(capture)
    for (let i = 0; i < 6; i++) {
      w.clock.advance(5 * MINUTE)
      await w.relay()
      await w.deliverAll()
    }
    const local = await settled(w, 'E2E-RACE-M')
    expect(local.state).toBe('captured')
    expect(local.conflicts).toEqual([])
    const captures = w.simulator.calls().filter((c) => c.endpoint === 'capture')
    expect(new Set(captures.map((c) => c.ids.captureRequestId))).toEqual(new Set(['E2E-RACE-M-CAP']))
    expect(captures.filter((c) => c.acted && !c.replayed)).toHaveLength(1)
    expect(captures.some((c) => c.fault === 'timeoutAfter')).toBe(true)
    expect(w.simulator.payment('E2E-RACE-M')?.captured.minor).toBe(local.captured.minor)
    expect(w.domain.published.filter((p) => p.event.type === 'readyToShip')).toHaveLength(1)
  })
})
