import { describe, expect, it } from 'vitest'
import { generateSimulatorKeys } from '../wire/keys.js'
import { AdvanceClockCommand } from './commands/advance-clock.js'
import { CallFaultCommand } from './commands/call-fault.js'
import { CreatePaymentCommand } from './commands/create-payment.js'
import { EnterOtpCommand } from './commands/enter-otp.js'
import { emptyModel } from './model.js'
import { makeWorld, memoryStoreUnderTest } from './world.js'

describe('an OTP whose verification was lost', () => {
  it('can be entered again once an inquiry shows the gateway still waits for it, and pays', async () => {
    const world = await makeWorld({ keys: await generateSimulatorKeys(), makeStore: memoryStoreUnderTest })
    const model = emptyModel()
    const flow = [
      new CreatePaymentCommand({
        kind: 'otpWallet',
        captureMode: 'AUTOMATIC',
        amount: { currency: 'USD', minor: 1_000 },
      }),
      new CallFaultCommand({ kind: 'timeoutBefore', endpoint: 'verifyAndCompletePayment' }),
      new EnterOtpCommand(0, true),
      new AdvanceClockCommand(61_000),
      new EnterOtpCommand(0, true),
    ]
    for (const command of flow) await command.run(model, world)
    const status = await world.run((engine) => engine.status('ORD-1-attempt-1'))
    expect(status).toMatchObject({ _tag: 'Success', value: { state: 'captured' } })
  })
})
