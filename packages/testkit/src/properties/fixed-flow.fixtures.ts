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

/** A card the issuer approves, for `minor` cents of USD (10.00 unless told). */
export const approvedCardSpec = (captureMode: 'AUTOMATIC' | 'MANUAL', minor = 1000) =>
  ({ kind: 'cardSuccess', captureMode, amount: { currency: 'USD', minor }, cardNo: '4054695723100768' }) as const

/** A payment with that card. */
export const approvedCard = (captureMode: 'AUTOMATIC' | 'MANUAL', minor = 1000) =>
  new CreatePaymentCommand(approvedCardSpec(captureMode, minor))
