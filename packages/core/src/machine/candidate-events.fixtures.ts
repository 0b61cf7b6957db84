import type { PaymentContext } from './context.js'
import type { GatewayOperation, PaymentEvent } from './events.js'
import { failed, inProcess, ok, T0, unknown, usd } from './machine.fixtures.js'
import { lateCaptureLastLook, latePayLastLook, lateRefundLastLook } from './policy.js'

const OPERATIONS: ReadonlyArray<GatewayOperation> = [
  'pay',
  'createPaymentSession',
  'verifyAndCompletePayment',
  'inquiryPayment',
  'capture',
  'cancel',
  'refund',
  'inquiryRefund',
]

const earlierCaptureLanded = (context: PaymentContext, at: number): PaymentEvent[] => {
  const earlier = context.earlierCaptures[0]?.captureRequestId
  if (earlier === undefined) return []
  const capture = { status: 'SUCCESS', captureRequestId: earlier } as const
  return [
    { type: 'CAPTURE_ANSWERED', at, captureRequestId: earlier, result: ok },
    { type: 'CAPTURE_NOTIFIED', at, captureRequestId: earlier, result: ok },
    { type: 'INQUIRY_ANSWERED', at, result: ok, paymentStatus: 'SUCCESS', capture },
  ]
}

/**
 * Every event a payment may receive, in every variant a guard tells apart, with request ids taken from the
 * payment itself where a guard compares them. Amounts assume a payment of 100.00 USD.
 */
