import { decodeNotification, notificationEvent } from '@paychart/antom'
import type { PaymentState, PaymentStatus } from '@paychart/core'
import {
  applyEvent,
  capturedMinor,
  type PaymentEvent,
  refundableMinor,
  refundedMinor,
  restorePayment,
  startPayment,
  stateOf,
  tagsOf,
} from '@paychart/core/machine'
import type { EventLogEntry, StoredPayment } from '@paychart/core/store'
import * as Effect from 'effect/Effect'
import * as Exit from 'effect/Exit'
import { ALL_TEST_CARD_NUMBERS } from '../arbitraries/index.js'
import { capturesSeparately } from '../simulator/methods.js'
import { type Model, type ModelPayment, ownsRequestId } from './model.js'
import type { World } from './world.js'

/** A property that did not hold: its name says which, the detail says where. */
export class PropertyViolation extends Error {
  constructor(
    readonly property: PropertyName,
    readonly detail: string,
  ) {
    super(`[${property}] ${detail}`)
    this.name = 'PropertyViolation'
  }
}

export const PROPERTY_NAMES = [
  'one-request-id-per-operation',
  'money-bounds',
  'terminal-is-final',
  'local-equals-gateway',
  'domain-events-agree',
  'no-card-data',
  'history-is-a-chain',
  'notification-applied-once',
  'notifications-decode',
  'acknowledged-after-commit',
  'notifications-answered',
  'intent-postcondition',
  'no-unexpected-failure',
  'accepted-intent-sent',
  'disagreement-held',
  'conflicts-resolved',
  'conflicts-are-real',
  'customer-return-coalesced',
  'order-charged-once',
  'last-look-finds-the-untold',
  'one-call-at-a-time',
  'one-command-per-id',
  'answers-in-order',
] as const

export type PropertyName = (typeof PROPERTY_NAMES)[number]

const violated = (property: PropertyName, detail: string): never => {
  throw new PropertyViolation(property, detail)
}

export interface Observed {
  readonly status: PaymentStatus
  readonly timeline: ReadonlyArray<EventLogEntry>
}

/** The payment as its stored snapshot says, read past the engine (the same fields the engine's status reports). */
export const statusFromStore = (stored: StoredPayment): PaymentStatus => {
  const snapshot = restorePayment(stored.snapshot)
  const context = snapshot.context
  const money = (minor: number) => ({ currency: context.amount.currency, minor })
  return {
    paymentRequestId: stored.paymentRequestId,
    state: stored.state,
    tags: tagsOf(snapshot),
    version: stored.version,
    amount: context.amount,
    ...(stored.paymentId === undefined ? {} : { paymentId: stored.paymentId }),
    ...(context.authorized === undefined ? {} : { authorized: context.authorized }),
    captured: money(capturedMinor(context)),
    refunded: money(refundedMinor(context)),
    refundable: money(refundableMinor(context)),
    ...(context.capture === undefined ? {} : { capture: context.capture }),
    refunds: context.refunds,
    conflicts: context.conflicts,
    ...(context.card === undefined ? {} : { card: context.card }),
  }
}

/**
 * Reads every model payment and its event log straight from the store (no engine, no pause): the store must be
 * consistent at any instant, even with handlers in flight, since every commit is atomic.
 */
export const observe = async (world: World, model: Model): Promise<Map<string, Observed>> => {
  const seen = new Map<string, Observed>()
  const store = world.store()
  // The payment and its log are two reads: a commit may land between them (a real database, handlers in flight).
  // Read the payment before and after the log; when the version did not move, the two agree.
  const read = Effect.fn(function* (id: string) {
    for (let attempt = 0; attempt < 20; attempt++) {
      const before = yield* store.load(id)
      const timeline = yield* store.events(id)
      const after = yield* store.load(id)
      if (before === undefined || after === undefined) return undefined
      if (before.version === after.version) return { status: statusFromStore(after), timeline }
      yield* Effect.yieldNow
    }
    return undefined
  })
  for (const payment of model.payments) {
    const exit = await Effect.runPromiseExit(read(payment.id))
    if (Exit.isSuccess(exit) && exit.value !== undefined) seen.set(payment.id, exit.value)
  }
  return seen
}

/** A refund of this payment: one the merchant asked for, or the engine's reversal of a late success. */
const refundOf = (payment: ModelPayment, refundRequestId: string | undefined): boolean =>
  ownsRequestId(payment, 'refund', refundRequestId) || refundRequestId === reversalIdOf(payment.id)

