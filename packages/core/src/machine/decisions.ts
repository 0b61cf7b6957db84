import { alreadyOpen, describeMoney, disagreementOf, hasOpenConflict, refundsToInquire } from './agreement.js'
import { capturedMinor, isFullyRefunded, refundedMinor } from './amounts.js'
import { gatewayCommand, publish, sequence } from './command-builders.js'
import type { Command, GatewayCommand } from './commands.js'
import type { Conflict, ConflictSubject, LastLookAsked, PaymentContext, RefundRecord } from './context.js'
import type { DomainEvent } from './domain-events.js'
import type { PaymentEvent, TimerName } from './events.js'
import { lastLookUnanswered, ownResultUnheard } from './guards.js'
import {
  dueAtOf,
  LAST_LOOK_ANSWER_MS,
  LATE_PAY_WATCH_MS,
  lateCaptureLastLook,
  lateCaptureWatchEnd,
  latePayLastLook,
  latePayWatchEnd,
  lateRefundLastLook,
  lateRefundWatchEnd,
  reconcileDelayMs,
  reversalRequestId,
} from './policy.js'
import * as u from './updates.js'
import {
  amountOf,
  failureFrom,
  findRefund,
  recordConflict,
  recordRefundOutcome,
  refundIdOf,
  refundOutcome,
} from './updates.js'

/** What an action decides: an optional context update and the commands it emits, in order. */
export interface Decision {
  readonly update?: Partial<PaymentContext>
  readonly commands: ReadonlyArray<Command>
}

type Decide = (context: PaymentContext, event: PaymentEvent) => Decision
/** A decision that never changes the context: only the commands it emits, in order. */
export type Instruct = (context: PaymentContext, event: PaymentEvent) => ReadonlyArray<Command>

/** The decision that changes nothing and emits nothing. */
export const none: Decision = { commands: [] }
const nothing: ReadonlyArray<Command> = []
const tell = (event: DomainEvent): ReadonlyArray<Command> => [publish(event)]

const issue = (context: PaymentContext, command: GatewayCommand | undefined): Decision => {
  if (command === undefined) return none
  const seq = context.counts.commandSeq + 1
  return { update: { counts: { ...context.counts, commandSeq: seq } }, commands: [sequence(context, command, seq)] }
}

const schedule = (timer: TimerName, dueAt: number): ReadonlyArray<Command> => [{ kind: 'scheduleTimer', timer, dueAt }]

const outstanding = (context: PaymentContext, decision: Decision): Decision =>
  decision.commands.length === 0
    ? decision
    : { ...decision, update: { ...decision.update, inFlight: { ...context.inFlight, payOutstanding: true } } }

export const callPay: Decide = (c) => outstanding(c, issue(c, gatewayCommand.pay(c)))
export const callCreateSession: Decide = (c) => outstanding(c, issue(c, gatewayCommand.createPaymentSession(c)))
export const callVerify: Decide = (c) => issue(c, gatewayCommand.verify(c))
/**
 * Held while the pay is outstanding: its answer, or the lack of one, sends it (see `payOutstanding`). Marks an
 * inquiry in flight until its answer (see `releaseInquiry`), so that a customer's return does not ask again meanwhile.
 */
export const callInquiry: Decide = (c, e): Decision => {
  if (c.inFlight.payOutstanding) return none
  const issued = issue(c, gatewayCommand.inquiry(c))
  return {
    ...issued,
    update: { ...issued.update, inFlight: { ...c.inFlight, inquirySentAt: e.at, inquiryOutstanding: true } },
  }
}
export const callCapture: Decide = (c) => issue(c, gatewayCommand.capture(c))
/**
 * A success that landed after the payment closed on ORDER_NOT_EXIST: the merchant was told it expired (or was
 * cancelled), so what the gateway authorized is released with a cancel, sent again until the gateway answers it.
 */
export const cancelLateSuccess: Decide = (c, e): Decision => {
  const issued = issue(c, gatewayCommand.cancel(c))
  return { ...issued, update: { ...issued.update, ...u.cardTold(e), cancel: { ...c.cancel, lateSuccessAt: e.at } } }
}

/**
 * A success that landed after the payment closed was captured (an inquiry after the gateway refused to cancel it, or
 * the capture's notification): the buyer paid for a payment the merchant was told did not happen. The gateway's capture
 * is recorded and refunded in full, once, under its own stable request id, and the merchant is told.
 */
