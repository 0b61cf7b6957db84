import { describe, it } from 'vitest'
import { generateSimulatorKeys } from '../wire/keys.js'
import { Complete3dsCommand, type LostWith3ds } from './commands/complete-3ds.js'
import { CreatePaymentCommand } from './commands/create-payment.js'
import { emptyModel } from './model.js'
import { checkAtQuiescence } from './quiescence.js'
import { makeWorld, memoryStoreUnderTest } from './world.js'

describe('a card payment whose capture is told before its own result', () => {
  const flow = (lost: LostWith3ds) => [
    new CreatePaymentCommand({
      kind: 'card3ds',
      captureMode: 'AUTOMATIC',
      amount: { currency: 'USD', minor: 100 },
      cardNo: '4000000000003220',
    }),
    new Complete3dsCommand(0, 'pass', false, lost),
  ]
  const checkFlow = async (commands: ReturnType<typeof flow>) => {
    const world = await makeWorld({ keys: await generateSimulatorKeys(), makeStore: memoryStoreUnderTest })
    const model = emptyModel()
    try {
      for (const command of commands) if (command.check(model)) await command.run(model, world)
      await checkAtQuiescence(world, model)
    } finally {
      await world.close()
    }
  }

  // The flow the model found at a random seed (sqlite, late paths, seed 252193471): the 3DS payment's result
  // notification is lost, the capture's arrives.
  it('keeps the card facts the gateway told with that result (local-equals-gateway)', () => checkFlow(flow('result')))

  it('asks for that result again when the inquiry sent for it is lost (local-equals-gateway)', () =>
    checkFlow(flow('resultAndInquiry')))
})
