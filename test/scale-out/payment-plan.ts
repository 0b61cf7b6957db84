import { TEST_CARDS } from '@paychart/testkit'
import { otherThan } from './random.js'

export type Kind =
  | 'cardAutomatic'
  | 'cardManual'
  | 'threeDSAutomatic'
  | 'threeDSManual'
  | 'threeDSFailed'
  | 'declined'
  | 'wallet'
  | 'walletFailed'
  | 'googlePay'

const KINDS: ReadonlyArray<Kind> = [
  'cardAutomatic',
  'cardManual',
  'threeDSAutomatic',
  'threeDSManual',
  'threeDSFailed',
  'declined',
  'wallet',
  'walletFailed',
  'googlePay',
]

/** One payment of the run: where it is created, and where its customer comes back. */
export interface PlannedPayment {
  readonly paymentRequestId: string
  readonly kind: Kind
  readonly createdOn: number
  /** Another instance than `createdOn`. */
  readonly returnsTo: number
  readonly amountMinor: number
  /** How it ends at the gateway. */
  readonly expected: 'captured' | 'failed'
}

const cardOf = (description: string): string => {
  const card = TEST_CARDS.find((c) => c.description === description)
  if (card === undefined) throw new Error(`no test card "${description}"`)
  return card.number
}

export const CARDS = {
  success: cardOf('success (sandbox)'),
  decline: cardOf('decline (sandbox)'),
  threeDS: cardOf('3DS challenge'),
} as const

export const NOTIFY_URL = 'http://shop.scale-out.test/antom/notify/payment'

export const planPayments = (count: number, instances: number, random: () => number): PlannedPayment[] =>
  Array.from({ length: count }, (_, i) => {
    const kind = KINDS[i % KINDS.length] ?? 'cardAutomatic'
    const createdOn = i % instances
    return {
      paymentRequestId: `SCALE-${String(i).padStart(3, '0')}-${kind}`,
      kind,
      createdOn,
      returnsTo: otherThan(random, instances, createdOn),
      amountMinor: 1_000 + i,
      expected: kind === 'threeDSFailed' || kind === 'declined' || kind === 'walletFailed' ? 'failed' : 'captured',
    }
  })

const methodOf = (kind: Kind): string =>
  kind === 'wallet' || kind === 'walletFailed' ? 'ALIPAY_CN' : kind === 'googlePay' ? 'GOOGLEPAY' : 'CARD'

const captureModeOf = (kind: Kind): 'MANUAL' | 'AUTOMATIC' =>
  kind === 'cardManual' || kind === 'threeDSManual' ? 'MANUAL' : 'AUTOMATIC'

const cardNumberOf = (kind: Kind): string | undefined =>
  kind === 'cardAutomatic' || kind === 'cardManual'
    ? CARDS.success
    : kind === 'declined'
      ? CARDS.decline
      : kind.startsWith('threeDS')
        ? CARDS.threeDS
        : undefined

/** The body the checkout route takes: the card, if any, beside the payment, never inside it. */
export const createBody = (payment: PlannedPayment): string => {
  const method = methodOf(payment.kind)
  const amount = { currency: 'USD', minor: payment.amountMinor }
  const cardNo = cardNumberOf(payment.kind)
  return JSON.stringify({
    paymentRequestId: payment.paymentRequestId,
    amount,
    paymentMethodType: method,
    captureMode: captureModeOf(payment.kind),
    merchantReference: `ORDER-${payment.paymentRequestId}`,
    requestDetails: {
      order: { referenceOrderId: `ORDER-${payment.paymentRequestId}`, orderDescription: 'Tea', orderAmount: amount },
      env: { terminalType: 'WEB' },
      settlementStrategy: { settlementCurrency: 'USD' },
      paymentRedirectUrl: `http://shop.scale-out.test/return/${payment.paymentRequestId}`,
      paymentNotifyUrl: NOTIFY_URL,
      paymentMethod: { paymentMethodType: method },
    },
    ...(cardNo === undefined ? {} : { card: { cardNo, cvv: '123', expiryMonth: '12', expiryYear: '30' } }),
  })
}

/** What the customer does at the gateway (3DS page, wallet), or nothing when the payment needs no customer. */
export const customerOutcome = (kind: Kind): 'pass' | 'fail' | undefined =>
  kind === 'threeDSAutomatic' || kind === 'threeDSManual' || kind === 'wallet' || kind === 'googlePay'
    ? 'pass'
    : kind === 'threeDSFailed' || kind === 'walletFailed'
      ? 'fail'
      : undefined

export const isManual = (payment: PlannedPayment): boolean => captureModeOf(payment.kind) === 'MANUAL'