/** Every call the gateway received was made under a request id the merchant's operation owns. */
const checkRequestIds = (world: World, model: Model) => {
  const byId = new Map(model.payments.map((p) => [p.id, p]))
  const calls = world.simulator.calls()
  for (const call of calls) {
    const where = `call #${call.seq} ${call.endpoint} ${JSON.stringify(call.ids)}`
    if (call.result?.resultCode === 'REPEAT_REQ_INCONSISTENT') {
      violated('one-request-id-per-operation', `${where}: one request id was sent with two different bodies`)
    }
    const payment = call.paymentRequestId === undefined ? undefined : byId.get(call.paymentRequestId)
    switch (call.endpoint) {
      case 'pay':
      case 'createPaymentSession':
        if (call.ids.paymentRequestId === undefined || !byId.has(call.ids.paymentRequestId)) {
          violated('one-request-id-per-operation', `${where}: a pay under a paymentRequestId no merchant created`)
        }
        break
      case 'capture':
        if (payment === undefined || !ownsRequestId(payment, 'capture', call.ids.captureRequestId)) {
          violated('one-request-id-per-operation', `${where}: a capture under a request id the merchant never chose`)
        }
        break
      case 'refund':
        if (payment === undefined || !refundOf(payment, call.ids.refundRequestId)) {
          violated('one-request-id-per-operation', `${where}: a refund under a request id the merchant never chose`)
        }
        break
      case 'verifyAndCompletePayment':
        if (payment === undefined || !payment.verifyIds.has(call.ids.verifyRequestId ?? '')) {
          violated('one-request-id-per-operation', `${where}: a verification under a request id the buyer never sent`)
        }
        break
      case 'inquiryRefund':
        // The gateway resolves a refund inquiry by the refund, so look for the refund among every payment's.
        if (
          call.ids.refundRequestId !== undefined &&
          !model.payments.some((p) => refundOf(p, call.ids.refundRequestId)) &&
          !world.simulator.externalRefunds().some((r) => r.refundRequestId === call.ids.refundRequestId)
        ) {
          violated('one-request-id-per-operation', `${where}: a refund inquiry for a refund the merchant never asked`)
        }
        break
      default:
        // cancel and inquiryPayment: about a payment a merchant created, whether or not the gateway knows it.
        if (!byId.has(call.paymentRequestId ?? call.ids.paymentRequestId ?? '')) {
          violated('one-request-id-per-operation', `${where}: about a payment no merchant created`)
        }
        break
    }
  }
  // One capture per payment reaches the gateway and succeeds: a second success is a second request id for it.
  for (const payment of model.payments) {
    const captured = calls.filter(
      (c) => c.paymentRequestId === payment.id && c.endpoint === 'capture' && c.result?.resultStatus === 'S',
    )
    const ids = new Set(captured.map((c) => c.ids.captureRequestId))
    if (ids.size > 1) {
      violated('one-request-id-per-operation', `${payment.id}: captured under ${[...ids].join(' and ')}`)
    }
  }
}

const checkMoney = (world: World, payment: ModelPayment, status: PaymentStatus) => {
  const authorized = status.authorized?.minor ?? 0
  const where = `${payment.id} (${status.state})`
  if (status.captured.minor > authorized) {
    violated('money-bounds', `${where}: captured ${status.captured.minor} > authorized ${authorized}`)
  }
  if (status.refunded.minor > status.captured.minor) {
    violated('money-bounds', `${where}: refunded ${status.refunded.minor} > captured ${status.captured.minor}`)
  }
  const reversed = status.refunds.find((r) => r.refundRequestId === reversalIdOf(payment.id))?.amount.minor ?? 0
  if (status.refunded.minor > payment.askedRefunds + reversed) {
    violated('money-bounds', `${where}: refunded ${status.refunded.minor} > refunds asked ${payment.askedRefunds}`)
  }
  const remote = world.simulator.payment(payment.id)
  if (remote !== undefined) {
    if (remote.captured.minor > (remote.authorized?.minor ?? remote.amount.minor)) {
      violated('money-bounds', `${where}: the gateway captured ${remote.captured.minor} > authorized`)
    }
    if (remote.refunded.minor > remote.captured.minor) {
      violated('money-bounds', `${where}: the gateway refunded ${remote.refunded.minor} > captured`)
    }
    const captureAsked = payment.captureIds.size > 0 || payment.asksWithoutId.capture > 0
    // On the Checkout Page the buyer picks the method: one the gateway captures with the payment ignores MANUAL.
    const manual = payment.spec.captureMode === 'MANUAL' && capturesSeparately(remote.paymentMethodType)
    if (manual && remote.captured.minor > 0 && !captureAsked) {
      violated('money-bounds', `${where}: the gateway captured ${remote.captured.minor}, the merchant never captured`)
    }
  }
}

const checkTerminal = (payment: ModelPayment, status: PaymentStatus) => {
  if (payment.terminal !== undefined && status.state !== payment.terminal) {
    violated('terminal-is-final', `${payment.id}: was ${payment.terminal}, now ${status.state}`)
  }
  if (status.tags.includes('terminal')) payment.terminal = status.state
}

const amountOf = (event: { readonly amount?: { readonly minor: number; readonly currency: string } }) =>
  event.amount === undefined ? '' : `${event.amount.minor}${event.amount.currency}`

/** One notification's identity as the model sees it: its type, what it settles, its result and the amount it tells. */
const notificationKeyOf = (event: PaymentEvent): string | undefined => {
  switch (event.type) {
    case 'PAYMENT_NOTIFIED':
      return `${event.notifyType}:${event.paymentId ?? ''}:${event.result.resultCode}:${amountOf(event)}`
    case 'CAPTURE_NOTIFIED':
      return `CAPTURE_RESULT:${event.captureRequestId ?? ''}:${event.paymentId ?? ''}:${event.result.resultCode}:${amountOf(event)}`
    case 'REFUND_NOTIFIED':
      return `REFUND_RESULT:${event.refundRequestId}:${event.paymentId ?? ''}:${event.result.resultCode}:${amountOf(event)}`
    default:
      return undefined
  }
}

