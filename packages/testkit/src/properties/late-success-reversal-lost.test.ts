import { describe, it } from 'vitest'
import { AdvanceClockCommand } from './commands/advance-clock.js'
import { CallFaultCommand } from './commands/call-fault.js'
import { CreateUnderStoreFaultCommand } from './commands/create-under-store-fault.js'
import { FaultedIntentCommand } from './commands/faulted-intent.js'
import { RetryOrderCommand } from './commands/retry-order.js'
import { checkFixedFlow } from './fixed-flow.fixtures.js'

// Found by the model (cross-package, seed 1584531299): an attempt's pay lands after the order replaced it, the gateway
// captures it and refuses to cancel it, so the engine refunds it. The first three sends of that reversal never reach
// the gateway; it was given up like a merchant's refund, and the gateway kept the buyer's money for two attempts.
describe('the reversal of a late success whose first sends are lost', () => {
  it('is sent until the gateway has it, and the order ends paid once (reversal-given-up)', () => {
    const card = {
      kind: 'cardSuccess' as const,
      captureMode: 'AUTOMATIC' as const,
      amount: { currency: 'USD' as const, minor: 100 },
      cardNo: '4054695723100768',
    }
    return checkFixedFlow([
      new CallFaultCommand({ kind: 'timeoutBefore' }),
      new CallFaultCommand({ kind: 'landsLate', endpoint: 'pay', count: 1 }),
      new CreateUnderStoreFaultCommand(card, 'create', 'beforeWrite', 'same'),
      new RetryOrderCommand(0, card, true, true),
      new RetryOrderCommand(0, { ...card, captureMode: 'MANUAL' }, true, false),
      new FaultedIntentCommand('refund', { kind: 'timeoutBefore' }, 3, 'call', 0),
      new AdvanceClockCommand(5_000),
    ])
  })
})
