import type { Transport } from '@paychart/antom'
import {
  type AntomClient,
  makeAntomClient,
  type PayRequest,
  type RequestOf,
  type SigningBackend,
} from '@paychart/antom'
import {
  captureRequestId,
  paymentId,
  paymentRequestId,
  refundRequestId,
  unsafeId,
  verifyRequestId,
} from '@paychart/core/ids'
import { unsafeMoney } from '@paychart/core/money'
import { type FetchTransportOptions, fetchTransport } from '@paychart/fetch'
import { Effect, type Layer, Redacted } from 'effect'
import type { SimulatorKeys } from './keys.js'

export const CLIENT_ID = 'SANDBOX_WIRE_TEST'
export const SUCCESS_VISA = '4054695723100768'
export const DECLINE_VISA = '4054692760174822'
export const THREE_DS_VISA = '4000000000003220'
export const OTP_VISA = '4000000000000705'
export const NOTIFY_URL = 'https://merchant.test/antom/notify'
export const RETURN_URL = 'https://merchant.test/return'

let counter = 0
/** A request id no other test uses. */
export const uniqueId = (prefix: string): string => `${prefix}-${Date.now().toString(36)}-${++counter}`

export interface CardPay {
  readonly id: string
  readonly cardNo?: string
  readonly minor?: number
  readonly captureMode?: 'AUTOMATIC' | 'MANUAL'
  readonly notifyUrl?: string
}

/** A typed card `pay` request: ids branded, amounts Money, card data Redacted. */
export const cardPay = ({
  id,
  cardNo = SUCCESS_VISA,
  minor = 1099,
  captureMode = 'MANUAL',
  notifyUrl = NOTIFY_URL,
}: CardPay): PayRequest => ({
  productCode: 'CASHIER_PAYMENT',
  paymentRequestId: unsafeId(paymentRequestId(id)),
  paymentAmount: unsafeMoney('USD', minor),
  order: {
    referenceOrderId: `ORDER-${id}`,
    orderDescription: 'Cappuccino',
    orderAmount: unsafeMoney('USD', minor),
  },
  env: { terminalType: 'WEB', clientIp: '203.0.113.7' },
  settlementStrategy: { settlementCurrency: 'USD' },
  paymentMethod: {
    paymentMethodType: 'CARD',
    paymentMethodMetaData: {
      cardNo: Redacted.make(cardNo),
      cvv: Redacted.make('123'),
      expiryMonth: Redacted.make('12'),
      expiryYear: Redacted.make('30'),
    },
  },
  paymentFactor: { isAuthorization: true, captureMode },
  paymentRedirectUrl: RETURN_URL,
  paymentNotifyUrl: notifyUrl,
})

export const sessionRequest = (id: string): RequestOf<'createPaymentSession'> => ({
  productCode: 'CASHIER_PAYMENT',
  productScene: 'CHECKOUT_PAYMENT',
  paymentRequestId: unsafeId(paymentRequestId(id)),
  paymentAmount: unsafeMoney('SGD', 6000),
  order: { referenceOrderId: `ORDER-${id}`, orderDescription: 'Tea set', orderAmount: unsafeMoney('SGD', 6000) },
  paymentRedirectUrl: RETURN_URL,
  paymentNotifyUrl: NOTIFY_URL,
})

export const verifyRequest = (id: string, payment: string, otp: string): RequestOf<'verifyAndCompletePayment'> => ({
  verifyMethod: { verifyMethodType: 'SMS_OTP', otpValue: Redacted.make(otp) },
  paymentId: unsafeId(paymentId(payment)),
  verifyRequestId: unsafeId(verifyRequestId(id)),
})

export const inquiry = (id: string): RequestOf<'inquiryPayment'> => ({
  paymentRequestId: unsafeId(paymentRequestId(id)),
})

export const captureRequest = (id: string, payment: string, minor: number): RequestOf<'capture'> => ({
  captureRequestId: unsafeId(captureRequestId(id)),
  paymentId: unsafeId(paymentId(payment)),
  captureAmount: unsafeMoney('USD', minor),
})

export const cancelRequest = (id: string): RequestOf<'cancel'> => ({ paymentRequestId: unsafeId(paymentRequestId(id)) })

export const refundRequest = (id: string, payment: string, minor: number): RequestOf<'refund'> => ({
  refundRequestId: unsafeId(refundRequestId(id)),
  paymentId: unsafeId(paymentId(payment)),
  refundAmount: unsafeMoney('USD', minor),
})

export const inquiryRefund = (id: string): RequestOf<'inquiryRefund'> => ({
  refundRequestId: unsafeId(refundRequestId(id)),
})

export interface ClientSetup {
  readonly baseUrl: string
  readonly keys: SimulatorKeys
  readonly clientId?: string
  /** Default: `keys.merchantPrivateKey`; another key makes the gateway refuse the signature. */
  readonly merchantPrivateKey?: string
  readonly signing?: SigningBackend
}

/** The code of a typed client error: a catalogue code (`_tag`), an unknown code, or the error's tag. */
export const codeOf = (error: unknown): string => {
  const { code, _tag } = error as { readonly code?: unknown; readonly _tag?: unknown }
  return typeof code === 'string' ? code : String(_tag)
}

/** Runs `use` with a client built on `transport` (default: the fetch transport, one attempt, 2 s). */
export const clientRunner = (setup: ClientSetup, transport: Layer.Layer<Transport> = fetchLayer()) => {
  const program = <A, E>(use: (client: AntomClient) => Effect.Effect<A, E>) =>
    Effect.flatMap(
      makeAntomClient({
        clientId: setup.clientId ?? CLIENT_ID,
        merchantPrivateKey: setup.merchantPrivateKey ?? setup.keys.merchantPrivateKey,
        antomPublicKey: setup.keys.gatewayPublicKey,
        baseUrl: setup.baseUrl,
        ...(setup.signing === undefined ? {} : { signing: setup.signing }),
      }),
      use,
    ).pipe(Effect.provide(transport))
  return {
    /** The answer; rejects with the error. */
    ok: <A, E>(use: (client: AntomClient) => Effect.Effect<A, E>): Promise<A> => Effect.runPromise(program(use)),
    /** The error; rejects if the call succeeded. */
    error: <A, E>(use: (client: AntomClient) => Effect.Effect<A, E>): Promise<unknown> =>
      Effect.runPromise(Effect.flip(program(use))),
  }
}

export const fetchLayer = (options: FetchTransportOptions = {}): Layer.Layer<Transport> =>
  fetchTransport({ maxAttempts: 1, timeoutMs: 2_000, ...options })