/** The event log is one chain of versions and states ending where the payment is, each notification once in it. */
const checkHistory = (payment: ModelPayment, observed: Observed) => {
  const { status, timeline } = observed
  let version = 1
  let state: PaymentState = 'draft'
  const notifications = new Set<string>()
  for (const entry of timeline) {
    if (entry.version !== version + 1 || entry.from !== state) {
      violated(
        'history-is-a-chain',
        `${payment.id}: entry ${entry.event.type} v${entry.version} from ${entry.from} follows v${version} at ${state}`,
      )
    }
    version = entry.version
    state = entry.to
    const key = notificationKeyOf(entry.event)
    if (key !== undefined) {
      if (notifications.has(key)) {
        violated('notification-applied-once', `${payment.id}: ${key} applied twice`)
      }
      notifications.add(key)
    }
  }
  if (version !== status.version || state !== status.state) {
    violated('history-is-a-chain', `${payment.id}: log ends at v${version} ${state}, payment is v${status.version}`)
  }
}

/** Replaying the log through the pure machine from the merchant's input gives the stored state and amounts. */
export const checkReplay = (payment: ModelPayment, observed: Observed) => {
  let snapshot = startPayment(payment.input).snapshot
  for (const entry of observed.timeline) snapshot = applyEvent(snapshot, entry.event).snapshot
  if (stateOf(snapshot) !== observed.status.state) {
    violated(
      'history-is-a-chain',
      `${payment.id}: the log replays to ${stateOf(snapshot)}, stored ${observed.status.state}`,
    )
  }
}

/**
 * A refund given up after sends the gateway showed no trace of, whose send landed after all: its `refundFailed`
 * (ORDER_NOT_EXIST) no longer holds, and a `refunded` published after it told the merchant so.
 */
const refundFailureCorrected = (world: World, index: number, paymentRequestId: string, refundRequestId: string) =>
  world.published
    .slice(index + 1)
    .some(
      (later) =>
        later.paymentRequestId === paymentRequestId &&
        later.event.type === 'refunded' &&
        later.event.refundRequestId === refundRequestId,
    )

/** Whether the gateway answered a cancel of the payment F with `code`. */
const cancelRefused = (world: World, paymentRequestId: string, code: string): boolean =>
  world.simulator
    .calls()
    .some(
      (call) =>
        call.endpoint === 'cancel' &&
        call.paymentRequestId === paymentRequestId &&
        call.result?.resultStatus === 'F' &&
        call.result.resultCode === code,
    )

/**
 * Every domain event published before the payments were read (`publishedBefore` of them) states something the payment
 * still agrees with, or a later one corrected.
 */
const checkDomainEvents = (world: World, seen: Map<string, Observed>, publishedBefore: number) => {
  for (const [index, { paymentRequestId, event, gatewayCaptured }] of world.published
    .slice(0, publishedBefore)
    .entries()) {
    const observed = seen.get(paymentRequestId)
    if (observed === undefined) continue
    const { status } = observed
    const bad = (why: string) =>
      violated('domain-events-agree', `${paymentRequestId}: '${event.type}' published, but ${why} (${status.state})`)
    switch (event.type) {
      case 'authorized':
        if (status.authorized?.minor !== event.amount.minor) bad(`authorized is ${status.authorized?.minor}`)
        break
      case 'succeeded':
        if (status.authorized === undefined) bad('nothing is authorized')
        break
      case 'readyToShip':
        if (gatewayCaptured < event.amount.minor) bad(`the gateway had captured ${gatewayCaptured} when it was told`)
        if (status.state !== 'captured' && status.state !== 'refunded') bad('it is not captured')
        if (status.captured.minor !== event.amount.minor) bad(`captured is ${status.captured.minor}`)
        break
      case 'failed':
        if (status.state !== 'failed') bad('it did not fail')
        break
      case 'cancelled':
        if (status.state !== 'cancelled') bad('it is not cancelled')
        break
      case 'expired':
        if (status.state !== 'expired') bad('it is not expired')
        break
      case 'cancelFailed':
        if (!cancelRefused(world, paymentRequestId, event.code)) bad(`the gateway refused no cancel with ${event.code}`)
        break
      case 'refunded': {
        const refund = status.refunds.find((r) => r.refundRequestId === event.refundRequestId)
        if (refund?.status !== 'succeeded' || refund.amount.minor !== event.amount.minor) bad('no such refund')
        // A closed payment's late success is reversed by our reversal, or by a refund made in the dashboard first.
        const closed = status.state === 'cancelled' || status.state === 'expired'
        const reverses =
          event.refundRequestId === reversalIdOf(paymentRequestId) ||
          (closed && event.external === true && status.refunded.minor === status.captured.minor)
        if (event.fully && status.state !== 'refunded' && !reverses) bad('it is not fully refunded')
        break
      }
      case 'lateSuccessReversed': {
        const refund = status.refunds.find((r) => r.refundRequestId === event.refundRequestId)
        if (refund === undefined || event.refundRequestId !== reversalIdOf(paymentRequestId)) bad('no such reversal')
        if (status.state !== 'cancelled' && status.state !== 'expired') bad('it did not close before')
        break
      }
      case 'refundFailed': {
        const refund = status.refunds.find((r) => r.refundRequestId === event.refundRequestId)
        const corrected =
          event.code === 'ORDER_NOT_EXIST' &&
          refundFailureCorrected(world, index, paymentRequestId, event.refundRequestId)
        if (refund?.status !== 'failed' && !corrected) bad('the refund did not fail')
        break
      }
      case 'conflict':
        if (status.conflicts.length === 0) bad('no conflict is recorded')
        break
      default:
        break
    }
  }
}

const checked = new WeakMap<World, { logs: number; published: number; errors: number }>()

