export { capturedMinor, isFullyRefunded, refundableMinor, refundedMinor } from './amounts.js'
export { operationRequestId, unansweredEvent } from './command-builders.js'
export type { Command, CommandKind, GatewayCommand, LocalCommand } from './commands.js'
export { isGatewayCommand } from './commands.js'
export type * from './context.js'
export { toMermaid } from './diagram.js'
export type { DomainEvent, DomainEventType } from './domain-events.js'
export type { PaymentEmitted } from './emitted.js'
export type * from './events.js'
export { type InputProblem, inputProblem, savedPaymentMethodId } from './input-rules.js'
export { paymentMachine } from './payment-machine.js'
export { type PersistedPayment, persistPayment, restorePayment } from './persistence.js'
export {
  CUSTOMER_INQUIRY_INTERVAL_MS,
  capturesSeparately,
  DEFAULT_CAPTURE_WINDOW_MS,
  DEFAULT_RECONCILE_POLICY,
  defaultExpiryMs,
  INQUIRY_IN_FLIGHT_MS,
  LAST_LOOK_AFTER_WATCH_MS,
  LATE_CAPTURE_LAST_LOOK_MS,
  LATE_PAY_LAST_LOOK_MS,
  LATE_REFUND_LAST_LOOK_MS,
  lateRefundWatchEnd,
  MAX_REFUND_SENDS,
  maxRequestedExpiryMs,
  takesCaptureMode,
} from './policy.js'
export { isTerminal, PAYMENT_STATES, type PaymentState, stateOf, tagsOf } from './state.js'
export { isStorableText, storableText } from './storable-text.js'
export { PAYMENT_TAGS, type PaymentTag } from './tags.js'
export { applyEvent, applyEvents, type PaymentSnapshot, type Step, startPayment } from './transitions.js'
