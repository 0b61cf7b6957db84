import type { Money } from '../money/index.js'
import { disagreement, isFullyRefunded } from './amounts.js'
import { gatewayCommand, publish, sequence } from './command-builders.js'
import type { Command, GatewayCommand } from './commands.js'
import type { Conflict, PaymentContext } from './context.js'
import type { DomainEvent } from './domain-events.js'
import type { PaymentEvent, TimerName } from './events.js'
import { reconcileDelayMs } from './policy.js'
import { amountOf, failureFrom, findRefund, recordConflict, recordRefundOutcome, refundOutcome } from './updates.js'

/** What an action decides: an optional context update and the commands it emits, in order. */
export interface Decision {
  readonly update?: Partial<PaymentContext>
  readonly commands: ReadonlyArray<Command>
}

type Decide = (context: PaymentContext, event: PaymentEvent) => Decision
/** A decision that never changes the context: only the commands it emits, in order. */
export type Emit = (context: PaymentContext, event: PaymentEvent) => ReadonlyArray<Command>

/** The decision that changes nothing and emits nothing. */
export const none: Decision = { commands: [] }
const nothing: ReadonlyArray<Command> = []
const tell = (event: DomainEvent): ReadonlyArray<Command> => [publish(event)]

const issue = (context: PaymentContext, command: GatewayCommand | undefined): Decision => {
  if (command === undefined) return none
  const seq = context.commandSeq + 1
  return { update: { commandSeq: seq }, commands: [sequence(context, command, seq)] }
}

const schedule = (timer: TimerName, dueAt: number): ReadonlyArray<Command> => [{ kind: 'scheduleTimer', timer, dueAt }]

const outstanding = (decision: Decision): Decision =>
  decision.commands.length === 0 ? decision : { ...decision, update: { ...decision.update, payOutstanding: true } }

export const callPay: Decide = (c) => outstanding(issue(c, gatewayCommand.pay(c)))
export const callCreateSession: Decide = (c) => outstanding(issue(c, gatewayCommand.createPaymentSession(c)))
export const callVerify: Decide = (c) => issue(c, gatewayCommand.verify(c))
/** Held while the pay is outstanding: its answer, or the lack of one, sends it (see `payOutstanding`). */
export const callInquiry: Decide = (c) => (c.payOutstanding ? none : issue(c, gatewayCommand.inquiry(c)))
export const callCapture: Decide = (c) => issue(c, gatewayCommand.capture(c))
/** Held while the pay is outstanding, as the inquiry is. */
export const callCancel: Decide = (c) => (c.payOutstanding ? none : issue(c, gatewayCommand.cancel(c)))

export const callRefund: Decide = (c, e) =>
  e.type === 'REFUND'
    ? issue(c, {
        kind: 'refund',
        paymentRequestId: c.paymentRequestId,
        ...(c.paymentId === undefined ? {} : { paymentId: c.paymentId }),
        refundRequestId: e.refundRequestId,
        amount: e.amount,
      })
    : none

export const callRefundInquiries: Decide = (c) => {
  const pending = c.refunds.filter((r) => r.status === 'pending')
  const commands = pending.map((r, i) =>
    sequence(c, { kind: 'inquiryRefund', refundRequestId: r.refundRequestId }, c.commandSeq + i + 1),
  )
  return { update: { commandSeq: c.commandSeq + pending.length }, commands }
}

export const scheduleExpiry: Emit = (c) =>
  c.expiresAt === undefined ? nothing : schedule('paymentExpiry', c.expiresAt)

export const scheduleReconcile: Emit = (c, e) =>
  schedule('reconcile', e.at + reconcileDelayMs(c.reconcile, c.inquiryAttempts))

export const scheduleRefundReconcile: Emit = (c, e) =>
  schedule('refundReconcile', e.at + reconcileDelayMs(c.reconcile, c.refundInquiryAttempts))

export const scheduleCaptureDeadline: Decide = (c, e) => {
  const dueAt = c.captureDeadlineAt ?? (c.authorizedAt ?? e.at) + c.captureWindowMs
  return { update: { captureDeadlineAt: dueAt }, commands: schedule('captureDeadline', dueAt) }
}