/**
 * No card number in the store's raw rows, the log lines, the domain events or the errors returned. The store is
 * read whole each time; lines, events and errors only once each (they are append-only).
 */
export const checkCardData = async (world: World, extra: ReadonlyArray<string> = []) => {
  const from = checked.get(world) ?? { logs: 0, published: 0, errors: 0 }
  const places: ReadonlyArray<[string, string]> = [
    ['store', await world.dump()],
    ['log', world.logs.slice(from.logs).join('\n')],
    ['domain events', JSON.stringify(world.published.slice(from.published))],
    ['errors', world.errors.slice(from.errors).join('\n')],
  ]
  checked.set(world, { logs: world.logs.length, published: world.published.length, errors: world.errors.length })
  for (const [where, text] of places) {
    for (const number of [...ALL_TEST_CARD_NUMBERS, ...extra]) {
      if (text.includes(number)) violated('no-card-data', `card number ${number.slice(-4)} found in the ${where}`)
    }
  }
}

/** A draft's card data, its submission never written, is held no longer than this after its creation. */
const DRAFT_HOLDS_CARD_DATA_MS = 3_600_000

/**
 * Card data leaves memory once nothing may use it: at the first relay pass after its payment's expiry at the latest,
 * whatever became of the command it was given for (a submission the store did not write leaves it with no one to
 * use it, and the draft no expiry of its own: an hour is far past any expiry the gateway allows a card). Not checked
 * while actions run interleaved: a pass may be under way.
 */
const checkCardDataForgotten = async (world: World, model: Model) => {
  const relayedAt = world.relayedAt()
  if (world.interleaved() || relayedAt === undefined) return
  for (const payment of model.payments) {
    if (world.vault().get(payment.id, payment.id) === undefined) continue
    const stored = await Effect.runPromise(world.store().load(payment.id)).catch(() => undefined)
    if (stored === undefined) continue
    const expiresAt =
      stored.state === 'draft'
        ? stored.createdAt + DRAFT_HOLDS_CARD_DATA_MS
        : restorePayment(stored.snapshot).context.times.expiresAt
    if (expiresAt !== undefined && expiresAt <= relayedAt) {
      violated('no-card-data', `${payment.id}: card data still held in memory after its expiry and a relay pass`)
    }
  }
}

/** No command is at the gateway twice at once: its lease keeps every other relay off it while its call waits. */
const checkCallsAtOnce = (world: World) => {
  const overlap = world.callOverlap()
  if (overlap !== undefined) violated('one-call-at-a-time', `${overlap} was at the gateway twice at once`)
}

/** A commandId names one command: the outbox would keep the first and never send a second stored under it. */
const checkCommandIds = (world: World) => {
  const clash = world.commandClash()
  if (clash !== undefined) violated('one-command-per-id', clash)
}

/** A command answered twice (sent again by a relay once its lease lapsed) has its older answer committed first. */
const checkAnswerOrder = (world: World) => {
  const behind = world.answerBehind()
  if (behind !== undefined) violated('answers-in-order', behind)
}

/** The properties that hold after every step. */

export const checkInvariants = async (world: World, model: Model): Promise<Map<string, Observed>> => {
  checkRequestIds(world, model)
  checkCallsAtOnce(world)
  checkCommandIds(world)
  checkAnswerOrder(world)
  // An action still in flight (interleaved commands) may commit and publish while the payments are read: what it
  // publishes then may come from a commit those reads did not see. Events published before the reads began come
  // from commits they see (a commit lands before its events are published).
  const publishedBefore = world.published.length
  const seen = await observe(world, model)
  for (const payment of model.payments) {
    const observed = seen.get(payment.id)
    if (observed === undefined) continue
    checkMoney(world, payment, observed.status)
    checkTerminal(payment, observed.status)
    checkHistory(payment, observed)
  }
  checkDomainEvents(world, seen, publishedBefore)
  checkNotificationsDecode(world)
  await checkCardData(world)
  await checkCardDataForgotten(world, model)
  return seen
}

/** The gateway's word for each local state that has settled. */
const GATEWAY_STATUS: Partial<Record<PaymentState, ReadonlyArray<string>>> = {
  authorized: ['authorized'],
  captured: ['captured'],
  refunded: ['captured'],
  cancelled: ['cancelled'],
  failed: ['failed'],
  expired: ['failed', 'cancelled'],
}

/** The request id the engine refunds a late success under: the model knows it as the spec of the reversal. */
export const reversalIdOf = (paymentRequestId: string): string => `${paymentRequestId}-reversal`

/**
 * A pay that landed after the payment closed on ORDER_NOT_EXIST, captured by the gateway at once: the cancel of it was
 * refused, so the engine refunded it under its reversal id. Closed locally, captured (and refunded) at the gateway.
 */
const lateCaptureReversed = (local: PaymentStatus, remoteStatus: string): boolean =>
  (local.state === 'cancelled' || local.state === 'expired') &&
  remoteStatus === 'captured' &&
  local.refunds.some((r) => r.refundRequestId === reversalIdOf(local.paymentRequestId))

/** A dashboard refund of a late capture that its reversal refunds too: past what the payment captured. */
const isAboutLateCapture = (conflict: PaymentStatus['conflicts'][number]): boolean =>
  conflict.kind === 'refundExceedsCaptured' && conflict.event === 'REFUND_NOTIFIED'

