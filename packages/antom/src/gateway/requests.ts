import type { PaymentSecrets, RequestDetails } from '@paychart/core'
import { captureRequestId, paymentId, paymentRequestId, refundRequestId, verifyRequestId } from '@paychart/core/ids'
import type { GatewayCommand } from '@paychart/core/machine'
import type { Redacted } from 'effect'
import * as Effect from 'effect/Effect'
import type { RequestOf, WireEncodeError } from '../schemas/index.js'
import { cardMetaDataOf, detailsMetaDataOf, paymentMethodOf } from './card-metadata.js'
import { brandedId } from './request-ids.js'

type CommandOf<K extends GatewayCommand['kind']> = Extract<GatewayCommand, { kind: K }>
type Built<E extends keyof RequestShapes> = Effect.Effect<RequestShapes[E], WireEncodeError>
interface RequestShapes {
  readonly pay: RequestOf<'pay'>
  readonly createPaymentSession: RequestOf<'createPaymentSession'>
  readonly verifyAndCompletePayment: RequestOf<'verifyAndCompletePayment'>
  readonly inquiryPayment: RequestOf<'inquiryPayment'>
  readonly capture: RequestOf<'capture'>
  readonly cancel: RequestOf<'cancel'>
  readonly refund: RequestOf<'refund'>
  readonly inquiryRefund: RequestOf<'inquiryRefund'>
}

/** ISO 8601 to the second, in UTC: `2026-11-22T10:15:00Z`. */
export const antomTime = (epochMs: number): string => new Date(epochMs).toISOString().replace(/\.\d+Z$/, 'Z')

const detailsOf = (details: RequestDetails | undefined) => details ?? {}

/** The merchant's own paymentFactor, which the machine's capture mode is set on top of. */
const givenFactorOf = (details: RequestDetails) =>
  typeof details.paymentFactor === 'object' ? details.paymentFactor : undefined

/** The paymentMethod to send: the merchant's (without card data), its type the command's, and the card's fields. */
const paymentMethod = (command: CommandOf<'pay'>, secrets: PaymentSecrets | undefined) => {
  const given = paymentMethodOf(command.requestDetails) ?? {}
  const type = command.paymentMethodType ?? given.paymentMethodType
  const card = type === 'CARD' ? cardMetaDataOf(secrets) : undefined
  const metaData =
    card === undefined
      ? detailsMetaDataOf(command.requestDetails)
      : { ...detailsMetaDataOf(command.requestDetails), ...card }
  return { ...given, paymentMethodType: type, ...(metaData === undefined ? {} : { paymentMethodMetaData: metaData }) }
}

/**
 * `pay`: the merchant's requestDetails (order, env, URLs, settlement, the method without card data) with what the
 * machine decided on top: CASHIER_PAYMENT, the request id, the amount, for a card authorization with its capture
 * mode, the expiry, and the card fields from the secrets, each `Redacted`.
 */
export const payRequest = (command: CommandOf<'pay'>, secrets: PaymentSecrets | undefined): Built<'pay'> =>
  Effect.gen(function* () {
    const details = detailsOf(command.requestDetails)
    const id = yield* brandedId('pay request', paymentRequestId(command.paymentRequestId))
    const method = paymentMethod(command, secrets)
    const givenFactor = givenFactorOf(details)
    const factor =
      method.paymentMethodType === 'CARD'
        ? { paymentFactor: { ...givenFactor, isAuthorization: true, captureMode: command.captureMode } }
        : {}
    const expiry =
      command.paymentExpiresAt === undefined ? {} : { paymentExpiryTime: antomTime(command.paymentExpiresAt) }
    return {
      ...details,
      productCode: 'CASHIER_PAYMENT',
      paymentRequestId: id,
      paymentAmount: command.amount,
      paymentMethod: method,
      ...factor,
      ...expiry,
    } as unknown as RequestOf<'pay'>
  })

/**
 * `createPaymentSession` for the Checkout Page: the requestDetails, CASHIER_PAYMENT / CHECKOUT_PAYMENT, the amount, and
 * the payment's capture mode as paymentFactor.captureMode (for a card the buyer picks).
 */
export const sessionRequest = (command: CommandOf<'createPaymentSession'>): Built<'createPaymentSession'> =>
  Effect.gen(function* () {
    const id = yield* brandedId('createPaymentSession request', paymentRequestId(command.paymentRequestId))
    const details = detailsOf(command.requestDetails)
    const expiry =
      command.paymentExpiresAt === undefined ? {} : { paymentSessionExpiryTime: antomTime(command.paymentExpiresAt) }
    const givenFactor = givenFactorOf(details)
    const factor =
      command.captureMode === undefined ? {} : { paymentFactor: { ...givenFactor, captureMode: command.captureMode } }
    return {
      ...details,
      productCode: 'CASHIER_PAYMENT',
      productScene: 'CHECKOUT_PAYMENT',
      paymentRequestId: id,
      paymentAmount: command.amount,
      ...factor,
      ...expiry,
    } as unknown as RequestOf<'createPaymentSession'>
  })

export const verifyRequest = (
  command: CommandOf<'verifyAndCompletePayment'>,
  otp: Redacted.Redacted<string>,
): Built<'verifyAndCompletePayment'> =>
  Effect.gen(function* () {
    const what = 'verifyAndCompletePayment request'
    return {
      paymentId: yield* brandedId(what, paymentId(command.paymentId)),
      verifyRequestId: yield* brandedId(what, verifyRequestId(command.verifyRequestId)),
      verifyMethod: { verifyMethodType: 'SMS_OTP', otpValue: otp },
    }
  })

export const inquiryRequest = (command: CommandOf<'inquiryPayment'>): Built<'inquiryPayment'> =>
  Effect.gen(function* () {
    const what = 'inquiryPayment request'
    const id = yield* brandedId(what, paymentRequestId(command.paymentRequestId))
    if (command.paymentId === undefined) return { paymentRequestId: id }
    return { paymentRequestId: id, paymentId: yield* brandedId(what, paymentId(command.paymentId)) }
  })

/** `capture` of a payment whose paymentId is known (`antomGateway` looks it up when the command has none). */
export const captureRequest = (command: CommandOf<'capture'>, knownPaymentId: string): Built<'capture'> =>
  Effect.gen(function* () {
    const what = 'capture request'
    return {
      captureRequestId: yield* brandedId(what, captureRequestId(command.captureRequestId)),
      paymentId: yield* brandedId(what, paymentId(knownPaymentId)),
      captureAmount: command.amount,
    }
  })

export const cancelRequest = (command: CommandOf<'cancel'>): Built<'cancel'> =>
  Effect.map(brandedId('cancel request', paymentRequestId(command.paymentRequestId)), (id) => ({
    paymentRequestId: id,
  }))

export const refundRequest = (command: CommandOf<'refund'>, knownPaymentId: string): Built<'refund'> =>
  Effect.gen(function* () {
    const what = 'refund request'
    return {
      refundRequestId: yield* brandedId(what, refundRequestId(command.refundRequestId)),
      paymentId: yield* brandedId(what, paymentId(knownPaymentId)),
      refundAmount: command.amount,
    }
  })

export const inquiryRefundRequest = (command: CommandOf<'inquiryRefund'>): Built<'inquiryRefund'> =>
  Effect.map(brandedId('inquiryRefund request', refundRequestId(command.refundRequestId)), (id) => ({
    refundRequestId: id,
  }))
