import { describe, expect, it } from 'vitest'
import { generateSimulatorKeys } from '../wire/keys.js'
import { AdvanceClockCommand } from './commands/advance-clock.js'
import { CallFaultCommand } from './commands/call-fault.js'
import { CreatePaymentCommand } from './commands/create-payment.js'
import { RetryOrderCommand } from './commands/retry-order.js'
import { reversalIdOf } from './invariants.js'
import { emptyModel } from './model.js'
import { checkAtQuiescence } from './quiescence.js'
import { makeWorld, memoryStoreUnderTest } from './world.js'

describe('an order whose first pay lands after the buyer paid again', () => {
  // The flow the model found: the first attempt's pay reaches the gateway only after the engine gave it up, the
  // merchant started a card attempt in its place, and the gateway captured both.
  it('refunds the late success once, and the order ends paid once', async () => {
    const world = await makeWorld({ keys: await generateSimulatorKeys(), makeStore: memoryStoreUnderTest })
    const model = emptyModel()
    const usd = { currency: 'USD' as const, minor: 100 }
    const card = { kind: 'cardSuccess' as const, amount: usd, cardNo: '4054695723100768' }
    const flow = [
      new CallFaultCommand({ kind: 'landsLate', endpoint: 'pay', count: 1 }),
      new CreatePaymentCommand({ ...card, captureMode: 'AUTOMATIC' }),
      new RetryOrderCommand(0, { ...card, captureMode: 'MANUAL' }, true, false),
      new AdvanceClockCommand(5_000),
    ]
    try {
      for (const command of flow) if (command.check(model)) await command.run(model, world)
      await world.drain()
      const seen = await checkAtQuiescence(world, model)
      const first = seen.get('ORD-1-attempt-1')?.status
      expect(first?.refunds.map((r) => [r.refundRequestId, r.status])).toEqual([
        [reversalIdOf('ORD-1-attempt-1'), 'succeeded'],
      ])
      const reversals = world.simulator.calls().filter((c) => c.endpoint === 'refund' && c.result?.resultStatus === 'S')
      expect(reversals).toHaveLength(1)
      expect(world.published.map((p) => `${p.paymentRequestId} ${p.event.type}`)).toContain(
        'ORD-1-attempt-1 lateSuccessReversed',
      )
    } finally {
      await world.close()
    }
  })
})