/**
 * Cancelled on the gateway's ORDER_NOT_EXIST, then a pay that landed late and that the gateway failed: neither side
 * took money.
 */
const lateFailureAfterNotFound = (local: PaymentStatus, remoteStatus: string, observed: Observed): boolean =>
  local.state === 'cancelled' &&
  remoteStatus === 'failed' &&
  observed.timeline.some(
    (e) =>
      e.event.type === 'CANCEL_ANSWERED' && e.event.result.resultCode === 'ORDER_NOT_EXIST' && e.to === 'cancelled',
  )

/** Every notification the gateway sent decodes at the webhook (found: REFUND_RESULT once lacked refundStatus). */
export const checkNotificationsDecode = (world: World) => {
  for (const failure of world.undecodable) {
    violated('notifications-decode', `${failure.notifyType} did not decode: ${failure.reason.slice(0, 200)}`)
  }
}

/**
 * Every notification the gateway counts as acknowledged was committed first: its event is in its payment's log (read
 * past the store's own de-duplication). A webhook that answers success before, or without, committing loses the
 * notification, even where an inquiry later hides the loss.
 */
export const checkAcknowledgedCommitted = (world: World, seen: ReadonlyMap<string, Observed>) => {
  for (const notification of world.simulator.notifications()) {
    if (notification.status !== 'acknowledged') continue
    const decoded = Effect.runSyncExit(decodeNotification(JSON.stringify(notification.body)))
    if (Exit.isFailure(decoded)) continue // notifications-decode names it
    const key = notificationKeyOf(notificationEvent(decoded.value, 0).event)
    const timeline = seen.get(notification.paymentRequestId)?.timeline ?? []
    if (!timeline.some((entry) => notificationKeyOf(entry.event) === key)) {
      violated(
        'acknowledged-after-commit',
        `${notification.paymentRequestId}: ${notification.notifyType} acknowledged, never committed (${key})`,
      )
    }
  }
}

/**
 * No true notification about a stored payment is given up by the gateway: every one is acknowledged within its
 * redeliveries (24 h 22 m), whichever instance of the merchant's service it reaches. One answered `deferred` for ever
 * leaves the merchant untold of what it said until an inquiry happens to ask.
 */
export const checkNotificationsAnswered = (world: World, seen: ReadonlyMap<string, Observed>) => {
  for (const notification of world.simulator.notifications()) {
    if (notification.status !== 'givenUp' || notification.tampered !== undefined) continue
    if (!seen.has(notification.paymentRequestId)) continue
    violated(
      'notifications-answered',
      `${notification.paymentRequestId}: ${notification.notifyType} given up after ${notification.attempts.length} deliveries, none acknowledged`,
    )
  }
}

/** The event log, short: each event (its result code or timer) and the state it led to. */
export const historyOf = (observed: Observed): string =>
  observed.timeline
    .map((entry) => {
      const event = entry.event as { readonly timer?: string; readonly result?: { readonly resultCode: string } }
      const detail = event.timer ?? event.result?.resultCode
      return `${entry.event.type}${detail === undefined ? '' : `(${detail})`}→${entry.to}`
    })
    .join(' ')

/**
 * What the gateway refunded in its dashboard and never told: a refund no API call made, none of whose notifications
 * naming this payment was ever delivered (a drop fault lost it). Nothing could tell the engine of it.
 */
const untoldDashboardRefunds = (world: World, paymentRequestId: string): number => {
  const told = new Set(
    world.simulator
      .notifications()
      // A lie about the paymentId matches no payment: it tells nothing of this one.
      .filter((n) => n.notifyType === 'REFUND_RESULT' && n.attempts.length > 0 && n.tampered?.field !== 'paymentId')
      .map((n) => n.body.refundRequestId),
  )
  return world.simulator
    .externalRefunds()
    .filter((r) => r.paymentRequestId === paymentRequestId && !told.has(r.refundRequestId))
    .reduce((sum, r) => sum + r.amount.minor, 0)
}

/**
 * Whether the payment's paymentId came only from a notification that lied about it, no answer to the engine's own
 * calls having named one (or only answers that were held for a lie of their own): nothing could tell the engine it was
 * wrong. A payment that took money must have asked for its own result once the lie reached it (reports of its
 * captures and refunds name it by paymentId); one that never asked could have been told.
 */
const onlyALieNamedIt = (world: World, observed: Observed): boolean => {
  if (
    observed.timeline.some(
      (e) =>
        NAMES_PAYMENT.has(e.event.type) &&
        (e.event as Reported).paymentId !== undefined &&
        !heldAsConflict(observed.status, e.event),
    )
  ) {
    return false
  }
  const lieTold = world.simulator
    .notifications()
    .filter((n) => n.tampered?.field === 'paymentId' && n.tampered.reported === observed.status.paymentId)
    .flatMap((n) => n.attempts.map((a) => a.at))
  if (lieTold.length === 0) return false
  if (!SUCCESS_STATES.has(observed.status.state)) return true
  const firstTold = Math.min(...lieTold)
  return world.simulator
    .calls()
    .some(
      (c) =>
        c.endpoint === 'inquiryPayment' && c.paymentRequestId === observed.status.paymentRequestId && c.at >= firstTold,
    )
}

/** A report whose other facts disagreed (a lie of its own) is recorded as a conflict and applies nothing. */
export const heldAsConflict = (status: PaymentStatus, event: { readonly type: string; readonly at: number }): boolean =>
  status.conflicts.some((c) => c.event === event.type && c.at === event.at)

