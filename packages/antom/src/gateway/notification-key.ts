import { parseStorableJson } from '../schemas/storable-json.js'

/** The facts a notification's de-duplication key is made of. */
export interface NotificationKeyFacts {
  readonly notifyType: string
  /** The request id the notification settles: the payment's, the capture's or the refund's. */
  readonly requestId: string
  readonly paymentId: string
  /** The result code the machine reads: for a refund whose refundStatus is FAIL, REFUND_FAILED. */
  readonly resultCode: string
  /** Minor units and currency: `1000USD`. */
  readonly amount: string
}

/**
 * notifyType + the request id it settles + the gateway's paymentId + the result code + the amount it reports: a
 * redelivery repeats it; a notification telling other facts is another notification, and is read as one.
 */
export const notificationKeyOf = (facts: NotificationKeyFacts): string =>
  [facts.notifyType, facts.requestId, facts.paymentId, facts.resultCode, facts.amount].join(':')

/** The result code a refund notification whose refundStatus is FAIL is read with. */
export const REFUND_FAILED = 'REFUND_FAILED'

/** A refund notification's outcome is its refundStatus: a FAIL is read as F REFUND_FAILED, whatever `result` says. */
export const refundFailed = (resultStatus: string, refundStatus: string): boolean =>
  refundStatus === 'FAIL' && resultStatus === 'S'

type Json = { readonly [key: string]: unknown }
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value)
const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined)

/** The fields that name what each notification settles, and its amount. */
const SHAPES: Readonly<Record<string, { readonly requestId: string; readonly amount: string }>> = {
  PAYMENT_RESULT: { requestId: 'paymentRequestId', amount: 'paymentAmount' },
  PAYMENT_PENDING: { requestId: 'paymentRequestId', amount: 'paymentAmount' },
  CAPTURE_RESULT: { requestId: 'captureRequestId', amount: 'captureAmount' },
  REFUND_RESULT: { requestId: 'refundRequestId', amount: 'refundAmount' },
}

/**
 * The de-duplication key of a notification read straight from its raw body, before any decoding: what a webhook
 * checks first, so that a redelivery is answered without decoding it or loading its payment. Undefined when the body
 * is not plainly a notification with every fact of the key (an amount not written in canonical minor units
 * included): then only the full decoding decides. Where it answers, it is the key `notificationEvent` gives the
 * decoded body.
 */
export const notificationKeyOfBody = (body: string): string | undefined => {
  let json: unknown
  try {
    json = parseStorableJson(body)
  } catch {
    return undefined
  }
  if (!isObject(json)) return undefined
  const notifyType = text(json.notifyType)
  const shape = notifyType === undefined ? undefined : SHAPES[notifyType]
  if (notifyType === undefined || shape === undefined) return undefined
  const result = json.result
  const amount = json[shape.amount]
  const requestId = text(json[shape.requestId])
  const paymentId = text(json.paymentId)
  if (!isObject(result) || !isObject(amount) || requestId === undefined || paymentId === undefined) return undefined
  const resultStatus = text(result.resultStatus)
  const resultCode = text(result.resultCode)
  const value = text(amount.value)
  const currency = text(amount.currency)
  if (resultStatus === undefined || resultCode === undefined || currency === undefined) return undefined
  if (value === undefined || !/^(0|[1-9]\d{0,15})$/.test(value)) return undefined
  const refundStatus = notifyType === 'REFUND_RESULT' ? text(json.refundStatus) : undefined
  if (notifyType === 'REFUND_RESULT' && refundStatus === undefined) return undefined
  const failed = refundStatus !== undefined && refundFailed(resultStatus, refundStatus)
  return notificationKeyOf({
    notifyType,
    requestId,
    paymentId,
    resultCode: failed ? REFUND_FAILED : resultCode,
    amount: `${value}${currency}`,
  })
}
