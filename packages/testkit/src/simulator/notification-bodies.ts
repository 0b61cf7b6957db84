import { toWire } from '@paychart/core/money'
import { isoTime } from './clock.js'
import type { NotificationBody } from './notification-records.js'
import { paymentResultInfo } from './responses.js'
import { result } from './results.js'
import type { CaptureRecord, PaymentRecord, RefundRecord } from './state.js'

/** notifyPayment: PAYMENT_RESULT with the payment's final result, or PAYMENT_PENDING while it is in process. */
export const paymentNotification = (payment: PaymentRecord, pending = false): NotificationBody => {
  const info = paymentResultInfo(payment)
  return {
    notifyType: pending ? 'PAYMENT_PENDING' : 'PAYMENT_RESULT',
    result: result(pending ? 'PAYMENT_IN_PROCESS' : payment.resultCode),
    paymentRequestId: payment.paymentRequestId,
    paymentId: payment.paymentId,
    paymentAmount: toWire(payment.amount),
    paymentCreateTime: isoTime(payment.createdAt),
    ...(payment.paidAt === undefined ? {} : { paymentTime: isoTime(payment.paidAt) }),
    paymentMethodType: payment.paymentMethodType,
    ...(info === undefined ? {} : { paymentResultInfo: info }),
  }
}

/** notifyCapture: CAPTURE_RESULT. */
export const captureNotification = (payment: PaymentRecord, capture: CaptureRecord): NotificationBody => ({
  notifyType: 'CAPTURE_RESULT',
  result: result('SUCCESS'),
  captureRequestId: capture.captureRequestId,
  captureId: capture.captureId,
  paymentId: payment.paymentId,
  captureAmount: toWire(capture.amount),
  captureTime: isoTime(capture.at),
})

/** notifyRefund: REFUND_RESULT, whose refundStatus is the refund's final status (SUCCESS or FAIL). */
export const refundNotification = (refund: RefundRecord): NotificationBody => ({
  notifyType: 'REFUND_RESULT',
  result: result('SUCCESS'),
  refundStatus: refund.status,
  refundRequestId: refund.refundRequestId,
  refundId: refund.refundId,
  paymentId: refund.paymentId,
  refundAmount: toWire(refund.amount),
  refundTime: isoTime(refund.at),
})