/**
 * Refunds whose amount the gateway's own inquiry answers told wrong twice, alike: two signed answers that agree are,
 * to any client, the gateway's word (the machine settles a refund made elsewhere once two reports agree).
 */
const refundsLiedAboutTwice = (world: World): ReadonlySet<string> => {
  const told = new Map<string, number>()
  for (const call of world.simulator.calls()) {
    const id = call.ids.refundRequestId
    if (call.endpoint !== 'inquiryRefund' || call.tampered?.field !== 'amount' || id === undefined) continue
    const key = JSON.stringify([id, call.tampered.reported])
    told.set(key, (told.get(key) ?? 0) + 1)
  }
  return new Set([...told].filter(([, count]) => count >= 2).map(([key]) => JSON.parse(key)[0] as string))
}

/**
 * At quiescence, a cancel the gateway refused (its F answer delivered) was told as `cancelFailed`, unless the payment
 * closed after all (cancelled or expired: a later cancel went through, or the refused one was a late success's).
 */
export const checkCancelRefusalsTold = (world: World, seen: ReadonlyMap<string, Observed>) => {
  const told = new Set(
    world.published.flatMap(({ paymentRequestId, event }) => (event.type === 'cancelFailed' ? [paymentRequestId] : [])),
  )
  for (const call of world.simulator.calls()) {
    const id = call.paymentRequestId
    if (call.endpoint !== 'cancel' || id === undefined || call.fault !== undefined || told.has(id)) continue
    if (call.result?.resultStatus !== 'F' || call.result.resultCode === 'ORDER_NOT_EXIST') continue
    const state = seen.get(id)?.status.state
    if (state === undefined || state === 'cancelled' || state === 'expired') continue
    violated(
      'domain-events-agree',
      `${id}: the gateway refused a cancel (${call.result.resultCode}), never told (${state})`,
    )
  }
}

/** At quiescence, the local payment agrees with the gateway's: status, ids and amounts. */
export const checkAgreement = (world: World, model: Model, seen: Map<string, Observed>) => {
  for (const payment of model.payments) {
    const observed = seen.get(payment.id)
    if (observed === undefined) continue
    const local = observed.status
    checkReplay(payment, observed)
    const remote = world.simulator.payment(payment.id)
    const where = `${payment.id} (${payment.spec.kind}, ${payment.spec.captureMode}; ${historyOf(observed)})`
    if (remote === undefined) {
      const closed = local.state === 'failed' || local.state === 'expired' || local.state === 'cancelled'
      if (!closed && !(local.state === 'draft' && payment.leftADraft === true)) {
        violated('local-equals-gateway', `${where}: local ${local.state}, the gateway never saw it`)
      }
      continue
    }
    const expected = GATEWAY_STATUS[local.state]
    if (expected === undefined) violated('local-equals-gateway', `${where}: local ${local.state} never settled`)
    else if (
      !expected.includes(remote.status) &&
      !lateFailureAfterNotFound(local, remote.status, observed) &&
      !lateCaptureReversed(local, remote.status)
    ) {
      violated('local-equals-gateway', `${where}: local ${local.state}, gateway ${remote.status}`)
    }
    if (local.paymentId !== undefined && local.paymentId !== remote.paymentId && !onlyALieNamedIt(world, observed)) {
      violated('local-equals-gateway', `${where}: paymentId ${local.paymentId} vs ${remote.paymentId}`)
    }
    if (local.captured.minor !== remote.captured.minor) {
      violated('local-equals-gateway', `${where}: captured ${local.captured.minor} vs ${remote.captured.minor}`)
    }
    const cardProblem = cardDisagreement(local, remote)
    if (cardProblem !== undefined) violated('local-equals-gateway', `${where}: ${cardProblem}`)
    const known = remote.refunded.minor - untoldDashboardRefunds(world, payment.id)
    const liedTwice = refundsLiedAboutTwice(world)
    if (local.refunded.minor !== known && !local.refunds.some((r) => liedTwice.has(r.refundRequestId))) {
      violated('local-equals-gateway', `${where}: refunded ${local.refunded.minor} vs ${known}`)
    }
  }
}

/**
 * What the gateway told of the card with the issuer's answer (paid or declined: last four, the issuer's AVS and CVV
 * results) and what the payment kept, when they differ; nothing to compare while the gateway has told nothing.
 */
const cardDisagreement = (
  local: PaymentStatus,
  remote: NonNullable<ReturnType<World['simulator']['payment']>>,
): string | undefined => {
  const facts = remote.toldCard
  // An authorization the merchant's cancel, or the expiry's, voided may never have been told here (its notification
  // dropped or lying, its answer lost): nothing to compare then.
  const voided = remote.status === 'cancelled' && (local.state === 'cancelled' || local.state === 'expired')
  const compared = remote.declinedByIssuer ? local.state === 'failed' : !voided
  if (facts === undefined || !compared) return undefined
  const differing = Object.entries(facts).filter(
    ([field, value]) => local.card?.[field as keyof typeof facts] !== value,
  )
  return differing.length === 0
    ? undefined
    : `card ${differing.map(([field, value]) => `${field} ${String(local.card?.[field as keyof typeof facts])} vs ${value}`).join(', ')}`
}

/** The domain events that tell the merchant something succeeded. */
const SUCCESS_EVENTS: ReadonlySet<string> = new Set(['authorized', 'succeeded', 'readyToShip', 'refunded'])
const SUCCESS_STATES: ReadonlySet<PaymentState> = new Set(['authorized', 'capturing', 'captured', 'refunded'])

