import { describe, it } from 'vitest'
import { checkFixedFlow } from './fixed-flow.fixtures.js'
import { captureLandsLate, payLandsLate, refundLandsLate, relayFor } from './lands-late.fixtures.js'

/** Time runs on in the relay's steps (no stretch that would fire a watch's last look late, after the landing). */
const relaySteps = relayFor(2.5)

// A send the engine gave up (no trace at the gateway) reaches it two hours late, after the hour the engine watched for
// it, and the notification it makes is lost: only the last look a day on can tell (local-equals-gateway).
describe('a send that lands after the watch for it ended, its notification lost', () => {
  // The flow the bug-injection control found (its 3,000-flow baseline, late paths).
  it('a refund given up is found refunded', () => checkFixedFlow([...refundLandsLate(), ...relaySteps]))

  it('a capture given up is found captured', () => checkFixedFlow([...captureLandsLate(), ...relaySteps]))

  it('a pay the payment closed without is found paid, and cancelled', () =>
    checkFixedFlow([...payLandsLate(), ...relaySteps]))
})
