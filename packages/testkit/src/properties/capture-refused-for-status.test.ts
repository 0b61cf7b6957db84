import { describe, it } from 'vitest'
import { checkFixedFlow } from './fixed-flow.fixtures.js'
import { captureRefusedAfterLateLanding } from './lands-late.fixtures.js'

// Found by the model (memory, late paths, seed 8203): a capture given up lands two hours on, after its watch, its
// notification lost; the merchant captures again and the gateway refuses (ORDER_STATUS_INVALID: captured already);
// the inquiry that refusal sent is lost, and so is the last look's. Nothing asked again: the payment said authorized
// where the gateway had captured it.
describe('a capture refused for the payment status, its inquiry lost', () => {
  it('is watched until the gateway tells it captured by the earlier send (local-equals-gateway)', () =>
    checkFixedFlow(captureRefusedAfterLateLanding()))
})