export const candidateEvents = (context: PaymentContext, at = T0): PaymentEvent[] => {
  const verifyRequestId = context.customer.verifyRequestId ?? 'V1'
  const captureRequestId = context.capture?.captureRequestId ?? 'C1'
  const pending = context.refunds.find((r) => r.status === 'pending')?.refundRequestId
  const pendingRefund = pending ?? 'R1'
  const settled = context.refunds.findLast((r) => r.status === 'succeeded')?.refundRequestId
  return [
    { type: 'SUBMIT', at },
    { type: 'CANCEL', at },
    { type: 'DISCARD_DRAFT', at },
    { type: 'CUSTOMER_RETURNED', at },
    { type: 'OTP_SUBMITTED', at, verifyRequestId: `V${context.counts.otpAttempts + 1}` },
    { type: 'CAPTURE', at, captureRequestId: 'C1' },
    { type: 'CAPTURE', at, captureRequestId: 'C2', amount: usd(20_000) },
    // A capture after one that failed; then the one that failed, given up, tells that it succeeded after all.
    { type: 'CAPTURE', at, captureRequestId: 'C3', amount: usd(6_000) },
    ...earlierCaptureLanded(context, at),
    { type: 'REFUND', at, refundRequestId: 'R1', amount: usd(3_000) },
    { type: 'REFUND', at, refundRequestId: 'R2', amount: usd(7_000) },
    { type: 'REFUND', at, refundRequestId: 'R3', amount: usd(20_000) },
    { type: 'PAY_ANSWERED', at, result: ok, paymentId: 'P1', amount: usd(10_000) },
    { type: 'PAY_ANSWERED', at, result: ok, paymentId: 'P1', amount: usd(9_000) },
    {
      type: 'PAY_ANSWERED',
      at,
      result: inProcess,
      paymentId: 'P1',
      nextAction: { kind: 'redirect', url: 'https://w' },
    },
    {
      type: 'PAY_ANSWERED',
      at,
      result: inProcess,
      paymentId: 'P1',
      nextAction: { kind: 'threeDS', url: 'https://acs' },
    },
    { type: 'PAY_ANSWERED', at, result: inProcess, paymentId: 'P1', nextAction: { kind: 'otp' } },
    { type: 'PAY_ANSWERED', at, result: inProcess },
    { type: 'PAY_ANSWERED', at, result: failed('DO_NOT_HONOR') },
    { type: 'PAY_ANSWERED', at, result: unknown('UNKNOWN_EXCEPTION') },
    { type: 'SESSION_ANSWERED', at, result: ok, paymentSessionId: 'S1' },
    { type: 'SESSION_ANSWERED', at, result: failed('PARAM_ILLEGAL') },
    { type: 'VERIFY_ANSWERED', at, verifyRequestId, result: ok, paymentId: 'P1' },
    { type: 'VERIFY_ANSWERED', at, verifyRequestId, result: failed('VERIFY_UNMATCHED') },
    { type: 'VERIFY_ANSWERED', at, verifyRequestId, result: failed('EXPIRED_CODE') },
    { type: 'VERIFY_ANSWERED', at, verifyRequestId, result: failed('ORDER_STATUS_INVALID') },
    { type: 'VERIFY_ANSWERED', at, verifyRequestId, result: unknown('UNKNOWN_EXCEPTION') },
    { type: 'VERIFY_ANSWERED', at, verifyRequestId: 'V-stale', result: ok },
    { type: 'INQUIRY_ANSWERED', at, result: ok, paymentStatus: 'SUCCESS', paymentId: 'P1', amount: usd(10_000) },
    { type: 'INQUIRY_ANSWERED', at, result: ok, paymentStatus: 'SUCCESS', capture: { status: 'SUCCESS' } },
    { type: 'INQUIRY_ANSWERED', at, result: ok, paymentStatus: 'SUCCESS', capture: { status: 'FAIL' } },
    { type: 'INQUIRY_ANSWERED', at, result: ok, paymentStatus: 'FAIL', paymentResultCode: 'DO_NOT_HONOR' },
    { type: 'INQUIRY_ANSWERED', at, result: ok, paymentStatus: 'CANCELLED' },
    { type: 'INQUIRY_ANSWERED', at, result: ok, paymentStatus: 'PROCESSING' },
    { type: 'INQUIRY_ANSWERED', at, result: ok, paymentStatus: 'PROCESSING', paymentMethodType: 'BANKTRANSFER_PAYNOW' },
    { type: 'INQUIRY_ANSWERED', at, result: failed('ORDER_NOT_EXIST') },
    // The same answer once the payment's expiry has passed: no pay may be sent again then.
    {
      type: 'INQUIRY_ANSWERED',
      at: Math.max(at, (context.times.expiresAt ?? at) + 1),
      result: failed('ORDER_NOT_EXIST'),
    },
    { type: 'INQUIRY_ANSWERED', at, result: unknown('UNKNOWN_EXCEPTION') },
    { type: 'CAPTURE_ANSWERED', at, captureRequestId, result: ok, amount: usd(10_000) },
    { type: 'CAPTURE_ANSWERED', at, captureRequestId, result: failed('ORDER_STATUS_INVALID') },
    { type: 'CAPTURE_ANSWERED', at, captureRequestId, result: failed('PROCESS_FAIL') },
    { type: 'CAPTURE_ANSWERED', at, captureRequestId, result: unknown('UNKNOWN_EXCEPTION') },
    { type: 'CAPTURE_NOTIFIED', at, captureRequestId, result: ok },
    { type: 'CAPTURE_NOTIFIED', at, captureRequestId, result: failed('PROCESS_FAIL') },
    { type: 'CANCEL_ANSWERED', at, result: ok },
    { type: 'CANCEL_ANSWERED', at, result: failed('ORDER_STATUS_INVALID') },
    { type: 'CANCEL_ANSWERED', at, result: failed('ORDER_NOT_EXIST') },
    { type: 'CANCEL_ANSWERED', at, result: unknown('UNKNOWN_EXCEPTION') },
    { type: 'REFUND_ANSWERED', at, refundRequestId: pendingRefund, result: ok },
    { type: 'REFUND_ANSWERED', at, refundRequestId: pendingRefund, result: failed('PROCESS_FAIL') },
    { type: 'REFUND_ANSWERED', at, refundRequestId: pendingRefund, result: unknown('UNKNOWN_EXCEPTION') },
    { type: 'REFUND_NOTIFIED', at, refundRequestId: 'R1', result: ok },
    { type: 'REFUND_NOTIFIED', at, refundRequestId: 'R1', result: failed('PROCESS_FAIL') },
    { type: 'REFUND_INQUIRY_ANSWERED', at, refundRequestId: pendingRefund, result: ok, refundStatus: 'SUCCESS' },
    { type: 'REFUND_INQUIRY_ANSWERED', at, refundRequestId: pendingRefund, result: ok, refundStatus: 'FAIL' },
    { type: 'REFUND_INQUIRY_ANSWERED', at, refundRequestId: pendingRefund, result: ok, refundStatus: 'PROCESSING' },
    { type: 'PAYMENT_NOTIFIED', at, notifyType: 'PAYMENT_RESULT', result: ok, paymentId: 'P1', amount: usd(10_000) },
    { type: 'PAYMENT_NOTIFIED', at, notifyType: 'PAYMENT_RESULT', result: failed('RISK_REJECT') },
    { type: 'PAYMENT_NOTIFIED', at, notifyType: 'PAYMENT_PENDING', result: inProcess },
    // Reports whose facts are not the payment's: another paymentId, another amount.
    { type: 'PAYMENT_NOTIFIED', at, notifyType: 'PAYMENT_RESULT', result: ok, paymentId: 'P2', amount: usd(10_000) },
    { type: 'INQUIRY_ANSWERED', at, result: ok, paymentStatus: 'SUCCESS', paymentId: 'P1', amount: usd(9_000) },
    { type: 'VERIFY_ANSWERED', at, verifyRequestId, result: ok, paymentId: 'P1', amount: usd(9_000) },
    { type: 'CAPTURE_ANSWERED', at, captureRequestId, result: ok, amount: usd(1) },
    { type: 'CAPTURE_NOTIFIED', at, captureRequestId, result: ok, amount: usd(1) },
    ...(pending === undefined
      ? []
      : ([
          { type: 'REFUND_NOTIFIED', at, refundRequestId: pending, result: ok },
          { type: 'REFUND_ANSWERED', at, refundRequestId: pending, result: ok, amount: usd(1) },
          { type: 'REFUND_NOTIFIED', at, refundRequestId: pending, result: ok, amount: usd(1) },
          {
            type: 'REFUND_INQUIRY_ANSWERED',
            at,
            refundRequestId: pending,
            result: ok,
            refundStatus: 'SUCCESS',
            amount: usd(1),
          },
          // The gateway has no trace of the refund.
          { type: 'REFUND_INQUIRY_ANSWERED', at, refundRequestId: pending, result: failed('ORDER_NOT_EXIST') },
        ] satisfies PaymentEvent[])),
    // A settled refund reported again for another amount.
    ...(settled === undefined
      ? []
      : ([
          { type: 'REFUND_ANSWERED', at, refundRequestId: settled, result: ok, amount: usd(1) },
          { type: 'REFUND_NOTIFIED', at, refundRequestId: settled, result: ok, amount: usd(1) },
          {
            type: 'REFUND_INQUIRY_ANSWERED',
            at,
            refundRequestId: settled,
            result: ok,
            refundStatus: 'SUCCESS',
            amount: usd(1),
          },
        ] satisfies PaymentEvent[])),
    // Refunds made in the gateway's dashboard, one that fits and one larger than any capture, and what the gateway's
    // refund inquiry then says of them (the first's notification told less than it was).
    { type: 'REFUND_NOTIFIED', at, refundRequestId: 'DASHBOARD-1', result: ok, amount: usd(1_000) },
    { type: 'REFUND_NOTIFIED', at, refundRequestId: 'DASHBOARD-2', result: ok, amount: usd(20_000) },
    ...(['DASHBOARD-1', 'DASHBOARD-2'] as const).flatMap((refundRequestId): PaymentEvent[] =>
      context.refunds.some((r) => r.refundRequestId === refundRequestId && r.status === 'pending')
        ? [
            {
              type: 'REFUND_INQUIRY_ANSWERED',
              at,
              refundRequestId,
              result: ok,
              refundStatus: 'SUCCESS',
              amount: usd(refundRequestId === 'DASHBOARD-1' ? 5_000 : 20_000),
            },
          ]
        : [],
    ),
    { type: 'ACKNOWLEDGE_CONFLICTS', at },
    { type: 'TIMER_FIRED', at, timer: 'paymentExpiry' },
    { type: 'TIMER_FIRED', at, timer: 'captureDeadline' },
    { type: 'TIMER_FIRED', at, timer: 'reconcile' },
    { type: 'TIMER_FIRED', at, timer: 'refundReconcile' },
    { type: 'TIMER_FIRED', at, timer: 'lastLook' },
    // The last looks the payment has to come, each at its due time.
    ...[latePayLastLook(context), lateCaptureLastLook(context), ...context.refunds.map(lateRefundLastLook)].flatMap(
      (dueAt): PaymentEvent[] =>
        dueAt === undefined ? [] : [{ type: 'TIMER_FIRED', at: Math.max(at, dueAt), timer: 'lastLook', dueAt }],
    ),
    ...OPERATIONS.map((operation): PaymentEvent => {
      const requestId = {
        verifyAndCompletePayment: verifyRequestId,
        capture: captureRequestId,
        refund: pendingRefund,
        inquiryRefund: context.inFlight.lastLook?.refundRequestIds[0] ?? pendingRefund,
      }
      const id = (requestId as Partial<Record<GatewayOperation, string>>)[operation]
      return {
        type: 'GATEWAY_UNANSWERED',
        at,
        operation,
        reason: 'timeout',
        ...(id === undefined ? {} : { requestId: id }),
      }
    }),
  ]
}
