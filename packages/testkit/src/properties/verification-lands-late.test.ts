import { describe, it } from 'vitest'
import { CreatePaymentCommand } from './commands/create-payment.js'
import { VerificationLandsLateCommand } from './commands/verification-lands-late.js'
import { checkFixedFlow } from './fixed-flow.fixtures.js'

const otpWallet = new CreatePaymentCommand({
  kind: 'otpWallet',
  captureMode: 'AUTOMATIC',
  amount: { currency: 'USD', minor: 1_000 },
})

// The buyer's code reached the gateway only after the engine gave its verification up; the engine's inquiry before
// that found the gateway still awaiting the code, so the buyer entered it again, and the gateway, paid meanwhile,
// refused it with ORDER_STATUS_INVALID (found by the scheduled mix at stop 44, after a stale answer).
describe('an OTP entered again after the first verification landed late', () => {
  it('is refused for the order status, and the payment settles as the gateway has it (local-equals-gateway)', () =>
    checkFixedFlow([otpWallet, new VerificationLandsLateCommand(0)]))
})
