import type { CaptureMode, Money, PaymentInput } from '@paychart/core'
import { type Api, type GatewayResult, isListedFor, lookupResultCode } from '@paychart/core/result-codes'
import fc from 'fast-check'
import { TEST_CARDS } from '../simulator/cards.js'
import type { CallFaultRequest, NotificationFault } from '../simulator/faults.js'
import { capturesSeparately, OTP_WALLET } from '../simulator/methods.js'
import type { SimEndpoint } from '../simulator/types.js'

/**
 * How the simulator treats a payment: which test card, which customer flow, or a Checkout Page session (the buyer
 * picks the method on the gateway's page).
 */
export type PaymentKind = 'cardSuccess' | 'cardDecline' | 'card3ds' | 'otpWallet' | 'wallet' | 'session'

export const PAYMENT_KINDS: ReadonlyArray<PaymentKind> = [
  'cardSuccess',
  'cardDecline',
  'card3ds',
  'otpWallet',
  'wallet',
  'session',
]

/** Redirect wallets: one paid outright, three the gateway authorizes first and captures apart. */
export const WALLET_METHODS: ReadonlyArray<string> = ['ALIPAY_CN', 'GOOGLEPAY', 'PAYPAL', 'APPLEPAY']

/**
 * A payment to create: its kind, its method when a wallet, its capture mode (methods captured apart only), amount,
 * and the card number when it is a card.
 */
export interface PaymentSpec {
  readonly kind: PaymentKind
  /** The wallet's paymentMethodType (`wallet` only); cards are CARD, the OTP wallet OTP_WALLET. */
  readonly method?: string
  readonly captureMode: CaptureMode
  readonly amount: Money
  /** The test card's number (cards only): it travels beside the pay command, never into the machine. */
  readonly cardNo?: string
}

const cardsFor = (description: string): ReadonlyArray<string> =>
  TEST_CARDS.filter((card) => card.description === description).map((card) => card.number)

/** The test cards of each card kind (both brands where the simulator has two). */
export const CARDS_BY_KIND: Readonly<Record<'cardSuccess' | 'cardDecline' | 'card3ds', ReadonlyArray<string>>> = {
  cardSuccess: cardsFor('success (sandbox)'),
  // Besides the sandbox's declines, the card declined AUTHENTICATION_REQUIRED unless the pay asks for 3D Secure.
  cardDecline: [
    ...cardsFor('decline (sandbox)'),
    ...cardsFor('AUTHENTICATION_REQUIRED unless is3DSAuthentication is true, then a 3DS challenge'),
  ],
  card3ds: cardsFor('3DS challenge'),
}

/** Every card number the simulator knows: none of them may ever be stored, logged or put in an error. */
export const ALL_TEST_CARD_NUMBERS: ReadonlyArray<string> = TEST_CARDS.map((card) => card.number)

/** An amount in minor units of `currency` (default USD), from 1.00 to 5 000.00. */
export const moneyArb = (currency: Money['currency'] = 'USD', min = 100, max = 500_000): fc.Arbitrary<Money> =>
  fc.integer({ min, max }).map((minor) => ({ currency, minor }))

const isCard = (kind: PaymentKind): kind is 'cardSuccess' | 'cardDecline' | 'card3ds' =>
  kind === 'cardSuccess' || kind === 'cardDecline' || kind === 'card3ds'

/** A payment the simulator knows how to play: cards (success, decline, 3DS), an OTP wallet, a redirect wallet. */
export const paymentSpecArb = (
  options: { readonly kinds?: ReadonlyArray<PaymentKind>; readonly amount?: fc.Arbitrary<Money> } = {},
): fc.Arbitrary<PaymentSpec> =>
  fc
    .record({
      kind: fc.constantFrom(...(options.kinds ?? PAYMENT_KINDS)),
      captureMode: fc.constantFrom<CaptureMode>('MANUAL', 'AUTOMATIC'),
      amount: options.amount ?? moneyArb(),
      card: fc.nat(),
      wallet: fc.constantFrom(...WALLET_METHODS),
    })
    .map(({ kind, captureMode, amount, card, wallet }) => {
      if (kind === 'wallet') {
        return { kind, method: wallet, captureMode: capturesSeparately(wallet) ? captureMode : 'AUTOMATIC', amount }
      }
      // A session takes a capture mode for the card the buyer may pick on the page.
      if (kind === 'session') return { kind, captureMode, amount }
      if (!isCard(kind)) return { kind, captureMode: 'AUTOMATIC' as const, amount }
      const numbers = CARDS_BY_KIND[kind]
      const cardNo = numbers[card % numbers.length]
      return cardNo === undefined ? { kind, captureMode, amount } : { kind, captureMode, amount, cardNo }
    })

