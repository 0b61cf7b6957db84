import { antomGateway } from '@paychart/antom'
import { type ExecutableCommand, Gateway, type PaymentInput, type PaymentSecrets } from '@paychart/core'
import {
  applyEvent,
  isGatewayCommand,
  type PaymentEvent,
  type PaymentSnapshot,
  startPayment,
  stateOf,
} from '@paychart/core/machine'
import {
  createSimulator,
  createSimulatorApp,
  generateSimulatorKeys,
  OTP_WALLET,
  type SimulatorKeys,
  simulatorTransport,
  TEST_CARDS,
} from '@paychart/testkit'
import { Effect, Layer, Redacted } from 'effect'
import { beforeAll, describe, expect, it } from 'vitest'

// The Antom Gateway against the in-process simulator (signed both ways), its events fed to the real machine.

const clientId = 'SANDBOX_PAYCHART_SIM'
const usd = { currency: 'USD' as const, minor: 1_099 }
const cardNumber = (description: string) => {
  const card = TEST_CARDS.find((c) => c.description === description)
  if (card === undefined) throw new Error(`no test card "${description}"`)
  return card.number
}
const SUCCESS = cardNumber('success (sandbox)')
const DECLINE = cardNumber('decline (sandbox)')
const THREE_DS = cardNumber('3DS challenge')
const OTP_CARD = cardNumber('OTP verification')
const EVERY_CARD = TEST_CARDS.map((c) => c.number)

const details = (paymentMethodType: string) => ({
  order: { referenceOrderId: 'ORDER-1', orderDescription: 'Cappuccino', orderAmount: usd },
  env: { terminalType: 'WEB' },
  settlementStrategy: { settlementCurrency: 'USD' },
  paymentRedirectUrl: 'https://shop.example/return',
  paymentMethod: { paymentMethodType },
})
const cardSecrets = (cardNo: string): PaymentSecrets => ({
  cardMetaData: Redacted.make({ cardNo, cvv: '123', expiryMonth: '12', expiryYear: '30' }),
})

let keys: SimulatorKeys
beforeAll(async () => {
  keys = await generateSimulatorKeys()
})

/** A fresh simulator, the gateway over it, and a driver that runs the machine's gateway commands through it. */
const setup = () => {
  const simulator = createSimulator()
  const app = createSimulatorApp({ simulator, keys, clientId })
  const gateway = antomGateway({
    clientId,
    merchantPrivateKey: keys.merchantPrivateKey,
    antomPublicKey: keys.gatewayPublicKey,
    baseUrl: 'https://sim.test',
  }).pipe(Layer.provide(simulatorTransport(app)))
  const events: Array<PaymentEvent> = []
  const execute = (command: ExecutableCommand, secrets: PaymentSecrets | undefined) =>
    Effect.runPromise(Gateway.use((g) => g.execute(command, secrets)).pipe(Effect.provide(gateway)))

  /** Applies `event`, then runs every gateway command it decided (with `secrets`) and applies their answers. */
  const step = async (snapshot: PaymentSnapshot, event: PaymentEvent, secrets?: PaymentSecrets) => {
    let current = applyEvent(snapshot, event)
    let pending = current.commands.filter(isGatewayCommand)
    while (pending.length > 0) {
      const [command, ...rest] = pending
      if (command === undefined) break
      const answer = await execute(command, secrets)
      events.push(answer)
      current = applyEvent(current.snapshot, answer)
      pending = [...rest, ...current.commands.filter(isGatewayCommand)]
    }
    return current.snapshot
  }
  const submit = (input: PaymentInput, secrets?: PaymentSecrets) =>
    step(startPayment(input).snapshot, { type: 'SUBMIT', at: Date.now() }, secrets)
  return { simulator, events, step, submit }
}

const cardInput = (paymentRequestId: string, captureMode: 'MANUAL' | 'AUTOMATIC' = 'MANUAL'): PaymentInput => ({
  paymentRequestId,
  amount: usd,
  paymentMethodType: 'CARD',
  captureMode,
  requestDetails: details('CARD'),
})

