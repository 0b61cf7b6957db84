import { AdvanceClockCommand } from './commands/advance-clock.js'
import { CallFaultCommand } from './commands/call-fault.js'
import { CaptureCommand } from './commands/capture.js'
import type { ModelCommand } from './commands/command.js'
import { DeliverNotificationsCommand } from './commands/deliver-notifications.js'
import { captureLandsUnheard, LandsAfterGivenUpCommand } from './commands/lands-after-given-up.js'
import { NotificationFaultCommand } from './commands/notification-fault.js'
import { approvedCard } from './fixed-flow.fixtures.js'

// Sends the engine gave up without trace at the gateway, each reaching it `afterMs` (two hours unless told) after it
// was first sent, past the hour the engine watched for it, the notification it makes lost.

const TWO_HOURS = 2 * 3_600_000

/** Relay passes every 15 minutes for `hours`. */
export const relayFor = (hours: number): ReadonlyArray<ModelCommand> =>
  Array.from({ length: Math.ceil(hours * 4) }, () => new AdvanceClockCommand(15 * 60_000))

/** A refund of a captured card payment, given up after three sends. */
export const refundLandsLate = (afterMs = TWO_HOURS): ReadonlyArray<ModelCommand> => [
  approvedCard('AUTOMATIC'),
  new AdvanceClockCommand(5_000),
  new DeliverNotificationsCommand('all'),
  new LandsAfterGivenUpCommand('refund', { kind: 'timeoutBefore' }, afterMs, 5 * 60_000, true, 0),
]

/** A capture of an authorized card payment, given up after three sends. */
export const captureLandsLate = (afterMs = TWO_HOURS): ReadonlyArray<ModelCommand> => [
  approvedCard('MANUAL'),
  new DeliverNotificationsCommand('all'),
  new LandsAfterGivenUpCommand('capture', { kind: 'timeoutBefore' }, afterMs, 5 * 60_000, true, 0),
]

/**
 * A capture given up lands two hours on, after its watch, its notification lost, and the inquiries from then on lost
 * too; the merchant captures again, and the gateway refuses it for the payment's status (captured already).
 */
export const captureRefusedAfterLateLanding = (): ReadonlyArray<ModelCommand> => [
  approvedCard('MANUAL', 100),
  captureLandsUnheard({ kind: 'timeoutBefore' }, TWO_HOURS, 0),
  new CaptureCommand(0, 1000, 'new', false),
]

/** A pay whose payment closed on ORDER_NOT_EXIST meanwhile. */
export const payLandsLate = (afterMs = TWO_HOURS): ReadonlyArray<ModelCommand> => [
  new CallFaultCommand({ kind: 'landsLate', endpoint: 'pay', count: 1, afterMs }),
  approvedCard('MANUAL'),
  new NotificationFaultCommand({ kind: 'drop', count: 2 }),
]

/** Each late send, drawn by name in properties: its flow, and the inquiry that would find it. */
export const LANDS_LATE = {
  refund: { flow: refundLandsLate, inquiry: 'inquiryRefund' },
  capture: { flow: captureLandsLate, inquiry: 'inquiryPayment' },
  pay: { flow: payLandsLate, inquiry: 'inquiryPayment' },
} as const
