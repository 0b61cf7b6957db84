import type { Effect } from 'effect'
import * as Context from 'effect/Context'
import type { Backlog, BacklogOptions } from './backlog.js'
import type { Commit, NewPayment } from './commit.js'
import type { PaymentExists, PaymentNotFound, StoreUnavailable, VersionConflict } from './errors.js'
import type { Claimed, EventLogEntry, InboundNotification, OutboxItem, StoredPayment, TimerItem } from './records.js'
import type { PruneOptions, PruneReport } from './retention.js'

export interface ClaimOptions {
  readonly now: number
  /** Who claims: a relay instance id. */
  readonly owner: string
  readonly leaseMs: number
  readonly limit: number
}

export type FindKey =
  | { readonly merchantReference: string }
  | { readonly paymentId: string }
  | { readonly paymentSessionId: string }

/**
 * Where payments live. Every adapter (memory, SQLite, Postgres, a user's own) passes `testPaymentStore` from
 * `@paychart/testkit`, which is this contract's definition.
 */
export interface PaymentStoreShape {
  readonly create: (payment: NewPayment) => Effect.Effect<StoredPayment, PaymentExists | StoreUnavailable>
  readonly load: (paymentRequestId: string) => Effect.Effect<StoredPayment | undefined, StoreUnavailable>
  /**
   * Atomic and compare-and-set on `expectedVersion`, and on `notificationKey` (when given) not being committed yet:
   * all of the commit is written, or none of it and `VersionConflict`. The engine then reloads and sees which.
   */
  readonly commit: (
    commit: Commit,
  ) => Effect.Effect<StoredPayment, VersionConflict | PaymentNotFound | StoreUnavailable>
  readonly find: (key: FindKey) => Effect.Effect<StoredPayment | undefined, StoreUnavailable>
  readonly events: (paymentRequestId: string) => Effect.Effect<ReadonlyArray<EventLogEntry>, StoreUnavailable>

  /**
   * Outbox items not done and not leased to anyone else (or whose lease lapsed), oldest first, up to `limit`:
   * leased to `owner` until `now + leaseMs`. An item claimed by one relay is not handed to another until then.
   */
  readonly claimCommands: (options: ClaimOptions) => Effect.Effect<ReadonlyArray<Claimed<OutboxItem>>, StoreUnavailable>
  /**
   * Claims one outbox item by id, as `claimCommands` would (not done, free or its lease lapsed): leased to `owner`
   * until `now + leaseMs`, or `undefined` when it is done, unknown or held by someone else. The engine claims a
   * command it is about to execute inline, so that no relay runs it at the same time.
   */
  readonly claimCommand: (
    commandId: string,
    options: Omit<ClaimOptions, 'limit'>,
  ) => Effect.Effect<Claimed<OutboxItem> | undefined, StoreUnavailable>
  /**
   * Marks an outbox item done (idempotent). Fails with nothing when the item is unknown or already done. Need not be
   * durable on its own (a store may let it ride with the next durable write): a completion lost in a crash only runs
   * the item again, which the outbox's at-least-once contract allows.
   */
  readonly completeCommand: (commandId: string) => Effect.Effect<void, StoreUnavailable>
  /** Timers due at `now`, leased like commands. A timer is removed by the commit of its TIMER_FIRED event. */
  readonly claimTimers: (options: ClaimOptions) => Effect.Effect<ReadonlyArray<Claimed<TimerItem>>, StoreUnavailable>
  readonly pendingTimers: (paymentRequestId: string) => Effect.Effect<ReadonlyArray<TimerItem>, StoreUnavailable>

  /** Whether a notification with this key has already been committed (see `Commit.notificationKey`). */
  readonly hasNotification: (key: string) => Effect.Effect<boolean, StoreUnavailable>
  /** A notification that matched no payment: kept for review. */
  readonly recordUnmatchedNotification: (notification: InboundNotification) => Effect.Effect<void, StoreUnavailable>
  /**
   * The notifications kept for review that are still unmatched: one whose key a commit carried since (a redelivery
   * matched it, as when a capture notice came before the payment notice that names its payment) is left out.
   */
  readonly unmatchedNotifications: () => Effect.Effect<ReadonlyArray<InboundNotification>, StoreUnavailable>
  /** Removes what no longer serves (see `PruneOptions`): never a payment, its snapshot, a timer or pending work. */
  readonly prune: (options: PruneOptions) => Effect.Effect<PruneReport, StoreUnavailable>
  /** What waits (see `Backlog`): counts and the oldest of each, for readiness checks and dashboards. Reads only. */
  readonly backlog: (options: BacklogOptions) => Effect.Effect<Backlog, StoreUnavailable>
}

export class PaymentStore extends Context.Service<PaymentStore, PaymentStoreShape>()('@paychart/core/PaymentStore') {}