/** While a manual capture is unconfirmed the authorization can still lapse: its deadline stays armed. */
export const keepCaptureDeadline: Emit = (c) =>
  c.captureDeadlineAt === undefined ? nothing : schedule('captureDeadline', c.captureDeadlineAt)

export const cancelTimer =
  (timer: TimerName): Emit =>
  () => [{ kind: 'cancelTimer', timer }]

const conflictDecision = (c: PaymentContext, conflict: Conflict): Decision => ({
  update: recordConflict(c, conflict),
  commands: [publish({ type: 'conflict', conflict })],
})

const describeAmount = (m: Money | undefined) =>
  m === undefined ? 'nothing' : `${m.minor} ${m.currency} (minor units)`

/** The gateway reports an amount that differs from ours: recorded and surfaced, never overwritten. */
export const checkAgreement: Decide = (c, e) => {
  const expected =
    e.type === 'CAPTURE_ANSWERED' || e.type === 'CAPTURE_NOTIFIED' ? (c.capture?.amount ?? c.amount) : c.amount
  const reported = amountOf(e)
  const kind = disagreement(expected, reported)
  if (kind === undefined) return none
  const detail = `expected ${describeAmount(expected)}, gateway reported ${describeAmount(reported)}`
  return conflictDecision(c, { at: e.at, event: e.type, kind, detail })
}

const describeOutcome = (e: PaymentEvent): string => {
  const result = 'result' in e ? `${e.result.resultStatus}/${e.result.resultCode}` : 'no result'
  const status =
    e.type === 'INQUIRY_ANSWERED' && e.paymentStatus !== undefined ? ` paymentStatus=${e.paymentStatus}` : ''
  return `${e.type} reported ${result}${status}, which contradicts the settled outcome`
}

/** The gateway contradicts an outcome already settled: recorded and surfaced, never applied. */
export const reportOutcomeConflict: Decide = (c, e) =>
  conflictDecision(c, { at: e.at, event: e.type, kind: 'outcome', detail: describeOutcome(e) })

export const publishCustomerAction: Emit = (c) =>
  c.customerAction === undefined ? nothing : tell({ type: 'customerActionRequired', action: c.customerAction })

export const publishOtpRetry: Emit = (c) =>
  tell({
    type: 'customerActionRequired',
    action: { kind: 'otp' },
    ...(c.otpError === undefined ? {} : { retry: c.otpError }),
  })

export const publishAuthorized: Emit = (c) =>
  tell({ type: 'authorized', amount: c.authorized ?? c.amount, captureDeadlineAt: c.captureDeadlineAt ?? 0 })

export const publishSucceeded: Emit = (c) => tell({ type: 'succeeded', amount: c.authorized ?? c.amount })

/** Withheld while a conflict is open: a merchant must not ship against a disputed amount. */
export const publishReadyToShip: Emit = (c) =>
  c.conflicts.length > 0 ? nothing : tell({ type: 'readyToShip', amount: c.capture?.amount ?? c.amount })

export const publishCaptureFailed: Emit = (c) =>
  tell({
    type: 'captureFailed',
    code: c.capture?.failure?.code ?? 'UNKNOWN',
    ...(c.capture?.failure?.message === undefined ? {} : { message: c.capture.failure.message }),
  })

export const publishFailed: Emit = (c, e) => tell({ type: 'failed', reason: c.failure ?? failureFrom(e) })

export const publishCancelled: Emit = (c) => tell({ type: 'cancelled', reason: c.cancelReason ?? 'merchant' })

export const publishExpired: Emit = () => tell({ type: 'expired' })

/** Run before the outcome is recorded, so the refund it settles is still pending. */
export const publishRefundOutcome: Emit = (c, e) => {
  const refund = findRefund(c, e)
  const outcome = refundOutcome(e)
  if (refund === undefined || outcome === undefined) return nothing
  if (outcome === 'failed')
    return tell({
      type: 'refundFailed',
      refundRequestId: refund.refundRequestId,
      code: 'result' in e ? e.result.resultCode : 'UNKNOWN',
    })
  const fully = isFullyRefunded({ ...c, ...recordRefundOutcome(c, e) })
  return tell({ type: 'refunded', refundRequestId: refund.refundRequestId, amount: refund.amount, fully })
}
