export type { Answer, CommitRefusal, CreateRefusal, Refusal } from './answers.js'
export { type DurableObjectClasses, durableObjectClasses } from './durable-object-classes.js'
export {
  type DurableObjectStoreOptions,
  durableObjectStore,
  durableObjectStoreLayer,
} from './durable-object-store.js'
export {
  type CommandCandidate,
  type PaymentIndexClass,
  type PaymentIndexRpc,
  paymentIndexClass,
  type TimerCandidate,
} from './index-object.js'
export { indexMigrations, type Migration, paymentMigrations } from './migrations.js'
export { indexObjectName, paymentObjectName } from './names.js'
export type { LeaseRequest } from './payment-claims.js'
export {
  DUE_TIMER_RETRY_MS,
  INDEX_RETRY_MS,
  type PaymentObjectClass,
  type PaymentObjectEnv,
  type PaymentObjectInstance,
  type PaymentObjectOptions,
  type PaymentObjectRpc,
  paymentObjectClass,
} from './payment-object.js'
export type { PaymentPruned } from './payment-prune.js'
export type { PaymentSummary } from './summary.js'
export type * from './workers-types.js'
