import {
  applyEvent,
  capturedMinor,
  LAST_LOOK_AFTER_WATCH_MS,
  type PaymentEvent,
  type PaymentSnapshot,
  startPayment,
} from '@paychart/core/machine'
import type { NotifyType } from '../simulator/notification-records.js'
import { type Observed, PropertyViolation } from './invariants.js'
import type { Model } from './model.js'
import type { World } from './world.js'

/** What a last look's inquiry answer taught the engine: a pay, a capture or a refund it had not known of. */
interface Finding {
  readonly subject: string
  readonly endpoint: 'pay' | 'capture' | 'refund'
  readonly notifyType: NotifyType
  readonly refundRequestId?: string
}

const findings = (before: PaymentSnapshot, after: PaymentSnapshot): ReadonlyArray<Finding> => {
  const found: Finding[] = []
  if (before.context.cancel.lateSuccessAt === undefined && after.context.cancel.lateSuccessAt !== undefined) {
    found.push({ subject: 'the pay', endpoint: 'pay', notifyType: 'PAYMENT_RESULT' })
  }
  if (capturedMinor(after.context) > capturedMinor(before.context)) {
    found.push({ subject: 'the capture', endpoint: 'capture', notifyType: 'CAPTURE_RESULT' })
  }
  for (const refund of after.context.refunds) {
    const earlier = before.context.refunds.find((r) => r.refundRequestId === refund.refundRequestId)
    if (earlier?.status === 'failed' && refund.status === 'succeeded') {
      const { refundRequestId } = refund
      found.push({
        subject: `refund ${refundRequestId}`,
        endpoint: 'refund',
        notifyType: 'REFUND_RESULT',
        refundRequestId,
      })
    }
  }
  return found
}

/** A last look, and when the watch it follows ended (its due time, a day before it). */
interface Look {
  readonly at: number
  readonly watchEnd: number
}

/**
 * What a look made again (its inquiry unanswered) repeats: a last look, with the end of its watch, or a watch's own
 * last look, which is the watch's and may find anything the watch may.
 */
type Repeated = { readonly watchEnd: number } | 'watch'

const INQUIRY_ANSWERS: ReadonlySet<PaymentEvent['type']> = new Set(['INQUIRY_ANSWERED', 'REFUND_INQUIRY_ANSWERED'])

/** The gateway's calls to `endpoint` about the payment, and about the finding's refund when it is one. */
const callsAbout = (world: World, paymentRequestId: string, finding: Finding, endpoint: string) =>
  world.simulator
    .calls()
    .filter(
      (c) =>
        c.endpoint === endpoint &&
        c.paymentRequestId === paymentRequestId &&
        (finding.refundRequestId === undefined || c.ids.refundRequestId === finding.refundRequestId),
    )

/**
 * How the watch missed a send that landed inside it: no inquiry about it after the landing, one the gateway answered
 * truly (no fault, no lie) that the engine did not learn from, or every one lost and the watch's last look not made
 * again until answered (that look made again finds it, not the last look a day on).
 */
const watchMissed = (world: World, paymentRequestId: string, finding: Finding, landed: number, look: Look) => {
  const inquiry = finding.endpoint === 'refund' ? 'inquiryRefund' : 'inquiryPayment'
  const asked = callsAbout(world, paymentRequestId, finding, inquiry).filter((c) => c.at >= landed && c.at < look.at)
  if (asked.length === 0) return 'nothing asked about it after'
  const answered = asked.find((c) => c.fault === undefined && c.tampered === undefined)
  if (answered !== undefined) return `an inquiry answered at ${answered.at} did not tell`
  return `every inquiry after it was lost, the last at ${asked.at(-1)?.at}, and not made again`
}

/**
 * Why a last look may find something: its send reached the gateway only after the watch ended, and no notification of
 * it reached the merchant before the look. Anything else the watch or the notification should have told first.
 */
const whyNotTold = (world: World, paymentRequestId: string, finding: Finding, look: Look): string | undefined => {
  const { watchEnd } = look
  const landings = callsAbout(world, paymentRequestId, finding, finding.endpoint)
    .filter((c) => c.acted && !c.replayed && c.result?.resultStatus !== 'F')
    .map((c) => c.at)
  if (landings.length === 0) return undefined
  const landed = Math.min(...landings)
  if (landed <= watchEnd) {
    const missed = watchMissed(world, paymentRequestId, finding, landed, look)
    if (missed !== undefined) return `it landed at ${landed}, inside the watch that ended at ${watchEnd}; ${missed}`
  }
  const told = world.simulator
    .notifications()
    .filter(
      (n) =>
        n.notifyType === finding.notifyType &&
        n.paymentRequestId === paymentRequestId &&
        n.tampered === undefined &&
        n.body.result.resultStatus === 'S' &&
        (finding.refundRequestId === undefined || n.body.refundRequestId === finding.refundRequestId),
    )
    .flatMap((n) => n.attempts.filter((a) => a.acknowledged === true && a.at < look.at))
  return told.length === 0 ? undefined : `its notification was acknowledged at ${told[0]?.at}`
}

/**
 * A last look, a day past a watch, finds only what nothing else could tell: a send that landed after its watch, its
 * notification lost. A send that landed inside the watch is the watch's to find, and one whose notification was
 * acknowledged is the notification's; the last look repairing either would hide a defect for a day.
 */
export const checkLastLooks = (world: World, model: Model, seen: ReadonlyMap<string, Observed>) => {
  for (const payment of model.payments) {
    const observed = seen.get(payment.id)
    if (observed === undefined) continue
    let snapshot = startPayment(payment.input).snapshot
    let look: Look | undefined
    let repeated: Repeated | undefined
    for (const { event } of observed.timeline) {
      const before = snapshot
      snapshot = applyEvent(snapshot, event).snapshot
      if (event.type === 'TIMER_FIRED') {
        look = undefined
        if (event.timer !== 'lastLook') {
          // A watch's own last look, recorded to be made again should it go unanswered.
          if (snapshot.context.inFlight.lastLook?.askedAt === event.at) repeated = 'watch'
          continue
        }
        const again = before.context.inFlight.lastLook?.askAgain === true ? repeated : undefined
        repeated = again ?? { watchEnd: (event.dueAt ?? event.at) - LAST_LOOK_AFTER_WATCH_MS }
        if (repeated !== 'watch') look = { at: event.at, watchEnd: repeated.watchEnd }
        continue
      }
      // Only the answers of the look's own inquiries, made in the same relay pass as the look.
      if (look === undefined || !INQUIRY_ANSWERS.has(event.type) || event.at !== look.at) {
        look = undefined
        continue
      }
      for (const finding of findings(before, snapshot)) {
        const why = whyNotTold(world, payment.id, finding, look)
        if (why !== undefined) {
          throw new PropertyViolation(
            'last-look-finds-the-untold',
            `${payment.id}: the last look at ${look.at} found ${finding.subject}, but ${why}`,
          )
        }
      }
    }
  }
}