export const reverseLateSuccess: Decide = (c, e): Decision => {
  if (c.cancel.lateCancel === 'kept') return none
  const amount = amountOf(e) ?? c.amount
  const refundRequestId = reversalRequestId(c)
  const refunds = [...c.refunds, u.pendingRefund(refundRequestId, amount, e.at)]
  const issued = issue(c, gatewayCommand.refund(c, refundRequestId, amount))
  return {
    update: {
      ...issued.update,
      ...u.cardTold(e),
      cancel: { ...c.cancel, lateCancel: 'kept' },
      authorized: amount,
      capture: { amount, status: 'succeeded' },
      refunds,
    },
    commands: [
      ...tell({ type: 'lateSuccessReversed', refundRequestId, amount }),
      ...issued.commands,
      ...scheduleRefundReconcile(c, e),
    ],
  }
}

/** Held while the pay is outstanding, as the inquiry is. */
export const callCancel: Decide = (c) => (c.inFlight.payOutstanding ? none : issue(c, gatewayCommand.cancel(c)))

export const callRefund: Decide = (c, e): Decision =>
  e.type === 'REFUND' ? issue(c, gatewayCommand.refund(c, e.refundRequestId, e.amount)) : none

/** The refund an inquiry found no trace of, sent again under its own refundRequestId (see `countRefundSend`). */
export const callRefundAgain: Decide = (c, e): Decision => {
  const refund = findRefund(c, e)
  return refund === undefined || refund.status !== 'pending'
    ? none
    : issue(c, gatewayCommand.refund(c, refund.refundRequestId, refund.amount))
}

/** An inquiry for each of `refunds`, in order, under the payment's next command numbers. */
const inquireAbout = (c: PaymentContext, refunds: ReadonlyArray<RefundRecord>): Decision => {
  const commands = refunds.map((r, i) =>
    sequence(c, { kind: 'inquiryRefund', refundRequestId: r.refundRequestId }, c.counts.commandSeq + i + 1),
  )
  return { update: { counts: { ...c.counts, commandSeq: c.counts.commandSeq + refunds.length } }, commands }
}

export const callRefundInquiries: Decide = (c, e) => inquireAbout(c, refundsToInquire(c, dueAtOf(e)))

export const scheduleExpiry: Instruct = (c): ReadonlyArray<Command> =>
  c.times.expiresAt === undefined ? nothing : schedule('paymentExpiry', c.times.expiresAt)

/** When the next inquiry is due: the reconcile backoff after as many as were sent. */
const nextReconcileAt = (c: PaymentContext, e: PaymentEvent): number =>
  e.at + reconcileDelayMs(c.terms.reconcile, c.counts.inquiryAttempts)

export const scheduleReconcile: Instruct = (c, e): ReadonlyArray<Command> =>
  schedule('reconcile', nextReconcileAt(c, e))

/**
 * The next look of a watch that ends at `end`: at the backoff while it falls inside the watch, else at the end itself,
 * so that the last look is made when the watch ends and not a backoff step before (a send landing in between, its
 * notification lost, would never be seen). None once the watch is over.
 */
const nextLook = (at: number, dueAt: number, end: number | undefined): number | undefined =>
  end === undefined || at >= end ? undefined : Math.min(dueAt, end)

/** Closed on ORDER_NOT_EXIST: the next look for a pay that lands late, while the watch lasts (`LATE_PAY_WATCH_MS`). */
export const watchForLatePay: Instruct = (c, e): ReadonlyArray<Command> => {
  const lookAt = nextLook(e.at, nextReconcileAt(c, e), (c.cancel.notFoundAt ?? e.at) + LATE_PAY_WATCH_MS)
  return lookAt === undefined ? nothing : schedule('reconcile', lookAt)
}

/** The earliest last look after `at` (see `LAST_LOOK_AFTER_WATCH_MS`): the closed payment's, the capture's, a refund's. */
const nextLastLook = (c: PaymentContext, at: number): number | undefined => {
  const ahead = [latePayLastLook(c), lateCaptureLastLook(c), ...c.refunds.map(lateRefundLastLook)].filter(
    (look): look is number => look !== undefined && look > at,
  )
  return ahead.length === 0 ? undefined : Math.min(...ahead)
}

