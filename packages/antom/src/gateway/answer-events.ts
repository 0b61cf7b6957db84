import type { Money } from '@paychart/core'
import { type GatewayCommand, type PaymentEvent, type TransactionStatus, unansweredEvent } from '@paychart/core/machine'
import { type ApiError, type GatewayResult, toApiError } from '@paychart/core/result-codes'
import type { Endpoint, ResponseOf } from '../schemas/index.js'
import { asksForOtp } from '../schemas/index.js'
import { isAnswerResult } from './answer-result.js'
import { type CardResultSource, cardResultOf } from './card-result.js'
import type { EndpointError } from './client.js'

type AnyAnswer = ResponseOf<Endpoint>
type Field<K extends string> = AnyAnswer extends infer R
  ? R extends { readonly [P in K]?: infer V }
    ? V
    : never
  : never

const field = <K extends string>(answer: AnyAnswer | undefined, key: K): Field<K> | undefined =>
  answer === undefined ? undefined : ((answer as Record<string, unknown>)[key] as Field<K> | undefined)

const optional = <K extends string, V>(key: K, value: V | undefined) =>
  (value === undefined ? {} : { [key]: value }) as Partial<Record<K, V>>

/** An ISO 8601 date-time the schema checked, as epoch ms. */
const epochOf = (time: string | undefined): number | undefined => {
  const ms = time === undefined ? Number.NaN : Date.parse(time)
  return Number.isFinite(ms) ? ms : undefined
}

const TRANSACTION_STATUSES: ReadonlySet<string> = new Set(['SUCCESS', 'FAIL', 'PROCESSING'])

/** What an inquiry says of the payment's capture, from its transactions. */
const captureOf = (answer: AnyAnswer | undefined) => {
  const capture = field(answer, 'transactions')?.find((t) => t.transactionType === 'CAPTURE')
  if (capture === undefined || !TRANSACTION_STATUSES.has(capture.transactionStatus)) return {}
  return {
    capture: {
      status: capture.transactionStatus as TransactionStatus,
      ...optional('amount', capture.transactionAmount as Money | undefined),
      ...optional('captureRequestId', capture.transactionRequestId),
    },
  }
}

/** Whether a page the gateway names may be shown to a customer: http(s) only, never `javascript:` or `data:`. */
export const isWebPage = (url: string): boolean => {
  try {
    const protocol = new URL(url).protocol
    return protocol === 'https:' || protocol === 'http:'
  } catch {
    return false
  }
}

const pageUrls = (answer: AnyAnswer | undefined) =>
  [field(answer, 'normalUrl'), field(answer, 'applinkUrl'), field(answer, 'schemeUrl')].filter(
    (url): url is string => url !== undefined,
  )

/**
 * After PAYMENT_IN_PROCESS: an OTP to collect, or a web page to send the customer to (a 3DS challenge for cards):
 * the first http(s) one of normalUrl, applinkUrl, schemeUrl (an app's scheme URL is for a native app to open).
 */
const nextActionOf = (command: Extract<GatewayCommand, { kind: 'pay' }>, answer: AnyAnswer | undefined) => {
  if (asksForOtp(field(answer, 'paymentActionForm'))) return { nextAction: { kind: 'otp' as const } }
  const url = pageUrls(answer).find(isWebPage)
  if (url === undefined) return {}
  return {
    nextAction: { kind: command.paymentMethodType === 'CARD' ? ('threeDS' as const) : ('redirect' as const), url },
  }
}

/** A page to send the customer to was named, but none is a web page one may send a customer to. */
const namesNoSafePage = (answer: AnyAnswer): boolean =>
  !asksForOtp(field(answer, 'paymentActionForm')) && pageUrls(answer).length > 0 && !pageUrls(answer).some(isWebPage)

