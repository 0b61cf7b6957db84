import { describe, it } from 'vitest'
import { CaptureCommand } from './commands/capture.js'
import { DeliverNotificationsCommand } from './commands/deliver-notifications.js'
import { ExternalRefundCommand } from './commands/external-refund.js'
import { FaultedIntentCommand } from './commands/faulted-intent.js'
import { RefundCommand } from './commands/refund.js'
import { approvedCard as card, checkFixedFlow } from './fixed-flow.fixtures.js'

// A refund made in the dashboard is recorded from its notification and asked about at once; that inquiry's number was
// kept beside the payment's command counter instead of in it, so the next command took the inquiry's commandId, and
// the outbox (which keeps the first command under an id) would never have sent it.
describe('a refund made outside the engine', () => {
  it("leaves the next command a commandId of its own: the merchant's refund after it (one-command-per-id)", () =>
    checkFixedFlow([
      card('MANUAL'),
      new CaptureCommand(0, 1000, 'new', true),
      new ExternalRefundCommand(0, 100),
      new DeliverNotificationsCommand('all'),
      new RefundCommand(0, 100, 'new', true),
    ]))

  it('so are two, their notices delivered together: their inquiries are two commands (one-call-at-a-time)', () =>
    checkFixedFlow([
      card('MANUAL'),
      new FaultedIntentCommand('capture', { kind: 'timeoutBefore' }, 1, 'call', 0),
      new ExternalRefundCommand(0, 1),
      new ExternalRefundCommand(0, 1000),
      new DeliverNotificationsCommand('together'),
    ]))
})