const METHOD_OF: Record<Exclude<PaymentKind, 'session'>, string> = {
  cardSuccess: 'CARD',
  cardDecline: 'CARD',
  card3ds: 'CARD',
  otpWallet: OTP_WALLET,
  wallet: 'ALIPAY_CN',
}

const orderOf = (paymentRequestId: string, spec: PaymentSpec) => ({
  referenceOrderId: `ORDER-${paymentRequestId}`,
  orderDescription: 'model-based test order',
  orderAmount: spec.amount,
})

/** The engine's input for a spec: the request details the simulator needs, never card data. */
export const paymentInputOf = (
  paymentRequestId: string,
  spec: PaymentSpec,
  urls: { readonly notifyUrl: string; readonly redirectUrl: string },
): PaymentInput => {
  if (spec.kind === 'session') {
    return {
      paymentRequestId,
      amount: spec.amount,
      flow: 'checkoutSession',
      captureMode: spec.captureMode,
      requestDetails: {
        order: { ...orderOf(paymentRequestId, spec), buyer: { referenceBuyerId: `BUYER-${paymentRequestId}` } },
        settlementStrategy: { settlementCurrency: spec.amount.currency },
        paymentRedirectUrl: urls.redirectUrl,
        paymentNotifyUrl: urls.notifyUrl,
      },
    }
  }
  const method = spec.method ?? METHOD_OF[spec.kind]
  return {
    paymentRequestId,
    amount: spec.amount,
    paymentMethodType: method,
    ...(capturesSeparately(method) ? { captureMode: spec.captureMode } : {}),
    requestDetails: {
      order: orderOf(paymentRequestId, spec),
      env: { terminalType: 'WEB' },
      settlementStrategy: { settlementCurrency: spec.amount.currency },
      paymentRedirectUrl: urls.redirectUrl,
      paymentNotifyUrl: urls.notifyUrl,
      paymentMethod: { paymentMethodType: method },
    },
  }
}

/** Result codes the catalogue lists for `api`, by status: what a gateway may answer. */
const CANDIDATE_CODES = [
  'SUCCESS',
  'PAYMENT_IN_PROCESS',
  'UNKNOWN_EXCEPTION',
  'REQUEST_TRAFFIC_EXCEED_LIMIT',
  'SYSTEM_ERROR',
  'DO_NOT_HONOR',
  'CARD_NOT_SUPPORTED',
  'INVALID_CARD_NUMBER',
  'RISK_REJECT',
  'FRAUD_REJECT',
  'INVALID_EXPIRATION_DATE',
  'AUTHENTICATION_REQUIRED',
  'USER_BALANCE_NOT_ENOUGH',
  'USER_PAYMENT_VERIFICATION_FAILED',
  'ORDER_IS_CLOSED',
  'ORDER_IS_CANCELED',
  'ORDER_NOT_EXIST',
  'ORDER_STATUS_INVALID',
  'REPEAT_REQ_INCONSISTENT',
  'PARAM_ILLEGAL',
  'INVALID_SIGNATURE',
  'VERIFY_UNMATCHED',
  'VERIFY_TIMES_EXCEED_LIMIT',
  'EXPIRED_CODE',
  'INVALID_AMOUNT',
  'REFUND_AMOUNT_EXCEED',
] as const

/** A result the gateway may answer on `api` (codes the catalogue lists for it), or any catalogued code. */
export const resultCodeArb = (api?: Api): fc.Arbitrary<GatewayResult> => {
  const codes = CANDIDATE_CODES.filter((code) => (api === undefined ? true : isListedFor(api, code))).flatMap(
    (code) => {
      const info = lookupResultCode(code)
      return info === undefined ? [] : [{ resultCode: code, resultStatus: info.status }]
    },
  )
  return fc.constantFrom(...(codes.length > 0 ? codes : [{ resultCode: 'SUCCESS', resultStatus: 'S' as const }]))
}

/**
 * Answers that know the payment's paymentId already: a lie about it there must be caught. (A pay, a verification or
 * an inquiry may be what first names it, and a gateway that lies then is believed: nothing else tells it apart.)
 */
const PAYMENT_ID_KNOWN: ReadonlyArray<SimEndpoint> = ['capture', 'refund', 'inquiryRefund']

/**
 * A fault on the simulator's next call(s): U answers, timeouts before and after it acts, a reset connection, an
 * unsigned HTTP 500 before or after it acts, a signed answer lying about the amount, the currency or the paymentId.
 */
