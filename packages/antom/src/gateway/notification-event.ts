import type { InboundEvent } from '@paychart/core'
import type { GatewayResult } from '@paychart/core/result-codes'
import type { Notification } from '../schemas/index.js'
import { cardResultOf } from './card-result.js'

export interface MappedNotification {
  readonly event: InboundEvent
  /**
   * notifyType + the request id it settles + the gateway's paymentId + the result code + the amount it reports: a
   * redelivery repeats it; a notification telling other facts is another notification, and is read as one.
   */
  readonly notificationKey: string
}

const key = (...parts: ReadonlyArray<string>) => parts.join(':')

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
  refundStatus === 'FAIL' && result.resultStatus === 'S'
    ? { resultStatus: 'F', resultCode: 'REFUND_FAILED', resultMessage: 'refundStatus FAIL' }
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
        notificationKey: key(
          n.notifyType,
          n.paymentRequestId,
          n.paymentId,
          result.resultCode,
          amountKey(n.paymentAmount),
        ),
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
        notificationKey: key(
          n.notifyType,
          n.captureRequestId,
          n.paymentId,
          result.resultCode,
          amountKey(n.captureAmount),
        ),
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
        notificationKey: key(
          n.notifyType,
          n.refundRequestId,
          n.paymentId,
          outcome.resultCode,
          amountKey(n.refundAmount),
        ),
      }
    }
  }
}
