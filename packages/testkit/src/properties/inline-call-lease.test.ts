import { describe, it } from 'vitest'
import { CreatePaymentCommand } from './commands/create-payment.js'
import { HeldCompletionCommand } from './commands/held-completion.js'
import { checkFixedFlow } from './fixed-flow.fixtures.js'

const session = new CreatePaymentCommand({
  kind: 'session',
  captureMode: 'AUTOMATIC',
  amount: { currency: 'USD', minor: 1000 },
})

// The inline run checked a gateway call's lease, then marked the domain events before it done; while that write
// waited the lease lapsed, a relay took the call, and both sent it (found by the scheduled mix at stop 44).
describe('an inline gateway call after published domain events', () => {
  it('is left to the relay that took it over while the events were marked done (one-call-at-a-time)', () =>
    checkFixedFlow([session, new HeldCompletionCommand(0)]))
})
