import { describe, it } from 'vitest'
import { AdvanceClockCommand } from './commands/advance-clock.js'
import { HeldAnswerCommand } from './commands/held-answer.js'
import { approvedCard as card, checkFixedFlow } from './fixed-flow.fixtures.js'

// An answer received in time whose commit waited past the lease: a relay sent the command again and committed its
// answer first, then the older answer was applied after it (found by the scheduled mix at stop 44).
describe('a gateway answer committed after its lease lapsed', () => {
  it("is left to the relay that took the capture over: the older answer never lands after the relay's (answers-in-order)", () =>
    checkFixedFlow([card('MANUAL'), new HeldAnswerCommand(0, 'capture')]))

  it('so is a refund', () =>
    checkFixedFlow([card('AUTOMATIC'), new AdvanceClockCommand(61_000), new HeldAnswerCommand(0, 'refund')]))
})
