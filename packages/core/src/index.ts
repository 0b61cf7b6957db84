// The merchant's entry: set paychart up and take payments. Other audiences have their own entries:
// `@paychart/core/store` (writing a store), `/machine` (the pure machine), `/result-codes`, `/money` and `/ids`.
export * from './engine/index.js'
export type {
  AttemptOf,
  CaptureMode,
  CardResult,
  CheckoutPageAction,
  CustomerAction,
  Flow,
  PaymentInput,
  RequestDetails,
} from './machine/context.js'
export type { DomainEvent, DomainEventType } from './machine/domain-events.js'
export type { PaymentState } from './machine/state.js'
export type { PaymentTag } from './machine/tags.js'
export type { CurrencyCode, Money } from './money/money.js'
export * from './order/index.js'
export * from './paychart/index.js'
export { PaymentExists, PaymentNotFound, StoreUnavailable } from './store/errors.js'
export { type MemoryStore, type MemoryStoreOptions, makeMemoryStore } from './store/memory-store.js'
export { PaymentStore } from './store/payment-store.js'