/** What the gateway says: answers and notifications (merchant intents and timers are not reports). */
const REPORTS: ReadonlySet<PaymentEvent['type']> = new Set([
  'PAY_ANSWERED',
  'VERIFY_ANSWERED',
  'INQUIRY_ANSWERED',
  'CAPTURE_ANSWERED',
  'REFUND_ANSWERED',
  'REFUND_INQUIRY_ANSWERED',
  'PAYMENT_NOTIFIED',
  'CAPTURE_NOTIFIED',
  'REFUND_NOTIFIED',
])

interface Reported {
  readonly amount?: { readonly currency: string; readonly minor: number }
  readonly paymentId?: string
  readonly refundRequestId?: string
  readonly captureRequestId?: string
}

/** Answers to calls made by paymentRequestId: the first paymentId one names is the payment's, for the engine. */
const NAMES_PAYMENT: ReadonlySet<PaymentEvent['type']> = new Set([
  'PAY_ANSWERED',
  'VERIFY_ANSWERED',
  'INQUIRY_ANSWERED',
])

/**
 * Whether a report's amount or paymentId differs from what the gateway really holds for what it is about. A lie
 * about the paymentId counts once an answer named the payment's paymentId: before that, nothing tells it apart.
 */
const lies = (
  world: World,
  payment: ModelPayment,
  entry: EventLogEntry,
  paymentIdKnown: boolean,
): string | undefined => {
  const remote = world.simulator.payment(payment.id)
  if (remote === undefined || !REPORTS.has(entry.event.type)) return undefined
  const event = entry.event as PaymentEvent & Reported
  if (paymentIdKnown && event.paymentId !== undefined && event.paymentId !== remote.paymentId) {
    return `paymentId ${event.paymentId}`
  }
  const amount = event.amount
  if (amount === undefined) return undefined
  const truth = (() => {
    switch (event.type) {
      case 'REFUND_ANSWERED':
      case 'REFUND_NOTIFIED':
      case 'REFUND_INQUIRY_ANSWERED':
        return remote.refunds.find((r) => r.refundRequestId === event.refundRequestId)?.amount
      case 'CAPTURE_ANSWERED':
        return remote.capture?.captureRequestId === event.captureRequestId ? remote.capture?.amount : undefined
      case 'CAPTURE_NOTIFIED':
        return remote.capture?.amount
      default:
        return remote.amount
    }
  })()
  if (truth === undefined) return undefined
  return truth.currency !== amount.currency || truth.minor !== amount.minor
    ? `${amount.minor} ${amount.currency} where the gateway holds ${truth.minor} ${truth.currency}`
    : undefined
}

/**
 * A report the gateway got wrong (its amount, currency or paymentId is not what the gateway holds) never moves a
 * payment to success and never tells the merchant of one: it is held as a conflict. The same lie told again about the
 * same thing is the exception: two signed reports that agree are, to any client, the gateway's word.
 */
export const checkDisagreementsHeld = (world: World, model: Model, seen: ReadonlyMap<string, Observed>) => {
  for (const payment of model.payments) {
    let paymentIdKnown = false
    const liesTold = new Set<string>()
    for (const entry of seen.get(payment.id)?.timeline ?? []) {
      const lie = lies(world, payment, entry, paymentIdKnown)
      const named = (entry.event as Reported).paymentId !== undefined
      if (NAMES_PAYMENT.has(entry.event.type) && named) paymentIdKnown = true
      if (lie === undefined) continue
      const about = entry.event as { refundRequestId?: string; captureRequestId?: string }
      const subject = `${about.refundRequestId ?? about.captureRequestId ?? 'payment'}: ${lie}`
      const corroborated = liesTold.has(subject)
      liesTold.add(subject)
      if (corroborated) continue
      const told = entry.commands.flatMap((c) =>
        c.kind === 'publish' && SUCCESS_EVENTS.has(c.event.type) ? [c.event.type] : [],
      )
      const moved = entry.to !== entry.from && SUCCESS_STATES.has(entry.to)
      if (told.length > 0 || moved) {
        violated(
          'disagreement-held',
          `${payment.id}: ${entry.event.type} reporting ${lie} took it ${entry.from} → ${entry.to}, told ${told.join(', ') || 'nothing'}`,
        )
      }
    }
  }
}

/** Whether the gateway lied to this payment: a tampered answer, or a tampered notification it delivered. */
const liedTo = (world: World, payment: ModelPayment): boolean =>
  world.simulator.calls().some((c) => c.tampered !== undefined && c.paymentRequestId === payment.id) ||
  world.simulator
    .notifications()
    .some((n) => n.tampered !== undefined && n.paymentRequestId === payment.id && n.attempts.length > 0)

/**
 * At quiescence: a payment still open has no conflict left open (an agreeing inquiry resolved each), and a payment
 * the gateway never lied to has no conflict at all (a late result after a confirmed cancel is the expected race), but
 * for a dashboard refund of a late pay that the engine reversed too (see `lateCaptureReversed`).
 */