/** The machine event that reports `result` (and what `answer` adds) for `command`. */
const answered = (command: GatewayCommand, result: GatewayResult, at: number, answer?: AnyAnswer): PaymentEvent => {
  const amount = (key: string) => optional('amount', field(answer, key as 'paymentAmount') as Money | undefined)
  const paymentId = optional('paymentId', field(answer, 'paymentId') as string | undefined)
  const cardSource = (answer ?? {}) as CardResultSource
  switch (command.kind) {
    case 'pay':
      return {
        type: 'PAY_ANSWERED',
        at,
        result,
        ...paymentId,
        ...amount('paymentAmount'),
        ...cardResultOf(cardSource),
        ...nextActionOf(command, answer),
      }
    case 'createPaymentSession':
      return {
        type: 'SESSION_ANSWERED',
        at,
        result,
        ...optional('paymentSessionId', field(answer, 'paymentSessionId')),
        ...optional('paymentSessionData', field(answer, 'paymentSessionData')),
        ...optional('paymentSessionExpiresAt', epochOf(field(answer, 'paymentSessionExpiryTime'))),
        ...optional('normalUrl', pageUrls(answer).find(isWebPage)),
      }
    case 'verifyAndCompletePayment':
      return {
        type: 'VERIFY_ANSWERED',
        at,
        verifyRequestId: command.verifyRequestId,
        result,
        ...paymentId,
        ...amount('paymentAmount'),
        ...cardResultOf(cardSource),
      }
    case 'inquiryPayment':
      return {
        type: 'INQUIRY_ANSWERED',
        at,
        result,
        ...paymentId,
        ...amount('paymentAmount'),
        ...optional('paymentStatus', field(answer, 'paymentStatus')),
        ...optional('paymentResultCode', field(answer, 'paymentResultCode')),
        ...optional('paymentMethodType', field(answer, 'paymentMethodType') as string | undefined),
        ...cardResultOf(cardSource),
        ...captureOf(answer),
      }
    case 'capture':
      return {
        type: 'CAPTURE_ANSWERED',
        at,
        captureRequestId: command.captureRequestId,
        result,
        ...amount('captureAmount'),
      }
    case 'cancel':
      return { type: 'CANCEL_ANSWERED', at, result }
    case 'refund':
      return {
        type: 'REFUND_ANSWERED',
        at,
        refundRequestId: command.refundRequestId,
        result,
        ...amount('refundAmount'),
      }
    case 'inquiryRefund':
      return {
        type: 'REFUND_INQUIRY_ANSWERED',
        at,
        refundRequestId: command.refundRequestId,
        result,
        ...optional('refundStatus', field(answer, 'refundStatus')),
        ...amount('refundAmount'),
      }
  }
}

const outcomeReason = (reason: 'timeout' | 'connectionLost' | 'retriesExhausted') =>
  reason === 'connectionLost' ? 'network' : reason

/**
 * The result as the event reports it: an answer's as it came; a result code's as its typed error reads it (the
 * specification's message when the gateway sent none), the same whether or not the answer itself was kept.
 */
const reportedResult = (command: GatewayCommand, answer: AnyAnswer): GatewayResult => {
  const { resultStatus, resultCode, resultMessage } = answer.result
  const error = isAnswerResult(command.kind, answer.result) ? undefined : toApiError(command.kind, answer.result)
  return error === undefined
    ? { resultStatus, resultCode, ...optional('resultMessage', resultMessage) }
    : resultOf(error)
}

/** The result a typed result-code error stands for. */
const resultOf = (error: ApiError<Endpoint>): GatewayResult => ({
  resultStatus: error.status,
  resultCode: error.code,
  resultMessage: error.message,
})

/**
 * The machine event for the gateway's answer to `command`, whatever its result: a decline keeps what it tells of the
 * card. A pay answer that names only pages no customer may be sent to (`javascript:`...) is not believed: the outcome
 * is reconciled by inquiry instead.
 */
export const answerEvent = (command: GatewayCommand, answer: AnyAnswer, at: number): PaymentEvent => {
  if (command.kind === 'pay' && namesNoSafePage(answer)) return unansweredEvent(command, at, 'unverified')
  return answered(command, reportedResult(command, answer), at, answer)
}

/**
 * The machine event for a call that did not succeed. A result code in a signed HTTP 200 answer is the gateway's
 * answer. A request we could not even encode was never sent: it is answered as the gateway would, PARAM_ILLEGAL.
 * Everything else leaves the outcome unknown and the machine reconciles: no answer (`timeout`, `network`,
 * `retriesExhausted`), or an answer not to believe (`unverified`: not HTTP 200, unsigned, a signature that does not
 * verify, a body that does not decode, too large to read).
 */
export const failureEvent = (command: GatewayCommand, error: EndpointError<Endpoint>, at: number): PaymentEvent => {
  switch (error._tag) {
    case 'WireEncodeError':
      return answered(
        command,
        { resultStatus: 'F', resultCode: 'PARAM_ILLEGAL', resultMessage: `not sent: ${error.message}` },
        at,
      )
    case 'OutcomeUnknown':
    case 'RequestNotSent':
      return unansweredEvent(command, at, error._tag === 'OutcomeUnknown' ? outcomeReason(error.reason) : 'network')
    case 'ResponseTooLarge':
    case 'WireDecodeError':
    case 'MissingSignature':
    case 'InvalidSignature':
    case 'UnverifiedAnswer':
      return unansweredEvent(command, at, 'unverified')
    default:
      return answered(command, resultOf(error), at)
  }
}