/** A send given up without trace: the last-look timer, at the earliest look still to come. */
export const scheduleLastLook: Instruct = (c, e): ReadonlyArray<Command> => {
  const lookAt = nextLastLook(c, e.at)
  return lookAt === undefined ? nothing : schedule('lastLook', lookAt)
}

/**
 * A look still in play when another is made: one to be made again, or one made within `LAST_LOOK_ANSWER_MS` whose
 * inquiries may yet go unanswered (two timers a relay fires in one pass, a watch's and a last look).
 */
const lookInPlay = (c: PaymentContext, at: number): LastLookAsked | undefined => {
  const look = c.inFlight.lastLook
  return look !== undefined && (look.askAgain || at - look.askedAt <= LAST_LOOK_ANSWER_MS) ? look : undefined
}

/** The record of a look made at `at`: it keeps what a look still in play asked, so that either unanswered asks again. */
const recordLook = (
  c: PaymentContext,
  at: number,
  asked: Pick<LastLookAsked, 'payment' | 'refundRequestIds' | 'askAgain'>,
): LastLookAsked => {
  const previous = lookInPlay(c, at)
  return {
    askedAt: at,
    payment: asked.payment || previous?.payment === true,
    refundRequestIds: [...new Set([...(previous?.refundRequestIds ?? []), ...asked.refundRequestIds])],
    unanswered: previous?.unanswered ?? 0,
    askAgain: asked.askAgain,
  }
}

/**
 * The last looks due, and the look made again when one of its inquiries went unanswered: the payment asked about when a
 * pay or a capture given up may have landed, each refund given up asked about; then the timer is set for the next look,
 * if any.
 */
export const lookLastTime: Decide = (c, e): Decision => {
  const due = dueAtOf(e)
  const again = c.inFlight.lastLook?.askAgain === true ? c.inFlight.lastLook : undefined
  const askPayment = latePayLastLook(c) === due || lateCaptureLastLook(c) === due || again?.payment === true
  const payment = askPayment ? callInquiry(c, e) : none
  const lookedFor = c.refunds.filter(
    (r) =>
      lateRefundLastLook(r) === due || (r.status === 'failed' && again?.refundRequestIds.includes(r.refundRequestId)),
  )
  const refunds = inquireAbout({ ...c, ...payment.update }, lookedFor)
  const next = nextLastLook(c, due)
  const asked = { payment: payment.commands.length > 0, refundRequestIds: lookedFor.map((r) => r.refundRequestId) }
  const lastLook = recordLook(c, e.at, { ...asked, askAgain: false })
  return {
    update: {
      ...payment.update,
      ...refunds.update,
      ...(asked.payment || asked.refundRequestIds.length > 0
        ? { inFlight: { ...(payment.update?.inFlight ?? c.inFlight), lastLook } }
        : {}),
    },
    commands: [
      ...payment.commands,
      ...refunds.commands,
      ...(next === undefined ? nothing : schedule('lastLook', next)),
    ],
  }
}

/**
 * An inquiry of the latest last look went unanswered: the look is made again at the reconcile backoff (or at the next
 * look, when that comes first), until one is answered.
 */
export const lookAgainIfUnanswered: Decide = (c, e): Decision => {
  const look = c.inFlight.lastLook
  if (look === undefined || !lastLookUnanswered(c, e)) return none
  const again = e.at + reconcileDelayMs(c.terms.reconcile, look.unanswered)
  const next = nextLastLook(c, e.at)
  return {
    update: { inFlight: { ...c.inFlight, lastLook: { ...look, unanswered: look.unanswered + 1, askAgain: true } } },
    commands: schedule('lastLook', next === undefined ? again : Math.min(again, next)),
  }
}

/**
 * A watch's last look (the one at its end, or one that a relay down for a while made past it), recorded as a last look
 * is: should one of its inquiries go unanswered, the look is made again until one is answered (see
 * `lookAgainIfUnanswered`). Else a send that landed inside the watch, its notification and every look since lost, would
 * stay untold until the last look a day on: for a refund, a day in which a merchant reading `failed` may refund twice.
 * A look still to be made again stays to be made again, with this one's asks.
 */
