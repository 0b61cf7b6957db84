export * from './commands/index.js'
export {
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
  BASE_URL,
  CLIENT_ID,
  Crashed,
  type CrashPoint,
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
