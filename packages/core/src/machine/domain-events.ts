import type { Money } from '../money/index.js'
import type { CancelReason, CardResult, Conflict, CustomerAction, FailureReason } from './context.js'

/** What merchant code hears about a payment. */
export type DomainEvent =
  | { readonly type: 'customerActionRequired'; readonly action: CustomerAction; readonly retry?: string }
  | {
      readonly type: 'authorized'
      readonly amount: Money
      readonly captureDeadlineAt: number
      readonly card?: CardResult
    }
  | { readonly type: 'succeeded'; readonly amount: Money; readonly card?: CardResult }
  | { readonly type: 'readyToShip'; readonly amount: Money }
  | { readonly type: 'captureFailed'; readonly code: string; readonly message?: string }
  | { readonly type: 'failed'; readonly reason: FailureReason; readonly card?: CardResult }
  | { readonly type: 'cancelled'; readonly reason: CancelReason }
  /**
   * The gateway refused a cancel (`reason`: the merchant's, or one the engine sent for the capture deadline or the
   * payment's expiry). The payment was not cancelled: what it became follows (`authorized` again, or `succeeded`,
   * `failed`... once the gateway is asked). ORDER_STATUS_INVALID: captured already, or closed.
   */
  | { readonly type: 'cancelFailed'; readonly reason: CancelReason; readonly code: string; readonly message?: string }
  | { readonly type: 'expired' }
  | {
      readonly type: 'refunded'
      readonly refundRequestId: string
      readonly amount: Money
      readonly fully: boolean
      /** Made outside this engine (the gateway's dashboard): learnt from the gateway's notification. */
      readonly external?: boolean
    }
  | { readonly type: 'refundFailed'; readonly refundRequestId: string; readonly code: string }
  | { readonly type: 'conflict'; readonly conflict: Conflict }
  /**
   * A pay still on its way landed after the payment closed, and the gateway captured it before it could be cancelled:
   * the buyer paid for a payment the merchant was told did not happen (and, in an order, may have paid again in a
   * later attempt). It is refunded in full under `refundRequestId`; `refunded` or `refundFailed` follows.
   */
  | { readonly type: 'lateSuccessReversed'; readonly refundRequestId: string; readonly amount: Money }

export type DomainEventType = DomainEvent['type']
