import * as Clock from 'effect/Clock'
import * as Effect from 'effect/Effect'
import type { NotificationEvent } from '../machine/events.js'
import type { StoreUnavailable } from '../store/errors.js'
import type { PaymentStoreShape } from '../store/payment-store.js'
import type { StoredPayment } from '../store/records.js'
import type { Handler } from './handler.js'
import { EngineObserver } from './observer.js'
import type { RecentPayments } from './recent-payments.js'

/** A notification as the machine reads it, with what finds its payment: our paymentRequestId or the gateway's id. */
export type InboundEvent = NotificationEvent & { readonly paymentRequestId?: string; readonly paymentId?: string }

export interface NotificationOptions {
  /** The same redelivery has the same key (notifyType + the request id it settles + the gateway's payment id). */
  readonly notificationKey: string
  /** The raw body, kept for review when no payment matches; the event's JSON otherwise. */
  readonly body?: string
}

/**
 * `deferred`: the payment cannot take it yet (a refund of a payment not yet known captured); nothing was recorded,
 * and it must not be acknowledged, so that the gateway delivers it again.
 */
export type NotificationOutcome = 'applied' | 'duplicate' | 'unmatched' | 'deferred'

const machineEvent = (event: InboundEvent): NotificationEvent => {
  const { paymentRequestId: _ignored, ...rest } = event
  return rest
}

const notifyTypeOf = (event: NotificationEvent): string =>
  event.type === 'PAYMENT_NOTIFIED'
    ? event.notifyType
    : event.type === 'CAPTURE_NOTIFIED'
      ? 'CAPTURE_RESULT'
      : 'REFUND_RESULT'

export const makeNotificationHandler = (store: PaymentStoreShape, handler: Handler, recent: RecentPayments) => {
  const locate = (event: InboundEvent): Effect.Effect<StoredPayment | undefined, StoreUnavailable> => {
    if (event.paymentRequestId !== undefined) return store.load(event.paymentRequestId)
    if (event.paymentId !== undefined) return store.find({ paymentId: event.paymentId })
    return Effect.succeed(undefined)
  }

  const handleNotification = Effect.fn('Engine.handleNotification')(function* (
    event: InboundEvent,
    options: NotificationOptions,
  ) {
    yield* Effect.annotateCurrentSpan('antom.notify_type', notifyTypeOf(event))
    // No key check before the machine: the commit carrying the key is compare-and-set on it, so a redelivery's commit
    // conflicts and its retry reloads and sees the key. A first delivery costs one read and one commit, or only the
    // commit for a payment this engine kept (the handler starts from its copy).
    const kept = event.paymentRequestId === undefined ? undefined : recent.get(event.paymentRequestId)
    const payment = kept ?? (yield* locate(event))
    if (payment === undefined) {
      yield* store.recordUnmatchedNotification({
        key: options.notificationKey,
        receivedAt: yield* Clock.currentTimeMillis,
        notifyType: notifyTypeOf(event),
        ...(event.paymentRequestId === undefined ? {} : { paymentRequestId: event.paymentRequestId }),
        body: options.body ?? JSON.stringify(event),
      })
      yield* Effect.logWarning('notification matched no payment').pipe(
        Effect.annotateLogs({ notificationKey: options.notificationKey }),
      )
      return 'unmatched' satisfies NotificationOutcome
    }
    const handled = yield* handler.handle(payment.paymentRequestId, machineEvent(event), {
      notificationKey: options.notificationKey,
      ...(kept === undefined ? { loaded: payment } : {}),
    })
    if (handled._tag === 'Deferred') {
      // A redelivery the machine would now defer is still only a redelivery: acknowledged, not asked for again.
      const seen = yield* store.hasNotification(options.notificationKey)
      return (seen ? 'duplicate' : 'deferred') satisfies NotificationOutcome
    }
    return (handled._tag === 'Duplicate' ? 'duplicate' : 'applied') satisfies NotificationOutcome
  })
  return (event: InboundEvent, options: NotificationOptions) =>
    handleNotification(event, options).pipe(
      Effect.tap((outcome) =>
        Effect.flatMap(Effect.service(EngineObserver), (observer) =>
          observer.notification(outcome, notifyTypeOf(event)),
        ),
      ),
    )
}
