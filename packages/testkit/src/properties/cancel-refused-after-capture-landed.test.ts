import { describe, it } from 'vitest'
import { BackToBackCommand } from './commands/back-to-back.js'
import { CallFaultCommand } from './commands/call-fault.js'
import { CancelCommand } from './commands/cancel.js'
import { CaptureCommand } from './commands/capture.js'
import {
  capturedAgainAfterLanding,
  captureLandsUnheard,
  LandsAfterGivenUpCommand,
} from './commands/lands-after-given-up.js'
import { LatePayUnheardCommand } from './commands/late-pay-unheard.js'
import { approvedCard, approvedCardSpec, checkFixedFlow } from './fixed-flow.fixtures.js'

const MINUTE = 60_000
const HOUR = 60 * MINUTE

describe('a cancel refused because a capture given up had landed', () => {
  it('records the capture that landed, not the one refused after it (local-equals-gateway)', () =>
    checkFixedFlow([
      new LatePayUnheardCommand(approvedCardSpec('MANUAL', 100), 35 * MINUTE, 'nothing'),
      capturedAgainAfterLanding({ kind: 'timeoutBefore' }, 2 * HOUR, 0),
      new CaptureCommand(0, 500, 'new', false),
      new CancelCommand(0),
      new BackToBackCommand(
        new LandsAfterGivenUpCommand(
          'capture',
          { kind: 'dropConnection', when: 'before' },
          30 * MINUTE,
          2 * HOUR,
          false,
          3,
          24,
        ),
        new CaptureCommand(0, 1000, 'new', false),
      ),
    ]))

  it('still asks about the capture once the cancel is refused (last-look-finds-the-untold)', () =>
    checkFixedFlow([
      approvedCard('MANUAL', 100),
      capturedAgainAfterLanding({ kind: 'timeoutBefore' }, 2 * HOUR, 0),
      new CancelCommand(0),
      capturedAgainAfterLanding({ kind: 'timeoutBefore' }, 70 * MINUTE, 0),
      approvedCard('MANUAL', 100),
    ]))

  // Found by the late-path mix (seed 1852838447, flow 720) once the refused cancel left the payment authorized: the
  // cancel, landing late, was sent again past the end of the refused capture's watch; the inquiry after its refusal was
  // lost, and nothing asked again for a day.
  it('asks again until answered when the inquiry after the refusal is lost (last-look-finds-the-untold)', () =>
    checkFixedFlow([
      new CallFaultCommand({ kind: 'landsLate', endpoint: 'cancel', count: 3 }),
      approvedCard('MANUAL', 100),
      captureLandsUnheard({ kind: 'dropConnection', when: 'before' }, 2 * HOUR, 0),
      new CaptureCommand(0, 1000, 'new', false),
      new CancelCommand(0),
      new LandsAfterGivenUpCommand('capture', { kind: 'timeoutBefore' }, 70 * MINUTE, 5 * MINUTE, true, 0, 1, {
        fromMs: 70 * MINUTE,
        count: 4,
      }),
      approvedCard('MANUAL', 100),
      capturedAgainAfterLanding({ kind: 'timeoutBefore' }, 70 * MINUTE, 3),
      new CancelCommand(0),
    ]))
})
