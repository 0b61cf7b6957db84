import type { PaymentInput, PaymentStatus } from '@paychart/core'
import { TEST_CARDS } from '@paychart/testkit'

/** What the child does with a payment: a card with automatic capture, a card captured by hand, then refunded, a wallet. */
export type Plan = 'cardAuto' | 'cardCapture' | 'cardRefund' | 'wallet'

export interface PlannedPayment {
  readonly paymentRequestId: string
  readonly plan: Plan
}

export const AMOUNT = { currency: 'USD', minor: 1_500 } as const
export const REFUND = { currency: 'USD', minor: 400 } as const
export const WALLET = 'ALIPAY_CN'
export const CARD_NUMBER = TEST_CARDS.find((card) => card.description === 'success (sandbox)')?.number ?? ''
/**
 * A payment still pending this long after its creation expires: a lost pay cannot hold a round up for long. A wallet
 * pay needs no card data, so after a crash the relay may send it again past this expiry: the simulator answers it as
 * it first did (idempotency before the clock), as Antom does.
 */
export const EXPIRY_MS = 6_000

const PLANS: ReadonlyArray<Plan> = ['cardAuto', 'cardCapture', 'cardRefund', 'wallet']

/** Three payments of each plan, named after the round. */
export const plannedPayments = (round: string): ReadonlyArray<PlannedPayment> =>
  PLANS.flatMap((plan) => [1, 2, 3].map((n) => ({ paymentRequestId: `${round}-${plan}-${n}`, plan })))

export const captureRequestId = (paymentRequestId: string) => `${paymentRequestId}-capture`
export const refundRequestId = (paymentRequestId: string) => `${paymentRequestId}-refund-1`

export const paymentInput = (payment: PlannedPayment, notifyUrl: string, now: number): PaymentInput => {
  const method = payment.plan === 'wallet' ? WALLET : 'CARD'
  return {
    paymentRequestId: payment.paymentRequestId,
    amount: AMOUNT,
    paymentMethodType: method,
    ...(method === 'CARD' ? { captureMode: payment.plan === 'cardAuto' ? 'AUTOMATIC' : 'MANUAL' } : {}),
    merchantReference: `ORDER-${payment.paymentRequestId}`,
    paymentExpiresAt: now + EXPIRY_MS,
    // Real time: an unknown outcome is asked about after half a second, not a minute.
    reconcile: { firstDelayMs: 500, factor: 2, maxDelayMs: 2_000 },
    requestDetails: {
      order: {
        referenceOrderId: `ORDER-${payment.paymentRequestId}`,
        orderDescription: 'Crash test',
        orderAmount: AMOUNT,
      },
      env: { terminalType: 'WEB' },
      settlementStrategy: { settlementCurrency: 'USD' },
      paymentRedirectUrl: 'https://shop.crash.test/return',
      paymentNotifyUrl: notifyUrl,
      paymentMethod: { paymentMethodType: method },
    },
  }
}

const FINAL: ReadonlySet<PaymentStatus['state']> = new Set(['refunded', 'cancelled', 'failed', 'expired'])

/** Whether the child has nothing left to do for this payment: it reached where its plan ends, or a terminal state. */
export const isSettled = (plan: Plan, status: PaymentStatus): boolean => {
  if (FINAL.has(status.state)) return true
  if (status.state !== 'captured') return false
  if (plan !== 'cardRefund') return true
  return status.refunds.length > 0 && status.refunds.every((refund) => refund.status !== 'pending')
}