export const callFaultArb = (endpoints?: ReadonlyArray<SimEndpoint>): fc.Arbitrary<CallFaultRequest> =>
  fc
    .record({
      fault: fc.constantFrom<CallFaultRequest>(
        { kind: 'timeoutBefore' },
        { kind: 'timeoutAfter' },
        { kind: 'dropConnection', when: 'before' },
        { kind: 'dropConnection', when: 'after' },
        { kind: 'unknown' },
        { kind: 'traffic' },
        { kind: 'unsigned', when: 'before' },
        { kind: 'unsigned', when: 'after' },
        { kind: 'unsigned', when: 'after', httpStatus: 502, resultStatus: 'U' },
        { kind: 'tamper', field: 'amount' },
        { kind: 'tamper', field: 'currency' },
      ),
      endpoint:
        endpoints === undefined ? fc.constant(undefined) : fc.option(fc.constantFrom(...endpoints), { freq: 2 }),
    })
    .map(({ fault, endpoint }) => (endpoint == null ? fault : { ...fault, endpoint }))

/**
 * Requests to a money-moving endpoint that reach the gateway only after the client gave up (`landsLate`), up to three
 * in a row: what a slow network or another process's send does. The world delivers them when time passes: at once, or
 * after the engine has given them up and the merchant may have asked again (an hour on).
 */
export const lateCallFaultArb: fc.Arbitrary<CallFaultRequest> = fc
  .record({
    endpoint: fc.constantFrom<SimEndpoint>('pay', 'pay', 'capture', 'refund', 'cancel'),
    count: fc.constantFrom(1, 1, 2, 3),
    afterMs: fc.constantFrom(0, 0, 3_600_000),
  })
  .map(({ afterMs, ...aimed }) => ({ kind: 'landsLate' as const, ...(afterMs === 0 ? {} : { afterMs }), ...aimed }))

/**
 * A fault aimed at where money moves after payment: a capture, a refund or a refund inquiry times out, loses its
 * connection or is answered unsigned before or after the gateway acted, or is answered with a lie.
 */
export const moneyFaultArb: fc.Arbitrary<CallFaultRequest> = fc
  .record({
    fault: fc.constantFrom<CallFaultRequest>(
      { kind: 'timeoutBefore' },
      { kind: 'timeoutAfter' },
      { kind: 'dropConnection', when: 'before' },
      { kind: 'dropConnection', when: 'after' },
      { kind: 'unsigned', when: 'before' },
      { kind: 'unsigned', when: 'after' },
      { kind: 'tamper', field: 'amount' },
      { kind: 'tamper', field: 'currency' },
    ),
    endpoint: fc.constantFrom<SimEndpoint>('refund', 'refund', 'inquiryRefund', 'capture', 'capture'),
    // Three in a row outlast every send of a capture or a refund.
    count: fc.constantFrom(1, 1, 2, 3),
  })
  // A lie is one answer's corruption: the same lie told again and again is the gateway's word, and no client can
  // tell it from the truth. Failures to answer may repeat.
  .map(({ fault, endpoint, count }) => ({ ...fault, endpoint, count: fault.kind === 'tamper' ? 1 : count }))

/** A signed answer lying about the paymentId, on a call made once the payment's paymentId is known. */
export const paymentIdLieArb = (
  endpoints: ReadonlyArray<SimEndpoint> = PAYMENT_ID_KNOWN,
): fc.Arbitrary<CallFaultRequest> =>
  fc.constantFrom(...endpoints).map((endpoint) => ({ kind: 'tamper' as const, field: 'paymentId' as const, endpoint }))

/**
 * One notification fault: duplicated, reordered, delayed (up to an hour), dropped, or preceded by a signed twin lying
 * about its amount, currency or paymentId, for the next 1–3.
 */
export const notificationFaultArb: fc.Arbitrary<NotificationFault> = fc.oneof(
  fc.record({ kind: fc.constant('duplicate' as const), count: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ kind: fc.constant('reorder' as const), count: fc.integer({ min: 2, max: 3 }) }),
  fc.record({
    kind: fc.constant('delay' as const),
    ms: fc.integer({ min: 1_000, max: 60 * 60_000 }),
    count: fc.integer({ min: 1, max: 3 }),
  }),
  fc.record({ kind: fc.constant('drop' as const), count: fc.integer({ min: 1, max: 2 }) }),
  fc.record({
    kind: fc.constant('tamper' as const),
    field: fc.constantFrom('amount' as const, 'currency' as const, 'paymentId' as const),
    count: fc.integer({ min: 1, max: 2 }),
  }),
)

/** A signed twin of the next notification, lying about its amount, its currency or its paymentId. */
export const lyingNotificationArb: fc.Arbitrary<NotificationFault> = fc.record({
  kind: fc.constant('tamper' as const),
  field: fc.constantFrom('amount' as const, 'currency' as const, 'paymentId' as const),
  count: fc.constant(1),
})

/** A notification schedule: the faults to queue, in order, before the notifications they hit are sent. */
export const notificationScheduleArb = (maxLength = 4): fc.Arbitrary<ReadonlyArray<NotificationFault>> =>
  fc.array(notificationFaultArb, { maxLength })