export const recordWatchEndLook: Decide = (c, e): Decision => {
  const due = dueAtOf(e)
  const ends = (end: number | undefined) => end !== undefined && due <= end && e.at >= end
  const payment = !c.inFlight.payOutstanding && (ends(latePayWatchEnd(c)) || ends(lateCaptureWatchEnd(c)))
  const refundRequestIds = c.refunds.filter((r) => ends(lateRefundWatchEnd(r))).map((r) => r.refundRequestId)
  if (!payment && refundRequestIds.length === 0) return none
  const askAgain = c.inFlight.lastLook?.askAgain === true
  const lastLook = recordLook(c, e.at, { payment, refundRequestIds, askAgain })
  return { update: { inFlight: { ...c.inFlight, lastLook } }, commands: nothing }
}

/**
 * A cancel refused for a payment the gateway had authorized: the inquiry sent then is recorded as a look, so that,
 * unanswered, it is made again until answered (see `lookAgainIfUnanswered`). The gateway refused because something
 * happened to the payment, a capture given up that landed say, whose watch may have ended while the cancel was being
 * sent again: nothing else would ask before the last look a day on.
 */
export const lookAfterRefusedCancel: Decide = (c, e): Decision => {
  const lastLook = recordLook(c, e.at, { payment: true, refundRequestIds: [], askAgain: false })
  return { update: { inFlight: { ...c.inFlight, lastLook } }, commands: nothing }
}

/** A capture given up without trace: the next look for it, while the watch lasts (`LATE_CAPTURE_WATCH_MS`). */
export const watchForLateCapture: Instruct = (c, e): ReadonlyArray<Command> => {
  const lookAt = nextLook(e.at, nextReconcileAt(c, e), lateCaptureWatchEnd(c))
  return lookAt === undefined ? nothing : schedule('reconcile', lookAt)
}

/** Settled with a conflict still open (a timer of the state before was cancelled on leaving it): ask again. */
export const reconcileIfConflicted: Instruct = (c, e): ReadonlyArray<Command> =>
  hasOpenConflict(c, ['payment', 'capture']) ? scheduleReconcile(c, e) : nothing

/** The next refund inquiry: at the backoff, or sooner when the watch of a refund given up without trace ends first. */
export const scheduleRefundReconcile: Instruct = (c, e): ReadonlyArray<Command> => {
  const dueAt = e.at + reconcileDelayMs(c.terms.reconcile, c.counts.refundInquiryAttempts)
  const watchEnds = c.refunds.flatMap((r) => {
    const end = lateRefundWatchEnd(r)
    return end !== undefined && end > e.at ? [end] : []
  })
  return schedule('refundReconcile', Math.min(dueAt, ...watchEnds))
}

/** The gateway refused the cancel the capture deadline sent: sent again, it would be refused again. */
const deadlineCancelRefused = (c: PaymentContext): boolean =>
  c.cancel.reason === 'captureDeadline' && c.cancel.refusedAt !== undefined

export const scheduleCaptureDeadline: Decide = (c, e): Decision => {
  if (deadlineCancelRefused(c)) return none
  const dueAt = c.times.captureDeadlineAt ?? (c.times.authorizedAt ?? e.at) + c.terms.captureWindowMs
  return { update: { times: { ...c.times, captureDeadlineAt: dueAt } }, commands: schedule('captureDeadline', dueAt) }
}

/** While a manual capture is unconfirmed the authorization can still lapse: its deadline stays armed. */
export const keepCaptureDeadline: Instruct = (c): ReadonlyArray<Command> =>
  c.times.captureDeadlineAt === undefined || deadlineCancelRefused(c)
    ? nothing
    : schedule('captureDeadline', c.times.captureDeadlineAt)

export const cancelTimer =
  (timer: TimerName): Instruct =>
  () => [{ kind: 'cancelTimer', timer }]

/**
 * Refunded in full: the reconcile timer goes, unless it is the one that asks again for the payment's own result (a
 * card's facts, or the gateway's word on a paymentId only a notification told, come with that result alone).
 */
export const cancelReconcileUnlessAskingOwnResult: Instruct = (c, e): ReadonlyArray<Command> =>
  ownResultUnheard(c, e) ? nothing : cancelTimer('reconcile')(c, e)

