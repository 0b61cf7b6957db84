import * as Clock from 'effect/Clock'
import * as Effect from 'effect/Effect'
import type { Refusal } from '../machine/context.js'
import type { PaymentEvent } from '../machine/events.js'
import { restorePayment } from '../machine/persistence.js'
import { applyEvent, type PaymentSnapshot } from '../machine/transitions.js'
import { PaymentNotFound, type StoreUnavailable } from '../store/errors.js'
import type { PaymentStoreShape } from '../store/payment-store.js'
import type { Lease, OutboxItem, StoredPayment } from '../store/records.js'
import { type CommitLinks, planCommit } from './commit-plan.js'
import { TooManyConflicts } from './errors.js'
import type { ExecutableCommand, PaymentSecrets } from './gateway.js'
import { EngineObserver } from './observer.js'
import type { RecentPayments } from './recent-payments.js'
import { needsSecrets, type SecretVault, usesSecrets } from './secret-vault.js'
import { leaseMarginMs, leaseRanOut, secretsLost } from './unanswered.js'

export interface HandleOptions extends CommitLinks {
  /** Card metadata or OTP for the command this event produces: kept in memory only, beside it. */
  readonly secrets?: PaymentSecrets
  /**
   * The payment as the caller just loaded it: the first attempt starts from it instead of reading it again. A stale
   * copy costs one conflict, never a wrong commit (the commit compares the version and the notification key, and a
   * retry reloads and checks the key).
   */
  readonly loaded?: StoredPayment
  /**
   * When the event answers a command this process runs under a lease: when that lease lapses. Past it a relay may have
   * taken the command and sent it again, its answer committed first; this one is not applied (`LeaseLapsed`), and the
   * command is left to the relay.
   */
  readonly heldUntil?: number
}

export type Handled =
  | {
      readonly _tag: 'Committed'
      readonly payment: StoredPayment
      /** The event as applied (an intent's request id allocated from the payment it was applied to). */
      readonly event: PaymentEvent
      /** Why the machine refused this event, if it was a merchant intent it refused. */
      readonly refusal?: Refusal
    }
  /** The event changed nothing and settles nothing (a customer's return with nothing to ask): nothing was written. */
  | { readonly _tag: 'Unchanged'; readonly payment: StoredPayment; readonly event: PaymentEvent }
  /** A notification the machine cannot take yet: nothing was written, so that the gateway delivers it again. */
  | { readonly _tag: 'Deferred'; readonly payment: StoredPayment; readonly event: PaymentEvent }
  /** The notification key was already committed: nothing was applied. */
  | { readonly _tag: 'Duplicate'; readonly payment: StoredPayment }
  /** The fired timer was moved or cleared by a commit since it was claimed: nothing was applied. */
  | { readonly _tag: 'TimerMoved'; readonly payment: StoredPayment }
  /** The answer came after the lease of the command it answers lapsed (see `heldUntil`): nothing was applied. */
  | { readonly _tag: 'LeaseLapsed'; readonly payment: StoredPayment }

export type HandleError = PaymentNotFound | TooManyConflicts | StoreUnavailable

/** How long a command stays this process's: its call is given up at `deadline`, its lease lapses at `heldUntil`. */
interface Held {
  readonly deadline: number
  readonly heldUntil: number
}

/**
 * The event to apply, or how to make it from the payment it is applied to: an intent's default request id is
 * allocated from the very version the commit compares against, so a conflict reloads and allocates again.
 */
export type EventSource = PaymentEvent | ((payment: PaymentSnapshot) => PaymentEvent)

const settlesSomething = (options: HandleOptions): boolean =>
  options.completesCommand !== undefined || options.firedTimer !== undefined || options.notificationKey !== undefined

