export * from './commands/index.js'
export {
  checkAcknowledgedCommitted,
  checkAgreement,
  checkCardData,
  checkInvariants,
  checkNotificationsDecode,
  historyOf,
  type Observed,
  observe,
  PROPERTY_NAMES,
  type PropertyName,
  PropertyViolation,
  statusFromStore,
} from './invariants.js'
export { emptyModel, type Model, type ModelPayment } from './model.js'
export { checkAtQuiescence, quiesce } from './quiescence.js'
export {
  assertPaymentProperties,
  checkPaymentProperties,
  formatFailure,
  type PaymentPropertiesOptions,
  type PaymentPropertiesReport,
} from './run.js'
export {
  DEFAULT_WEBHOOK_PATHS,
  type PropertyEngineRunner,
  type WebhookAnswer,
  type WebhookContext,
  type WebhookHandler,
  type WebhookUnderTest,
  type WebhookVerdict,
} from './webhook.js'
export {
  BASE_URL,
  CLIENT_ID,
  Crashed,
  type CrashPoint,
  type DeliveryOutcome,
  type MakeStore,
  makeWorld,
  memoryStoreUnderTest,
  NOTIFY_URL,
  type Pause,
  type PublishedFact,
  type StoreUnderTest,
  type World,
  type WorldOptions,
} from './world.js'
