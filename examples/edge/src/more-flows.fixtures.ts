import type { PaymentStatus } from '@paychart/core'
import { type SimulatorServer, TEST_CARDS } from '@paychart/testkit'

const cardOf = (kind: 'otp' | 'decline') => {
  const card = TEST_CARDS.find((c) => c.behaviour.kind === kind)
  if (card === undefined) throw new Error(`the simulator has no ${kind} card`)
  return card.number
}

export const OTP_CARD = cardOf('otp')
export const DECLINED_CARD = cardOf('decline')

export const json = async <A>(response: Response): Promise<{ status: number; body: A }> => ({
  status: response.status,
  body: (await response.json()) as A,
})

/** Creates a 10.99 USD card payment with automatic capture through the checkout route of the edge at `edge`. */
export interface CardPaymentOptions {
  /** Default AUTOMATIC. */
  readonly captureMode?: 'AUTOMATIC' | 'MANUAL'
  readonly paymentExpiresAt?: number
}

export const createCardPayment = (
  edge: string,
  paymentRequestId: string,
  cardNo: string,
  options: CardPaymentOptions = {},
) =>
  fetch(`${edge}/payments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      paymentRequestId,
      amount: { currency: 'USD', minor: 1_099 },
      paymentMethodType: 'CARD',
      captureMode: options.captureMode ?? 'AUTOMATIC',
      ...(options.paymentExpiresAt === undefined ? {} : { paymentExpiresAt: options.paymentExpiresAt }),
      requestDetails: {
        order: {
          referenceOrderId: `ORDER-${paymentRequestId}`,
          orderDescription: 'Cappuccino',
          orderAmount: { currency: 'USD', minor: 1_099 },
        },
        env: { terminalType: 'WEB' },
        settlementStrategy: { settlementCurrency: 'USD' },
        paymentMethod: { paymentMethodType: 'CARD' },
        paymentRedirectUrl: `${edge}/payments/${paymentRequestId}/return`,
        paymentNotifyUrl: `${edge}/antom/notify/payment`,
      },
      card: { cardNo, cvv: '123', expiryMonth: '12', expiryYear: '30' },
    }),
  }).then((response) => json<PaymentStatus>(response))

export const submitOtp = (edge: string, paymentRequestId: string, verifyRequestId: string, otp: string) =>
  fetch(`${edge}/payments/${paymentRequestId}/otp`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ verifyRequestId, otp }),
  }).then((response) => json<PaymentStatus>(response))

export const statusOf = (edge: string, paymentRequestId: string) =>
  fetch(`${edge}/payments/${paymentRequestId}`).then((response) => json<PaymentStatus>(response))

/** Delivers the simulator's notifications until none is left; how many the edge answered. */
export const deliverAll = async (sim: SimulatorServer): Promise<number> => {
  let delivered = 0
  for (let round = 0; round < 5; round++) {
    const answered = await sim.deliverNotifications()
    if (answered === 0) break
    delivered += answered
  }
  return delivered
}
