import * as Effect from 'effect/Effect'
import * as Layer from 'effect/Layer'
import { DomainEvents } from '../engine/domain-events.js'
import type { PaychartOptions } from './options.js'

const dropped = Layer.succeed(DomainEvents, { publish: () => Effect.void })

/**
 * The `DomainEvents` layer for a listener function. A listener that throws or rejects is logged (the event's type,
 * never its content) and the payment goes on: write events to your own durable queue if you cannot lose one.
 */
export const eventsLayer = (events: PaychartOptions['events']): Layer.Layer<DomainEvents> => {
  if (events === undefined) return dropped
  if (typeof events !== 'function') return events
  return Layer.succeed(DomainEvents, {
    publish: (paymentRequestId, event) =>
      Effect.tryPromise(async () => events(paymentRequestId, event)).pipe(
        Effect.catch(() =>
          Effect.logWarning('domain event listener failed').pipe(
            Effect.annotateLogs({ paymentRequestId, event: event.type }),
          ),
        ),
      ),
  })
}