export const checkConflicts = (world: World, model: Model, seen: ReadonlyMap<string, Observed>) => {
  for (const payment of model.payments) {
    const observed = seen.get(payment.id)
    if (observed === undefined) continue
    const { status } = observed
    const open = status.conflicts.filter((c) => c.resolvedAt === undefined)
    if (!status.tags.includes('terminal') && open.length > 0) {
      violated(
        'conflicts-resolved',
        `${payment.id} (${status.state}): conflict left open: ${open[0]?.detail} (${historyOf(observed)})`,
      )
    }
    const remoteStatus = world.simulator.payment(payment.id)?.status ?? 'none'
    const real = lateCaptureReversed(status, remoteStatus)
      ? status.conflicts.filter((c) => !isAboutLateCapture(c))
      : status.conflicts
    if (real.length > 0 && !liedTo(world, payment)) {
      violated(
        'conflicts-are-real',
        `${payment.id} (${status.state}): ${real[0]?.detail}, nothing lied (${historyOf(observed)})`,
      )
    }
  }
}

/** The request id of an operation in a gateway call. */
const callId = (
  kind: 'capture' | 'refund',
  ids: { readonly captureRequestId?: string; readonly refundRequestId?: string },
) => (kind === 'capture' ? ids.captureRequestId : ids.refundRequestId)

/**
 * At quiescence, every capture and refund the engine answered as taken reached the gateway under the id it was
 * taken under, for the amount asked; or it finally failed and the merchant was told. None is left pending.
 */
export const checkAcceptedSent = (world: World, model: Model, seen: ReadonlyMap<string, Observed>) => {
  for (const payment of model.payments) {
    const status = seen.get(payment.id)?.status
    if (status === undefined) continue
    const remote = world.simulator.payment(payment.id)
    for (const accepted of payment.accepted) {
      const { kind, requestId, minor } = accepted
      const where = `${payment.id}: ${kind} ${requestId} of ${minor}`
      const local =
        kind === 'capture'
          ? status.capture?.captureRequestId === requestId
            ? status.capture
            : undefined
          : status.refunds.find((r) => r.refundRequestId === requestId)
      if (local?.status === 'pending') violated('accepted-intent-sent', `${where}: still pending at quiescence`)
      const sent = (remote?.calls ?? []).some(
        (c) => c.endpoint === kind && c.acted && callId(kind, c.ids) === requestId,
      )
      const told = world.published.some(
        ({ paymentRequestId, event }) =>
          paymentRequestId === payment.id &&
          ((event.type === 'refundFailed' && event.refundRequestId === requestId) || event.type === 'captureFailed'),
      )
      // A capture that is no longer the payment's own was followed by another: it failed first.
      const failed = local?.status === 'failed' || (kind === 'capture' && local === undefined)
      if (!sent && !(failed && told)) {
        violated('accepted-intent-sent', `${where}: answered as taken, never reached the gateway nor failed`)
      }
      const held =
        kind === 'capture'
          ? remote?.capture?.captureRequestId === requestId
            ? remote.capture.amount
            : undefined
          : remote?.refunds.find((r) => r.refundRequestId === requestId)?.amount
      if (held !== undefined && held.minor !== minor) {
        violated('accepted-intent-sent', `${where}: answered as taken, the gateway holds ${held.minor} under that id`)
      }
    }
  }
}

/** What the gateway holds of the buyer's money for one payment: authorized and not released, or captured net. */
export const heldAtGateway = (world: World, paymentRequestId: string): number => {
  const remote = world.simulator.payment(paymentRequestId)
  if (remote === undefined) return 0
  if (remote.status === 'authorized') return remote.authorized?.minor ?? remote.amount.minor
  if (remote.status === 'captured') return remote.captured.minor - remote.refunded.minor
  return 0
}

/**
 * No order is paid twice: once everything settled, the gateway holds the buyer's money for at most one attempt of
 * each order, net of what was cancelled or refunded.
 */
export const checkOrdersChargedOnce = (world: World, model: Model) => {
  const orders = new Map<string, Array<string>>()
  for (const payment of model.payments) {
    if (heldAtGateway(world, payment.id) > 0)
      orders.set(payment.order, [...(orders.get(payment.order) ?? []), payment.id])
  }
  for (const [order, holding] of orders) {
    if (holding.length > 1)
      violated('order-charged-once', `${order}: the gateway holds money of ${holding.join(' and ')}`)
  }
}

/**
 * Every automatic reversal reaches the gateway exactly once: a payment that reversed a late success holds one refund
 * of it at the gateway, its whole capture; one that did not holds none under the reversal's id.
 */
export const checkReversalsOnce = (world: World, model: Model, seen: ReadonlyMap<string, Observed>) => {
  for (const payment of model.payments) {
    const local = seen.get(payment.id)?.status
    const id = reversalIdOf(payment.id)
    const remote = world.simulator.payment(payment.id)?.refunds.filter((r) => r.refundRequestId === id) ?? []
    const reversal = local?.refunds.find((r) => r.refundRequestId === id)
    if (reversal === undefined) {
      if (remote.length > 0) violated('order-charged-once', `${payment.id}: refunded as a reversal it never made`)
      continue
    }
    // Refused by the gateway (a refund made in its dashboard took the money first); one it never received is not let off.
    if (reversal.status === 'failed' && reversal.failure?.code !== 'ORDER_NOT_EXIST') continue
    if (remote.length !== 1) {
      violated('order-charged-once', `${payment.id}: its reversal reached the gateway ${remote.length} times`)
    }
    if (remote[0] !== undefined && remote[0].amount.minor !== reversal.amount.minor) {
      violated('order-charged-once', `${payment.id}: reversed ${remote[0].amount.minor} of ${reversal.amount.minor}`)
    }
  }
}

export { violated }
