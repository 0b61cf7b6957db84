import { generateSimulatorKeys } from '../wire/keys.js'
import type { ModelCommand } from './commands/command.js'
import { CreatePaymentCommand } from './commands/create-payment.js'
import { emptyModel } from './model.js'
import { checkAtQuiescence } from './quiescence.js'
import { makeWorld, memoryStoreUnderTest } from './world.js'

/** Runs one fixed flow the model found on the memory store, then checks every property at quiescence. */
export const checkFixedFlow = async (flow: ReadonlyArray<ModelCommand>): Promise<void> => {
  const world = await makeWorld({ keys: await generateSimulatorKeys(), makeStore: memoryStoreUnderTest })
  const model = emptyModel()
  try {
    for (const command of flow) if (command.check(model)) await command.run(model, world)
    await checkAtQuiescence(world, model)
  } finally {
    await world.close()
  }
}

/** A card payment the issuer approves, for 10.00 USD. */
export const approvedCard = (captureMode: 'AUTOMATIC' | 'MANUAL') =>
  new CreatePaymentCommand({
    kind: 'cardSuccess',
    captureMode,
    amount: { currency: 'USD', minor: 1000 },
    cardNo: '4054695723100768',
  })
