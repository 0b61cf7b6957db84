import * as Context from 'effect/Context'
import * as Effect from 'effect/Effect'
import * as Layer from 'effect/Layer'
import type { DomainEvent } from '../machine/domain-events.js'

/** Where merchant code hears about payments. `publish` runs after the commit; a crash may repeat it (at least once). */
export class DomainEvents extends Context.Service<
  DomainEvents,
  { readonly publish: (paymentRequestId: string, event: DomainEvent) => Effect.Effect<void> }
>()('@paychart/core/DomainEvents') {}

export interface PublishedEvent {
  readonly paymentRequestId: string
  readonly event: DomainEvent
}

export interface DomainEventCollector {
  readonly layer: Layer.Layer<DomainEvents>
  /** Every event published so far, in order (live). */
  readonly published: ReadonlyArray<PublishedEvent>
}

/** An in-memory `DomainEvents` that keeps what it hears: for tests and single-process tools. */
export const collectDomainEvents = (): DomainEventCollector => {
  const published: PublishedEvent[] = []
  const layer = Layer.succeed(DomainEvents, {
    publish: (paymentRequestId, event) => Effect.sync(() => void published.push({ paymentRequestId, event })),
  })
  return { layer, published }
}
