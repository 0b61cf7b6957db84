import type { InboundEvent } from '@paychart/core'
import type { GatewayResult } from '@paychart/core/result-codes'
import type { Notification } from '../schemas/index.js'
import { cardResultOf } from './card-result.js'
import { notificationKeyOf, REFUND_FAILED, refundFailed } from './notification-key.js'

export interface MappedNotification {
  readonly event: InboundEvent
  /**
   * notifyType + the request id it settles + the gateway's paymentId + the result code + the amount it reports: a
   * redelivery repeats it; a notification telling other facts is another notification, and is read as one.
   */
  readonly notificationKey: string
}

const amountKey = (amount: { readonly currency: string; readonly minor: number } | undefined) =>
  amount === undefined ? '' : `${amount.minor}${amount.currency}`

const withMessage = (result: Notification['result']): GatewayResult =>
  result.resultMessage === undefined
    ? { resultStatus: result.resultStatus, resultCode: result.resultCode }
    : { resultStatus: result.resultStatus, resultCode: result.resultCode, resultMessage: result.resultMessage }

/**
 * A refund notification says how the refund ended in `refundStatus`; its `result` only says the notification is
 * well formed. The machine reads the outcome from `result`, so a FAIL becomes an F result.
 */
const refundResult = (result: GatewayResult, refundStatus: 'SUCCESS' | 'FAIL'): GatewayResult =>
  refundFailed(result.resultStatus, refundStatus)
    ? { resultStatus: 'F', resultCode: REFUND_FAILED, resultMessage: 'refundStatus FAIL' }
    : result

/** The machine event a decoded notification reports, received at `at`, and its de-duplication key. */
export const notificationEvent = (notification: Notification, at: number): MappedNotification => {
  const result = withMessage(notification.result)
  switch (notification.notifyType) {
    case 'PAYMENT_RESULT':
    case 'PAYMENT_PENDING': {
      const n = notification as Extract<Notification, { readonly notifyType: 'PAYMENT_RESULT' | 'PAYMENT_PENDING' }>
      return {
        event: {
          type: 'PAYMENT_NOTIFIED',
          at,
          notifyType: n.notifyType,
          result,
          paymentRequestId: n.paymentRequestId,
          paymentId: n.paymentId,
          amount: n.paymentAmount,
          ...(n.paymentMethodType === undefined ? {} : { paymentMethodType: n.paymentMethodType }),
          ...cardResultOf(n),
        },
        notificationKey: notificationKeyOf({
          notifyType: n.notifyType,
          requestId: n.paymentRequestId,
          paymentId: n.paymentId,
          resultCode: result.resultCode,
          amount: amountKey(n.paymentAmount),
        }),
      }
    }
    case 'CAPTURE_RESULT': {
      const n = notification as Extract<Notification, { readonly notifyType: 'CAPTURE_RESULT' }>
      return {
        event: {
          type: 'CAPTURE_NOTIFIED',
          at,
          captureRequestId: n.captureRequestId,
          result,
          amount: n.captureAmount,
          paymentId: n.paymentId,
        },
        notificationKey: notificationKeyOf({
          notifyType: n.notifyType,
          requestId: n.captureRequestId,
          paymentId: n.paymentId,
          resultCode: result.resultCode,
          amount: amountKey(n.captureAmount),
        }),
      }
    }
    case 'REFUND_RESULT': {
      const n = notification as Extract<Notification, { readonly notifyType: 'REFUND_RESULT' }>
      const outcome = refundResult(result, n.refundStatus)
      return {
        event: {
          type: 'REFUND_NOTIFIED',
          at,
          refundRequestId: n.refundRequestId,
          result: outcome,
          amount: n.refundAmount,
          paymentId: n.paymentId,
        },
        notificationKey: notificationKeyOf({
          notifyType: n.notifyType,
          requestId: n.refundRequestId,
          paymentId: n.paymentId,
          resultCode: outcome.resultCode,
          amount: amountKey(n.refundAmount),
        }),
      }
    }
  }
}
