import type { Money } from '../money/index.js'
import type { CaptureMode, RequestDetails } from './context.js'
import type { DomainEvent } from './domain-events.js'
import type { TimerName } from './events.js'

/**
 * What the machine decided to do, as data. Gateway commands carry the request id of their
 * logical operation (`idempotencyKey`); a re-run of the same command reuses it.
 */
export type GatewayCommand =
  | {
      readonly kind: 'pay'
      readonly paymentRequestId: string
      readonly amount: Money
      readonly paymentMethodType?: string
      readonly captureMode: CaptureMode
      /** The merchant's own expiry, sent as paymentExpiryTime; absent, the gateway's default applies. */
      readonly paymentExpiresAt?: number
      readonly requestDetails?: RequestDetails
      readonly attempt: number
    }
  | {
      readonly kind: 'createPaymentSession'
      readonly paymentRequestId: string
      readonly amount: Money
      /** Sent as paymentFactor.captureMode, for the card the buyer may pick (absent from commands stored before it). */
      readonly captureMode?: CaptureMode
      readonly paymentExpiresAt?: number
      readonly requestDetails?: RequestDetails
    }
  | { readonly kind: 'verifyAndCompletePayment'; readonly paymentId: string; readonly verifyRequestId: string }
  | { readonly kind: 'inquiryPayment'; readonly paymentRequestId: string; readonly paymentId?: string }
  | {
      readonly kind: 'capture'
      readonly paymentRequestId: string
      /** Known once the gateway named it; a gateway without it looks it up by paymentRequestId first. */
      readonly paymentId?: string
      readonly captureRequestId: string
      readonly amount: Money
    }
  | { readonly kind: 'cancel'; readonly paymentRequestId: string; readonly paymentId?: string }
  | {
      readonly kind: 'refund'
      readonly paymentRequestId: string
      readonly paymentId?: string
      readonly refundRequestId: string
      readonly amount: Money
    }
  | { readonly kind: 'inquiryRefund'; readonly refundRequestId: string }

export type LocalCommand =
  | { readonly kind: 'scheduleTimer'; readonly timer: TimerName; readonly dueAt: number }
  | { readonly kind: 'cancelTimer'; readonly timer: TimerName }
  | { readonly kind: 'publish'; readonly event: DomainEvent }

type Sequenced<C> = C & {
  /** Unique within the payment; the outbox key. */
  readonly commandId: string
  /** The gateway's idempotency field for this operation (request id), or the command id for local ones. */
  readonly idempotencyKey: string
}

export type Command = Sequenced<GatewayCommand> | LocalCommand
export type CommandKind = Command['kind']

export const isGatewayCommand = (command: Command): command is Sequenced<GatewayCommand> =>
  command.kind !== 'scheduleTimer' && command.kind !== 'cancelTimer' && command.kind !== 'publish'
