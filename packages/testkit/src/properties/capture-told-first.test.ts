import { describe, it } from 'vitest'
import { generateSimulatorKeys } from '../wire/keys.js'
import { Complete3dsCommand } from './commands/complete-3ds.js'
import { CreatePaymentCommand } from './commands/create-payment.js'
import { NotificationFaultCommand } from './commands/notification-fault.js'
import { emptyModel } from './model.js'
import { checkAtQuiescence } from './quiescence.js'
import { makeWorld, memoryStoreUnderTest } from './world.js'

describe('a card payment whose capture is told before its own result', () => {
  // The flow the model found at a random seed (sqlite, late paths, seed 252193471): the 3DS payment's result
  // notification is lost, the capture's arrives.
  it('keeps the card facts the gateway told with that result (local-equals-gateway)', async () => {
    const world = await makeWorld({ keys: await generateSimulatorKeys(), makeStore: memoryStoreUnderTest })
    const model = emptyModel()
    const flow = [
      new CreatePaymentCommand({
        kind: 'card3ds',
        captureMode: 'AUTOMATIC',
        amount: { currency: 'USD', minor: 100 },
        cardNo: '4000000000003220',
      }),
      new NotificationFaultCommand({ kind: 'drop', count: 1 }),
      new Complete3dsCommand(0, 'pass', false),
    ]
    try {
      for (const command of flow) if (command.check(model)) await command.run(model, world)
      await checkAtQuiescence(world, model)
    } finally {
      await world.close()
    }
  })
})
