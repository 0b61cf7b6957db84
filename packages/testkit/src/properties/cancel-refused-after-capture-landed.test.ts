import { describe, it } from 'vitest'
import { BackToBackCommand } from './commands/back-to-back.js'
import { CallFaultCommand } from './commands/call-fault.js'
import { CancelCommand } from './commands/cancel.js'
import { CaptureCommand } from './commands/capture.js'
import { CreatePaymentCommand } from './commands/create-payment.js'
import { captureLandsUnheard, LandsAfterGivenUpCommand } from './commands/lands-after-given-up.js'
import { LatePayUnheardCommand } from './commands/late-pay-unheard.js'
import { checkFixedFlow } from './fixed-flow.fixtures.js'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const card = {
  kind: 'cardSuccess',
  captureMode: 'MANUAL',
  amount: { currency: 'USD', minor: 100 },
  cardNo: '4054695723100768',
} as const

describe('a cancel refused because a capture given up had landed', () => {
  it('records the capture that landed, not the one refused after it (local-equals-gateway)', () =>
    checkFixedFlow([
      new LatePayUnheardCommand(card, 35 * 60_000, 'nothing'),
      new BackToBackCommand(
        captureLandsUnheard({ kind: 'timeoutBefore' }, 2 * 3_600_000, 0),
        new CaptureCommand(0, 1000, 'new', false),
      ),
      new CaptureCommand(0, 500, 'new', false),
      new CancelCommand(0),
      new BackToBackCommand(
        new LandsAfterGivenUpCommand(
          'capture',
          { kind: 'dropConnection', when: 'before' },
          30 * 60_000,
          2 * 3_600_000,
          false,
          3,
          24,
        ),
        new CaptureCommand(0, 1000, 'new', false),
      ),
    ]))

  it('still asks about the capture once the cancel is refused (last-look-finds-the-untold)', () =>
    checkFixedFlow([
      new CreatePaymentCommand(card),
      new BackToBackCommand(
        captureLandsUnheard({ kind: 'timeoutBefore' }, 2 * 3_600_000, 0),
        new CaptureCommand(0, 1000, 'new', false),
      ),
      new CancelCommand(0),
      new BackToBackCommand(
        captureLandsUnheard({ kind: 'timeoutBefore' }, 70 * 60_000, 0),
        new CaptureCommand(0, 1000, 'new', false),
      ),
      new CreatePaymentCommand(card),
    ]))

  // Found by the late-path mix (seed 1852838447, flow 720) once the refused cancel left the payment authorized: the
  // cancel, landing late, was sent again past the end of the refused capture's watch; the inquiry after its refusal was
  // lost, and nothing asked again for a day.
  it('asks again until answered when the inquiry after the refusal is lost (last-look-finds-the-untold)', () =>
    checkFixedFlow([
      new CallFaultCommand({ kind: 'landsLate', endpoint: 'cancel', count: 3 }),
      new CreatePaymentCommand(card),
      captureLandsUnheard({ kind: 'dropConnection', when: 'before' }, 2 * HOUR, 0),
      new CaptureCommand(0, 1000, 'new', false),
      new CancelCommand(0),
      new LandsAfterGivenUpCommand('capture', { kind: 'timeoutBefore' }, 70 * MINUTE, 5 * MINUTE, true, 0, 1, {
        fromMs: 70 * MINUTE,
        count: 4,
      }),
      new CreatePaymentCommand(card),
      new BackToBackCommand(
        captureLandsUnheard({ kind: 'timeoutBefore' }, 70 * MINUTE, 3),
        new CaptureCommand(3, 1000, 'new', false),
      ),
      new CancelCommand(0),
    ]))
})