/**
 * Paid with a paymentId only a notification told: the payment's own result is asked for once on arrival (and again
 * at the reconcile backoff while unanswered), and the answer's paymentId, the gateway's word on it, replaces it.
 */
export const confirmNotifiedPaymentId: Decide = (c, e): Decision =>
  c.paymentIdFrom !== 'notification' || c.inFlight.inquiryOutstanding
    ? none
    : callInquiry({ ...c, ...u.countInquiry(c) }, e)

const conflictDecision = (c: PaymentContext, conflict: Conflict): Decision => ({
  update: recordConflict(c, conflict),
  commands: [publish({ type: 'conflict', conflict })],
})

/**
 * The gateway reports facts (amount, currency, paymentId) that differ from ours: recorded and published with both
 * sides, once while it stays open, and never applied (the transition holds the payment where it is).
 */
export const reportDisagreement: Decide = (c, e): Decision => {
  const found = disagreementOf(c, e)
  if (found === undefined || alreadyOpen(c, found)) return none
  const detail = `${e.type}: expected ${found.expected}, gateway reported ${found.reported}`
  return conflictDecision(c, { at: e.at, event: e.type, ...found, detail })
}

const outcomeOf = (e: PaymentEvent): string => {
  const result = 'result' in e ? `${e.result.resultStatus}/${e.result.resultCode}` : 'no result'
  return e.type === 'INQUIRY_ANSWERED' && e.paymentStatus !== undefined ? `${result} ${e.paymentStatus}` : result
}

const describeOutcome = (e: PaymentEvent): string => {
  const result = 'result' in e ? `${e.result.resultStatus}/${e.result.resultCode}` : 'no result'
  const status =
    e.type === 'INQUIRY_ANSWERED' && e.paymentStatus !== undefined ? ` paymentStatus=${e.paymentStatus}` : ''
  return `${e.type} reported ${result}${status}, which contradicts the settled outcome`
}

const subjectOf = (e: PaymentEvent): ConflictSubject =>
  e.type.startsWith('REFUND') ? 'refund' : e.type.startsWith('CAPTURE') ? 'capture' : 'payment'

/** The gateway contradicts an outcome already settled: recorded and surfaced, never applied. */
export const reportOutcomeConflict: Decide = (c, e): Decision => {
  const refund = findRefund(c, e)
  return conflictDecision(c, {
    at: e.at,
    event: e.type,
    kind: 'outcome',
    subject: subjectOf(e),
    ...(refund === undefined ? {} : { refundRequestId: refund.refundRequestId }),
    expected:
      refund?.status ?? (c.capture?.status === 'succeeded' ? 'captured' : c.failure === undefined ? 'paid' : 'failed'),
    reported: outcomeOf(e),
    detail: describeOutcome(e),
  })
}

const refundField = (refundRequestId: string | undefined) => (refundRequestId === undefined ? {} : { refundRequestId })

/**
 * A refund that would take refunds past the capture: one made outside this engine that does not fit, or one of ours
 * reported succeeded on top of others. The gateway says too much: recorded and published once, never applied.
 */
export const reportRefundExceedsCaptured: Decide = (c, e): Decision => {
  const ours = findRefund(c, e)
  const amount = ours?.amount ?? amountOf(e)
  const found = {
    kind: 'refundExceedsCaptured',
    subject: 'refund',
    ...refundField(refundIdOf(e)),
    expected: `at most ${describeMoney({ currency: c.amount.currency, minor: capturedMinor(c) - refundedMinor(c) })}`,
    reported: describeMoney(amount),
  } as const
  if (alreadyOpen(c, found)) return none
  const whose = ours === undefined ? 'this payment did not ask for' : 'reported succeeded'
  return conflictDecision(c, {
    at: e.at,
    event: e.type,
    ...found,
    detail: `${e.type}: a refund of ${describeMoney(amount)} ${whose}, over what is left of the capture`,
  })
}

/**
 * A refund made outside this engine, as its notification reports it: recorded pending, and asked about at once. Its
 * amount counts once the gateway's answer to our own inquiry confirms it (a notification is only its first report).
 */
