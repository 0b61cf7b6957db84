import { describe, it } from 'vitest'
import { AdvanceClockCommand } from './commands/advance-clock.js'
import { SlowCallCommand } from './commands/slow-call.js'
import { approvedCard as card, checkFixedFlow } from './fixed-flow.fixtures.js'

// A gateway slower than the lease on a command: when the lease lapsed, a relay took the command over and sent it while
// the first call still waited (two calls of one command at once).
describe('a gateway call that outlasts its lease', () => {
  it('is given up before the lease lapses: the relay that takes the capture over sends it alone (one-call-at-a-time)', () =>
    checkFixedFlow([card('MANUAL'), new SlowCallCommand(0, 'capture', 40_000)]))

  it('so is a refund', () =>
    checkFixedFlow([card('AUTOMATIC'), new AdvanceClockCommand(60_000), new SlowCallCommand(0, 'refund', 90_000)]))
})
