export { attemptRequestId, ORDER_REFERENCE_MAX_LENGTH } from './attempt-ids.js'
export { type AttemptRefusal, OrderAttemptRefused } from './errors.js'
export {
  charged,
  mayStillSucceed,
  type NextAttempt,
  type OrderState,
  type OrderStatus,
  orderStatusOf,
} from './order-status.js'
