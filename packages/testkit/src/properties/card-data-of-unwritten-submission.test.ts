import { describe, it } from 'vitest'
import { AdvanceClockCommand } from './commands/advance-clock.js'
import { CreateUnderStoreFaultCommand } from './commands/create-under-store-fault.js'
import { checkFixedFlow } from './fixed-flow.fixtures.js'

// Found by the model once a merchant could give up after a failed submission (memory, seeds 8101 and 8102): the
// store refuses the commit of a card payment's submission, the merchant never asks again, and the card data the
// engine held for its pay stayed in memory for good, with nothing left to use it.
describe('card data of a submission the store did not write, never asked again', () => {
  it('leaves memory by the first relay pass after the payment would have expired (no-card-data)', () =>
    checkFixedFlow([
      new CreateUnderStoreFaultCommand(
        {
          kind: 'cardSuccess',
          captureMode: 'MANUAL',
          amount: { currency: 'USD', minor: 100 },
          cardNo: '4054695723100768',
        },
        'commit',
        'beforeWrite',
        'never',
      ),
      new AdvanceClockCommand(2 * 3_600_000),
    ]))
})
