import fc from 'fast-check'
import { paymentSpecArb } from '../../arbitraries/index.js'
import type { CallFault } from '../../simulator/faults.js'
import { AdvanceClockCommand } from './advance-clock.js'
import { BackToBackCommand } from './back-to-back.js'
import { CallFaultCommand } from './call-fault.js'
import { CancelCommand } from './cancel.js'
import { CaptureCommand } from './capture.js'
import type { ModelCommand } from './command.js'
import { CreatePaymentCommand } from './create-payment.js'
import { DeliverNotificationsCommand } from './deliver-notifications.js'
import { focusedTarget as target } from './focused-target.js'
import { capturedAgainAfterLanding } from './lands-after-given-up.js'
import { NO_TRACE } from './late-paths.js'
import { NotificationFaultCommand } from './notification-fault.js'

const share = fc.constantFrom(1000, 1000, 500)

/** A capture given up: how its sends left no trace, when its first send lands, the share asked again, the payment. */
type GivenUp = [fault: CallFault, afterMs: number, permille: number, target: number]

/**
 * A cancel the gateway refuses because a capture given up had landed, made common: cards authorized for a separate
 * capture whose capture, given up, lands unheard early in its watch, late in it or after it (its notice and the
 * inquiries from then on lost); the merchant, told it failed, captures again (all or half: refused for the payment's
 * status) and cancels (refused: captured already); then more of the same, cancels landing late, inquiries and
 * notifications lost, time passing.
 */
export const refusedCancelCommands = (): Array<fc.Arbitrary<ModelCommand>> => {
  const create = paymentSpecArb({ kinds: ['cardSuccess'] }).map(
    (spec) => new CreatePaymentCommand({ ...spec, captureMode: 'MANUAL' }),
  )
  const givenUp: fc.Arbitrary<GivenUp> = fc.tuple(
    fc.constantFrom(...NO_TRACE),
    fc.constantFrom(30 * 60_000, 70 * 60_000, 2 * 3_600_000),
    share,
    target,
  )
  const capturedAgain = ([fault, afterMs, permille, t]: GivenUp) =>
    capturedAgainAfterLanding(fault, afterMs, t, permille)
  // The merchant, told the capture failed and refused, calls the order off at once.
  const cancelledAtOnce = (landed: GivenUp) =>
    new BackToBackCommand(capturedAgain(landed), new CancelCommand(landed[3]))
  return [
    create,
    givenUp.map(capturedAgain),
    givenUp.map(cancelledAtOnce),
    givenUp.map(cancelledAtOnce),
    fc.tuple(target, share).map(([t, p]) => new CaptureCommand(t, p, 'new', true)),
    target.map((t) => new CancelCommand(t)),
    // A cancel that reaches the gateway only after the engine gave its send up, sent again meanwhile (past the end of
    // a capture's watch, say), and the next inquiries lost: the one after the refusal among them.
    fc.constantFrom(1, 2, 3).map((count) => new CallFaultCommand({ kind: 'landsLate', endpoint: 'cancel', count })),
    fc
      .constantFrom(2, 4)
      .map((count) => new CallFaultCommand({ kind: 'timeoutBefore', endpoint: 'inquiryPayment', count })),
    fc.constantFrom({ kind: 'drop' as const, count: 1 }).map((fault) => new NotificationFaultCommand(fault)),
    fc.constantFrom('all' as const, 'unacknowledged' as const).map((m) => new DeliverNotificationsCommand(m)),
    fc.constantFrom(5_000, 61_000, 20 * 60_000, 2 * 3_600_000).map((ms) => new AdvanceClockCommand(ms)),
    fc.constant(new AdvanceClockCommand(2 * 3_600_000, 8)),
  ]
}
