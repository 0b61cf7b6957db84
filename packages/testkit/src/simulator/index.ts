export { type CardBehaviour, type CardBrand, type CardFacts, TEST_CARDS, type TestCard } from './cards.js'
export { DAY, HOUR, isoTime, type ManualClock, MINUTE, manualClock, SECOND } from './clock.js'
export type { CheckoutChoice, CompleteOptions, CustomerOutcome } from './customer.js'
export type { ExternalRefundOutcome } from './external-refunds.js'
export type { CallFault, CallFaultRequest, NotificationFault, TamperField } from './faults.js'
export type { Answer, HandleResult, Silence, UnsignedAnswer } from './handle.js'
export { OTP_ACTION_FORM, VERIFY_METHOD_TYPE } from './handlers/index.js'
export { counterIds, type IdGenerator, type IdKind } from './ids.js'
export { OTP_WALLET } from './methods.js'
export type {
  Delivery,
  NotificationBody,
  NotificationStatus,
  NotifyEndpoint,
  NotifyType,
} from './notification-records.js'
export { isAcknowledgement, NOTIFICATION_ACK, RETRY_SCHEDULE_MS } from './notification-schedule.js'
export type { AcknowledgeOutcome } from './notifications.js'
export type { OtpOptions, SimConfig, SimulatorOptions } from './options.js'
export { endpointFromPath, parseSimPath, type SimPage, simPagePath } from './paths.js'
export type { RefundRefusal } from './refunds.js'
export { type CompletionView, createSimulator, type Simulator } from './simulator.js'
export type { CallIds, CallRecord, CustomerStep, ExternalRefund, PaymentStatus, SessionStatus } from './state.js'
export type { Tampered } from './tamper.js'
export {
  type JsonObject,
  type ResponseBody,
  type ResultObject,
  SIM_ENDPOINTS,
  type SimEndpoint,
} from './types.js'
export { type CardVault, cardVault, type VaultedCard } from './vault.js'
export type { NotificationView, PaymentView, SessionView } from './views.js'
