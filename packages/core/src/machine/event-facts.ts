import type { GatewayResult } from '../result-codes/index.js'
import type { PaymentEvent } from './events.js'

/** The `result` an event carries, if it carries one. */
export const resultOf = (event: PaymentEvent): GatewayResult | undefined =>
  'result' in event ? event.result : undefined

export const statusOf = (event: PaymentEvent): GatewayResult['resultStatus'] | undefined =>
  resultOf(event)?.resultStatus

export const codeOf = (event: PaymentEvent): string | undefined => resultOf(event)?.resultCode

/** Whether the event answers the pay or the session request: with an answer, or with none at all. */
export const answersPay = (event: PaymentEvent): boolean =>
  event.type === 'PAY_ANSWERED' ||
  event.type === 'SESSION_ANSWERED' ||
  (event.type === 'GATEWAY_UNANSWERED' && (event.operation === 'pay' || event.operation === 'createPaymentSession'))

/** The capture request id an event names: an answer's, a notification's, an unanswered call's, an inquiry's. */
export const captureRequestIdOf = (event: PaymentEvent): string | undefined => {
  switch (event.type) {
    case 'CAPTURE_ANSWERED':
    case 'CAPTURE_NOTIFIED':
      return event.captureRequestId
    case 'GATEWAY_UNANSWERED':
      return event.requestId
    case 'INQUIRY_ANSWERED':
      return event.capture?.captureRequestId
    default:
      return undefined
  }
}

/** Whether the event reports the payment itself as paid (answer, inquiry or notification). */
export const reportsPaymentSuccess = (event: PaymentEvent): boolean => {
  switch (event.type) {
    case 'PAY_ANSWERED':
    case 'VERIFY_ANSWERED':
      return event.result.resultStatus === 'S'
    case 'PAYMENT_NOTIFIED':
      return event.notifyType === 'PAYMENT_RESULT' && event.result.resultStatus === 'S'
    case 'INQUIRY_ANSWERED':
      return event.result.resultStatus === 'S' && event.paymentStatus === 'SUCCESS'
    case 'CAPTURE_NOTIFIED':
      return event.result.resultStatus === 'S'
    default:
      return false
  }
}

/** Whether the event reports the payment itself as finally failed. */
export const reportsPaymentFailure = (event: PaymentEvent): boolean => {
  switch (event.type) {
    case 'PAYMENT_NOTIFIED':
      return event.notifyType === 'PAYMENT_RESULT' && event.result.resultStatus === 'F'
    case 'INQUIRY_ANSWERED':
      return event.result.resultStatus === 'S' && event.paymentStatus === 'FAIL'
    default:
      return false
  }
}

export const inquiryStatus = (event: PaymentEvent) =>
  event.type === 'INQUIRY_ANSWERED' && event.result.resultStatus === 'S' ? event.paymentStatus : undefined

/** Whether the event names the payment method, for a session whose method was unknown. */
export const methodOf = (event: PaymentEvent): string | undefined =>
  'paymentMethodType' in event ? event.paymentMethodType : undefined

/** Whether the event answers a call we made about the payment, by its paymentRequestId: pay, verification, inquiry. */
export const answersOwnCall = (event: PaymentEvent): boolean =>
  event.type === 'PAY_ANSWERED' || event.type === 'VERIFY_ANSWERED' || event.type === 'INQUIRY_ANSWERED'
