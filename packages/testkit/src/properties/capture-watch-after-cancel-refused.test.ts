import { describe, it } from 'vitest'
import { AdvanceClockCommand } from './commands/advance-clock.js'
import { CancelCommand } from './commands/cancel.js'
import { CaptureCommand } from './commands/capture.js'
import { capturedAgainAfterLanding } from './commands/lands-after-given-up.js'
import { approvedCard, checkFixedFlow } from './fixed-flow.fixtures.js'
import { captureRefusedAfterLateLanding } from './lands-late.fixtures.js'

// Found by the model (memory, late paths, seed 1067695764): a capture given up lands two hours on, unheard; the
// merchant captures again and is refused for the payment's status (its inquiry lost), then cancels and is refused
// too. The engine reconciles the pay, and the pay's own notification took the payment back to authorized with no
// look left for the capture: nothing asked for a day, the payment authorized where the gateway had captured it.
describe('a refused capture whose watch meets a refused cancel', () => {
  it('is still watched once the pay is confirmed again (last-look-finds-the-untold)', () =>
    checkFixedFlow([
      ...captureRefusedAfterLateLanding(),
      new CancelCommand(0),
      new CaptureCommand(0, 1000, 'new', false),
    ]))

  // Found by the refused-cancel mix (seed 7, flow 42) on a machine whose authorized entry did not arm the watch again,
  // after leaving for the cancel had ended the watch's timer.
  it('is still watched when the refused cancel leaves it authorized (last-look-finds-the-untold)', () =>
    checkFixedFlow([
      approvedCard('MANUAL', 100),
      capturedAgainAfterLanding({ kind: 'timeoutBefore' }, 2 * 3_600_000, 0),
      new CancelCommand(0),
      new AdvanceClockCommand(5_000),
    ]))
})