describe('antomGateway against the simulator', () => {
  it('authorizes a card with manual capture, captures it, refunds part of it', async () => {
    const { simulator, step, submit } = setup()
    const authorized = await submit(cardInput('PAY-CARD-1'), cardSecrets(SUCCESS))
    expect(stateOf(authorized)).toBe('authorized')
    expect(simulator.payment('PAY-CARD-1')?.status).toBe('authorized')
    const captured = await step(authorized, { type: 'CAPTURE', at: Date.now(), captureRequestId: 'CAP-1' })
    expect(stateOf(captured)).toBe('captured')
    const refundAmount = { currency: 'USD' as const, minor: 500 }
    const refunded = await step(captured, {
      type: 'REFUND',
      at: Date.now(),
      refundRequestId: 'REF-1',
      amount: refundAmount,
    })
    expect(refunded.context.refunds).toEqual([
      expect.objectContaining({ refundRequestId: 'REF-1', status: 'succeeded' }),
    ])
    const full = await step(refunded, {
      type: 'REFUND',
      at: Date.now(),
      refundRequestId: 'REF-2',
      amount: { currency: 'USD', minor: 599 },
    })
    expect(stateOf(full)).toBe('refunded')
    expect(simulator.calls().map((c) => c.endpoint)).toEqual(['pay', 'capture', 'refund', 'refund'])
  })

  it('sends a 3DS card to the challenge, then an inquiry after the customer returns finds it authorized', async () => {
    const { simulator, step, submit } = setup()
    const challenged = await submit(cardInput('PAY-3DS-1'), cardSecrets(THREE_DS))
    expect(stateOf(challenged)).toBe('awaitingCustomer')
    const paymentId = challenged.context.paymentId ?? ''
    expect(challenged.context.customer.customerAction).toEqual({
      kind: 'threeDS',
      url: `${simulator.config.baseUrl}/sim/3ds/${paymentId}`,
    })
    expect(simulator.completeChallenge(paymentId, 'pass').ok).toBe(true)
    const returned = await step(challenged, { type: 'CUSTOMER_RETURNED', at: Date.now() })
    expect(stateOf(returned)).toBe('authorized')
    expect(simulator.calls().map((c) => c.endpoint)).toEqual(['pay', 'inquiryPayment'])
  })

  it('fails a declined card with DO_NOT_HONOR', async () => {
    const { submit } = setup()
    const failed = await submit(cardInput('PAY-DECLINE-1'), cardSecrets(DECLINE))
    expect(stateOf(failed)).toBe('failed')
    expect(failed.context.failure?.code).toBe('DO_NOT_HONOR')
  })

  for (const [name, input, secrets] of [
    ['an OTP card', cardInput('PAY-OTP-CARD'), cardSecrets(OTP_CARD)],
    [
      'an OTP wallet',
      {
        paymentRequestId: 'PAY-OTP-WALLET',
        amount: usd,
        paymentMethodType: OTP_WALLET,
        requestDetails: details(OTP_WALLET),
      },
      undefined,
    ],
  ] as const) {
    it(`asks ${name} for its OTP: a wrong one asks again (VERIFY_UNMATCHED), the right one pays`, async () => {
      const { simulator, step, submit } = setup()
      const awaiting = await submit(input, secrets)
      expect(stateOf(awaiting)).toBe('awaitingOtp')
      const wrong = await step(
        awaiting,
        { type: 'OTP_SUBMITTED', at: Date.now(), verifyRequestId: 'V-1' },
        { otp: Redacted.make('000000') },
      )
      expect(stateOf(wrong)).toBe('awaitingOtp')
      expect(wrong.context.customer.otpError).toBe('VERIFY_UNMATCHED')
      const right = await step(
        wrong,
        { type: 'OTP_SUBMITTED', at: Date.now(), verifyRequestId: 'V-2' },
        { otp: Redacted.make(simulator.config.otpCode) },
      )
      expect(stateOf(right)).toBe(input.paymentMethodType === 'CARD' ? 'authorized' : 'captured')
      expect(JSON.stringify(simulator.snapshot())).not.toContain(simulator.config.otpCode)
    })
  }

  it('opens a Checkout Page session: the customer is sent to it', async () => {
    const { simulator, submit } = setup()
    const { paymentMethod: _, ...sessionDetails } = details('CARD')
    const session = await submit({
      paymentRequestId: 'PAY-SESSION-1',
      amount: usd,
      flow: 'checkoutSession',
      requestDetails: sessionDetails,
    })
    expect(stateOf(session)).toBe('awaitingCustomer')
    const action = session.context.customer.customerAction
    expect(action?.kind).toBe('checkoutPage')
    expect(action?.kind === 'checkoutPage' && simulator.session(action.paymentSessionId)).toBeTruthy()
  })

  it('does not send a card pay whose card data is gone: the machine reconciles, the gateway saw nothing', async () => {
    const { simulator, events, submit } = setup()
    const reconciling = await submit(cardInput('PAY-LOST-1'))
    expect(events).toEqual([
      expect.objectContaining({ type: 'GATEWAY_UNANSWERED', operation: 'pay', reason: 'network' }),
    ])
    expect(stateOf(reconciling)).toBe('reconciling')
    expect(simulator.calls()).toEqual([])
  })

  it('leaves no card number in the simulator’s state, its calls log or the events', async () => {
    const { simulator, events, step, submit } = setup()
    for (const [i, card] of [SUCCESS, DECLINE, THREE_DS, OTP_CARD].entries()) {
      const paid = await submit(cardInput(`PAY-LEAK-${i}`, 'AUTOMATIC'), cardSecrets(card))
      if (stateOf(paid) === 'awaitingCustomer') await step(paid, { type: 'CUSTOMER_RETURNED', at: Date.now() })
    }
    expect(simulator.calls().filter((c) => c.endpoint === 'pay')).toHaveLength(4)
    const stored = JSON.stringify([simulator.snapshot(), simulator.calls(), simulator.notifications(), events])
    for (const number of EVERY_CARD) expect(stored).not.toContain(number)
    expect(stored).toContain(SUCCESS.slice(-4))
  })
})
