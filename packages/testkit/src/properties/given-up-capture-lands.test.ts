import { describe, it } from 'vitest'
import { generateSimulatorKeys } from '../wire/keys.js'
import { AbandonCommand } from './commands/abandon.js'
import { AdvanceClockCommand } from './commands/advance-clock.js'
import { CallFaultCommand } from './commands/call-fault.js'
import { CaptureCommand } from './commands/capture.js'
import { CreatePaymentCommand } from './commands/create-payment.js'
import { NotificationFaultCommand } from './commands/notification-fault.js'
import { emptyModel } from './model.js'
import { checkAtQuiescence } from './quiescence.js'
import { makeWorld, memoryStoreUnderTest } from './world.js'

describe('a capture given up without trace at the gateway', () => {
  // The flow the model found (the buyer of a second payment gives up; both payments' notifications are lost).
  it('is found captured by an inquiry when its sends land late and every notification of it is lost', async () => {
    const world = await makeWorld({ keys: await generateSimulatorKeys(), makeStore: memoryStoreUnderTest })
    const model = emptyModel()
    const usd = { currency: 'USD' as const, minor: 100 }
    const flow = [
      new CreatePaymentCommand({ kind: 'cardSuccess', captureMode: 'MANUAL', amount: usd, cardNo: '4054695723100768' }),
      new CallFaultCommand({ kind: 'landsLate', endpoint: 'capture', count: 3 }),
      new CaptureCommand(0, 1000, 'new', false),
      new NotificationFaultCommand({ kind: 'drop', count: 2 }),
      new CreatePaymentCommand({ kind: 'otpWallet', captureMode: 'AUTOMATIC', amount: usd }),
      new AbandonCommand(1),
      new AdvanceClockCommand(5_000),
      new NotificationFaultCommand({ kind: 'reorder', count: 2 }),
    ]
    try {
      for (const command of flow) if (command.check(model)) await command.run(model, world)
      await world.drain()
      // Local captured as the gateway is (local-equals-gateway), with nothing told but the engine's own inquiries.
      await checkAtQuiescence(world, model)
    } finally {
      await world.close()
    }
  })
})
