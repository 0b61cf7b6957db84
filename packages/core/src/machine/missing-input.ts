/** What `createActor(paymentMachine)` without `{ input }` ends in: a payment starts from its PaymentInput. */
export const MISSING_INPUT = new TypeError(
  'the payment machine starts from a PaymentInput: createActor(paymentMachine, { input }) or initialTransition(paymentMachine, input)',
)