export const recordExternalRefund: Decide = (c, e): Decision => {
  const update = u.recordExternalRefund(c, e)
  const refund = update.refunds?.at(-1)
  if (refund === undefined) return none
  const inquiry = sequence(
    c,
    { kind: 'inquiryRefund', refundRequestId: refund.refundRequestId },
    c.counts.commandSeq + 1,
  )
  // Should the inquiry go unanswered, the refund reconcile timer asks again.
  return {
    update: { ...update, counts: { ...c.counts, commandSeq: c.counts.commandSeq + 1 } },
    commands: [inquiry, ...scheduleRefundReconcile(c, e)],
  }
}

/** Every send of the refund left no trace at the gateway: failed, its amount released, the merchant told. */
export const failUnreceivedRefund: Decide = (c, e): Decision => {
  // Only a refund still pending fails: one given up already is being watched, and was told once.
  if (findRefund(c, e)?.status !== 'pending') return none
  const update = u.failUnreceivedRefund(c, e)
  const refund = findRefund({ ...c, ...update }, e)
  if (refund === undefined) return none
  const told = tell({ type: 'refundFailed', refundRequestId: refund.refundRequestId, code: 'ORDER_NOT_EXIST' })
  // Ours is looked for a while yet (`LATE_REFUND_WATCH_MS`), and once more past it: a send may land with its answer
  // and notification lost.
  const after = { ...c, ...update }
  const watched =
    refund.givenUpAt === undefined ? [] : [...scheduleRefundReconcile(after, e), ...scheduleLastLook(after, e)]
  return { update, commands: [...told, ...watched] }
}

/** Why the machine refuses a merchant intent, recorded as a `rejected` anomaly the engine reads. */
export const publishCustomerAction: Instruct = (c): ReadonlyArray<Command> =>
  c.customer.customerAction === undefined
    ? nothing
    : tell({ type: 'customerActionRequired', action: c.customer.customerAction })

export const publishOtpRetry: Instruct = (c): ReadonlyArray<Command> =>
  tell({
    type: 'customerActionRequired',
    action: { kind: 'otp' },
    ...(c.customer.otpError === undefined ? {} : { retry: c.customer.otpError }),
  })

const cardOf = (c: PaymentContext) => (c.card === undefined ? {} : { card: c.card })

export const publishAuthorized: Instruct = (c): ReadonlyArray<Command> =>
  tell({
    type: 'authorized',
    amount: c.authorized ?? c.amount,
    captureDeadlineAt: c.times.captureDeadlineAt ?? 0,
    ...cardOf(c),
  })

export const publishSucceeded: Instruct = (c): ReadonlyArray<Command> =>
  tell({ type: 'succeeded', amount: c.authorized ?? c.amount, ...cardOf(c) })

/** Withheld while a conflict is open (a merchant must not ship against a disputed amount), and told once. */
export const publishReadyToShip: Decide = (c): Decision =>
  c.toldReadyToShip || hasOpenConflict(c)
    ? none
    : {
        update: { toldReadyToShip: true },
        commands: tell({ type: 'readyToShip', amount: c.capture?.amount ?? c.amount }),
      }

export const publishCaptureFailed: Instruct = (c): ReadonlyArray<Command> =>
  tell({
    type: 'captureFailed',
    code: c.capture?.failure?.code ?? 'UNKNOWN',
    ...(c.capture?.failure?.message === undefined ? {} : { message: c.capture.failure.message }),
  })

export const publishFailed: Instruct = (c, e): ReadonlyArray<Command> =>
  tell({ type: 'failed', reason: c.failure ?? failureFrom(e), ...cardOf(c) })

export const publishCancelled: Instruct = (c): ReadonlyArray<Command> =>
  tell({ type: 'cancelled', reason: c.cancel.reason ?? 'merchant' })

export const publishCancelFailed: Instruct = (c, e): ReadonlyArray<Command> => {
  const { code, message } = failureFrom(e)
  return tell({
    type: 'cancelFailed',
    reason: c.cancel.reason ?? 'merchant',
    code,
    ...(message === undefined ? {} : { message }),
  })
}

export const publishExpired: Instruct = (): ReadonlyArray<Command> => tell({ type: 'expired' })

/** Run before the outcome is recorded, so the refund it settles is still pending. */
export const publishRefundOutcome: Instruct = (c, e): ReadonlyArray<Command> => {
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
  return tell({
    type: 'refunded',
    refundRequestId: refund.refundRequestId,
    amount: refund.amount,
    fully,
    ...(refund.origin === 'external' ? { external: true } : {}),
  })
}
