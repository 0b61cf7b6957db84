import { describe, it } from 'vitest'
import { CaptureCommand } from './commands/capture.js'
import { CreatePaymentCommand } from './commands/create-payment.js'
import { LandsAfterGivenUpCommand } from './commands/lands-after-given-up.js'
import { checkFixedFlow } from './fixed-flow.fixtures.js'

const HOUR = 3_600_000

// Found by the model (memory, late paths, seed 8203): a capture given up lands two hours on, after its watch, its
// notification lost; the merchant captures again and the gateway refuses (ORDER_STATUS_INVALID: captured already);
// the inquiry that refusal sent is lost, and so is the last look's. Nothing asked again: the payment said authorized
// where the gateway had captured it.
describe('a capture refused for the payment status, its inquiry lost', () => {
  it('is watched until the gateway tells it captured by the earlier send (local-equals-gateway)', () =>
    checkFixedFlow([
      new CreatePaymentCommand({
        kind: 'cardSuccess',
        captureMode: 'MANUAL',
        amount: { currency: 'USD', minor: 100 },
        cardNo: '4054695723100768',
      }),
      new LandsAfterGivenUpCommand('capture', { kind: 'timeoutBefore' }, 2 * HOUR, 2 * HOUR, true, 0, 24, {
        fromMs: 2 * HOUR,
        count: 4,
      }),
      new CaptureCommand(0, 1000, 'new', false),
    ]))
})