export interface HandlerDeps {
  readonly store: PaymentStoreShape
  readonly execute: (command: ExecutableCommand, secrets: PaymentSecrets | undefined) => Effect.Effect<PaymentEvent>
  readonly publish: (item: OutboxItem) => Effect.Effect<void>
  readonly vault: SecretVault
  /** The payments this engine last wrote or read: an event for one of them starts from it. */
  readonly recent: RecentPayments
  /** Who claims commands run inline; leases are what keep a relay off them. */
  readonly inlineOwner: string
  readonly leaseMs: number
  readonly maxConflictRetries: number
}

/** A gateway command as the outbox stored it: the machine's command, with its `commandId` and `idempotencyKey`. */
const executable = (item: OutboxItem): ExecutableCommand | undefined =>
  item.command.kind === 'publish' ? undefined : (item.command as ExecutableCommand)

/**
 * The engine's one step and what follows it: load → pure transition → atomic commit (compare-and-set, retried on
 * conflict) → publish the domain events and run the new gateway commands inline, each answer handled the same way.
 * Its functions are untraced: the public call that runs them (`Engine.handleNotification`, `Engine.intent`, ...)
 * carries the span, and a span with its captured stack costs about 6 µs, a third of a step's own work.
 */
export const makeHandler = (deps: HandlerDeps) => {
  const { store, vault, recent } = deps

  const load = (paymentRequestId: string) =>
    store.load(paymentRequestId).pipe(
      Effect.tap((stored) =>
        Effect.sync(() => {
          if (stored !== undefined) recent.remember(stored)
        }),
      ),
    )

  /** Held until the payment expires at the latest: a commit that failed may have written nothing that uses them. */
  const stash = (
    paymentRequestId: string,
    commands: ReadonlyArray<ExecutableCommand>,
    secrets: PaymentSecrets | undefined,
    until: number | undefined,
    now: number,
  ) => {
    if (secrets === undefined) return
    vault.forgetExpired?.(now)
    for (const command of commands)
      if (usesSecrets(command)) vault.put(paymentRequestId, command.idempotencyKey, secrets, until)
  }

  /**
   * Whether the timer an event fires is still set as it was claimed. Every timer write is part of a commit, so a move
   * after this check makes the commit conflict, and the retry checks again.
   */
  const stillDue = (paymentRequestId: string, options: HandleOptions): Effect.Effect<boolean, StoreUnavailable> => {
    const { firedTimer, firedDueAt } = options
    if (firedTimer === undefined || firedDueAt === undefined) return Effect.succeed(true)
    return store
      .pendingTimers(paymentRequestId)
      .pipe(Effect.map((timers) => timers.some((t) => t.timer === firedTimer && t.dueAt === firedDueAt)))
  }

  /** The kinds of the conflicts a step opened (conflicts are only ever appended). */
  const openedConflicts = (before: PaymentSnapshot, after: PaymentSnapshot): ReadonlyArray<string> =>
    after.context.conflicts.slice(before.context.conflicts.length).map((conflict) => conflict.kind)

  /** The call, given up as unanswered at `deadline`: by then its lease is about to lapse and a relay may take it. */
  const call = (command: ExecutableCommand, secrets: PaymentSecrets | undefined, sent: number, deadline: number) =>
    deps.execute(command, secrets).pipe(
      Effect.timeoutOrElse({
        duration: Math.max(0, deadline - sent),
        orElse: () => Effect.map(Clock.currentTimeMillis, (at) => leaseRanOut(command, at)),
      }),
    )

  const runGateway = Effect.fnUntraced(function* (item: OutboxItem, command: ExecutableCommand, held: Held) {
    const { deadline, heldUntil } = held
    const sent = yield* Clock.currentTimeMillis
    vault.forgetExpired?.(sent)
    const secrets = vault.get(item.paymentRequestId, command.idempotencyKey)
    const lost = needsSecrets(command) && secrets === undefined
    const answer = lost ? secretsLost(command, sent) : yield* call(command, secrets, sent, deadline)
    if (!lost) yield* (yield* EngineObserver).gatewayCall(command.kind, answer, (yield* Clock.currentTimeMillis) - sent)
    yield* Effect.logDebug(lost ? 'secrets lost: reconciling instead' : 'gateway answered').pipe(
      Effect.annotateLogs({ commandId: item.commandId, kind: command.kind, answer: answer.type }),
    )
    if (command.kind === 'verifyAndCompletePayment') vault.delete(item.paymentRequestId, command.idempotencyKey)
    if (command.kind === 'pay' && answer.type !== 'GATEWAY_UNANSWERED') {
      vault.delete(item.paymentRequestId, command.idempotencyKey)
    }
    yield* handle(item.paymentRequestId, answer, { completesCommand: item.commandId, heldUntil })
  })

  /** An item held under a lease until `heldUntil`, its call given up at `deadline`, a margin before. */
  const heldBy = (item: OutboxItem, heldUntil: number, margin: number): Held & { readonly item: OutboxItem } => ({
    item,
    heldUntil,
    deadline: heldUntil - margin,
  })

  /**
   * The item still this process's to run under `lease`, and when its call is to be given up (a tenth of the lease
   * before it lapses): claimed again once its lease lapsed (earlier items took long), nothing if a relay took it
   * meanwhile, and nothing in the last tenth either, its lease still held: a relay takes it once the lease lapses.
   */
  const stillHeld = Effect.fnUntraced(function* (item: OutboxItem, lease: Lease, leaseMs: number) {
    const now = yield* Clock.currentTimeMillis
    const margin = leaseMarginMs(leaseMs)
    if (now < lease.leaseUntil - margin) return heldBy(item, lease.leaseUntil, margin)
    if (now < lease.leaseUntil) return undefined
    const claimed = yield* store.claimCommand(item.commandId, { now, owner: lease.owner, leaseMs })
    return claimed === undefined ? undefined : heldBy(claimed, now + leaseMs, margin)
  })

  /**
   * Runs one outbox item claimed under `lease` (see `stillHeld`): a domain event to publish, or a gateway call whose
   * answer is then handled.
   */
  const runClaimed = Effect.fnUntraced(function* (item: OutboxItem, lease: Lease, leaseMs: number) {
    const held = yield* stillHeld(item, lease, leaseMs)
    if (held === undefined) return
    const command = executable(held.item)
    if (command !== undefined) return yield* runGateway(held.item, command, held)
    yield* deps.publish(held.item)
    yield* store.completeCommand(held.item.commandId)
  })

  /** Marks published domain events done together, so that a store may write them in one statement. */
  const completeAll = (commandIds: ReadonlyArray<string>) =>
    Effect.forEach(commandIds, (commandId) => store.completeCommand(commandId), {
      concurrency: 'unbounded',
      discard: true,
    })

  /**
   * Runs the items the commit wrote already claimed by this process, each while it is still held (see `stillHeld`).
   * Domain events are published in order and marked done together, before the next gateway call and at the end.
   */
  const runInline = Effect.fnUntraced(function* (items: ReadonlyArray<OutboxItem>, lease: Lease) {
    let published: string[] = []
    for (const item of items) {
      // Before a gateway call, not between its lease check and the call: while that write waits the lease may lapse
      // and a relay take the command, which would then be at the gateway twice at once (found by the model).
      if (executable(item) !== undefined) {
        yield* completeAll(published)
        published = []
      }
      const held = yield* stillHeld(item, lease, deps.leaseMs)
      if (held === undefined) continue
      const { item: claimed } = held
      const command = executable(claimed)
      if (command === undefined) {
        // Those already published are marked done even when this one fails: only the failed one is published again.
        yield* deps.publish(claimed).pipe(Effect.onError(() => Effect.ignore(completeAll(published))))
        published.push(claimed.commandId)
        continue
      }
      yield* runGateway(claimed, command, held)
    }
    yield* completeAll(published)
  })

  const handle: (
    paymentRequestId: string,
    source: EventSource,
    options?: HandleOptions,
  ) => Effect.Effect<Handled, HandleError> = Effect.fn('Engine.handle')(function* (
    paymentRequestId: string,
    source: EventSource,
    options: HandleOptions = {},
  ) {
    yield* Effect.annotateCurrentSpan('paychart.payment_request_id', paymentRequestId)
    // The copy kept from this engine's last write or read of the payment: the first attempt starts from it. A stale
    // one fails the commit's compare-and-set; an event it would leave unwritten is tried again on the stored payment.
    const kept = options.loaded === undefined ? recent.get(paymentRequestId) : undefined
    for (let attempt = 1; ; attempt++) {
      const preloaded = attempt === 1 ? (options.loaded ?? kept) : undefined
      const fromKept = attempt === 1 && kept !== undefined
      const stored = preloaded ?? (yield* load(paymentRequestId))
      if (stored === undefined) return yield* new PaymentNotFound({ paymentRequestId })
      const checkKey = preloaded === undefined && options.notificationKey !== undefined
      if (checkKey && (yield* store.hasNotification(options.notificationKey))) {
        return { _tag: 'Duplicate', payment: stored } as const
      }
      if (!(yield* stillDue(paymentRequestId, options))) return { _tag: 'TimerMoved', payment: stored } as const
      if (options.heldUntil !== undefined && (yield* Clock.currentTimeMillis) >= options.heldUntil) {
        yield* Effect.logWarning('gateway answer after its lease lapsed: left to the relay').pipe(
          Effect.annotateLogs({ commandId: options.completesCommand }),
        )
        return { _tag: 'LeaseLapsed', payment: stored } as const
      }
      const before = restorePayment(stored.snapshot)
      const event = typeof source === 'function' ? source(before) : source
      const step = applyEvent(before, event)
      const unchanged = step.snapshot === before && !settlesSomething(options)
      if ((unchanged || step.deferred) && fromKept) {
        recent.forget(paymentRequestId)
        continue
      }
      if (unchanged) return { _tag: 'Unchanged', payment: stored, event } as const
      if (step.deferred) return { _tag: 'Deferred', payment: stored, event } as const
      const now = yield* Clock.currentTimeMillis
      const lease = { owner: deps.inlineOwner, leaseUntil: now + deps.leaseMs }
      const commit = { ...planCommit(stored, event, step, options), claimNew: lease }
      stash(
        paymentRequestId,
        step.commands.filter((c): c is ExecutableCommand => 'commandId' in c),
        options.secrets,
        step.snapshot.context.times.expiresAt,
        now,
      )
      const committed = yield* store.commit(commit).pipe(
        Effect.withSpan('PaymentStore.commit', { attributes: { 'paychart.commit.attempt': attempt } }),
        Effect.catchTag('VersionConflict', () => Effect.succeed(undefined)),
        // Written or not, the kept copy may be behind the store now.
        Effect.onExit(() => Effect.sync(() => recent.forget(paymentRequestId))),
      )
      if (committed === undefined) {
        yield* (yield* EngineObserver).commitConflict()
        if (attempt >= deps.maxConflictRetries) {
          return yield* new TooManyConflicts({ paymentRequestId, attempts: attempt })
        }
        yield* Effect.yieldNow
        continue
      }
      recent.remember(committed)
      yield* Effect.logDebug('payment event committed').pipe(
        Effect.annotateLogs({ paymentRequestId, event: event.type, from: commit.event.from, to: commit.state }),
      )
      yield* Effect.annotateCurrentSpan({
        'paychart.event': event.type,
        'paychart.state.from': commit.event.from,
        'paychart.state.to': commit.state,
      })
      const observer = yield* EngineObserver
      yield* observer.event(event, commit.event.from, commit.state)
      yield* observer.conflictsOpened(openedConflicts(before, step.snapshot))
      if (!step.snapshot.hasTag('holdsCardData')) vault.clear(paymentRequestId)
      yield* runInline(commit.outbox, lease)
      const { refusal } = step
      return { _tag: 'Committed', payment: committed, event, ...(refusal === undefined ? {} : { refusal }) } as const
    }
  })

  return { handle, runClaimed }
}

export type Handler = ReturnType<typeof makeHandler>
