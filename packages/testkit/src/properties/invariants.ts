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
  TERMINAL_STATES,
} from '@paychart/core/machine'
import type { EventLogEntry, StoredPayment } from '@paychart/core/store'
import * as Effect from 'effect/Effect'
import * as Exit from 'effect/Exit'
import { ALL_TEST_CARD_NUMBERS } from '../arbitraries/index.js'
import type { Model, ModelPayment } from './model.js'
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
  'intent-postcondition',
  'no-unexpected-failure',
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
  const context = restorePayment(stored.snapshot).context
  const money = (minor: number) => ({ currency: context.amount.currency, minor })
  return {
    paymentRequestId: stored.paymentRequestId,
    state: stored.state,
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
        if (payment === undefined || !payment.captureIds.has(call.ids.captureRequestId ?? '')) {
          violated('one-request-id-per-operation', `${where}: a capture under a request id the merchant never chose`)
        }
        break
      case 'refund':
        if (payment === undefined || !payment.refundIds.has(call.ids.refundRequestId ?? '')) {
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
          !model.payments.some((p) => p.refundIds.has(call.ids.refundRequestId ?? ''))
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
  if (status.refunded.minor > payment.askedRefunds) {
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
  }
}

const checkTerminal = (payment: ModelPayment, status: PaymentStatus) => {
  if (payment.terminal !== undefined && status.state !== payment.terminal) {
    violated('terminal-is-final', `${payment.id}: was ${payment.terminal}, now ${status.state}`)
  }
  if (TERMINAL_STATES.has(status.state)) payment.terminal = status.state
}

const notificationKeyOf = (event: PaymentEvent): string | undefined => {
  switch (event.type) {
    case 'PAYMENT_NOTIFIED':
      return `${event.notifyType}:${event.paymentId ?? ''}:${event.result.resultCode}`
    case 'CAPTURE_NOTIFIED':
      return `CAPTURE_RESULT:${event.captureRequestId ?? ''}:${event.result.resultCode}`
    case 'REFUND_NOTIFIED':
      return `REFUND_RESULT:${event.refundRequestId}:${event.result.resultCode}`
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

/** Every domain event published states something the payment still agrees with. */
const checkDomainEvents = (world: World, seen: Map<string, Observed>) => {
  for (const { paymentRequestId, event } of world.published) {
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
      case 'refunded': {
        const refund = status.refunds.find((r) => r.refundRequestId === event.refundRequestId)
        if (refund?.status !== 'succeeded' || refund.amount.minor !== event.amount.minor) bad('no such refund')
        if (event.fully && status.state !== 'refunded') bad('it is not fully refunded')
        break
      }
      case 'refundFailed': {
        const refund = status.refunds.find((r) => r.refundRequestId === event.refundRequestId)
        if (refund?.status !== 'failed') bad('the refund did not fail')
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

/** The properties that hold after every step. */
export const checkInvariants = async (world: World, model: Model): Promise<Map<string, Observed>> => {
  checkRequestIds(world, model)
  const seen = await observe(world, model)
  for (const payment of model.payments) {
    const observed = seen.get(payment.id)
    if (observed === undefined) continue
    checkMoney(world, payment, observed.status)
    checkTerminal(payment, observed.status)
    checkHistory(payment, observed)
  }
  checkDomainEvents(world, seen)
  checkNotificationsDecode(world)
  await checkCardData(world)
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

/** The event log, short: each event (its result code or timer) and the state it led to. */
export const historyOf = (observed: Observed): string =>
  observed.timeline
    .map((entry) => {
      const event = entry.event as { readonly timer?: string; readonly result?: { readonly resultCode: string } }
      const detail = event.timer ?? event.result?.resultCode
      return `${entry.event.type}${detail === undefined ? '' : `(${detail})`}→${entry.to}`
    })
    .join(' ')

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
      if (local.state !== 'failed' && local.state !== 'expired' && local.state !== 'cancelled') {
        violated('local-equals-gateway', `${where}: local ${local.state}, the gateway never saw it`)
      }
      continue
    }
    const expected = GATEWAY_STATUS[local.state]
    if (expected === undefined) violated('local-equals-gateway', `${where}: local ${local.state} never settled`)
    else if (!expected.includes(remote.status)) {
      violated('local-equals-gateway', `${where}: local ${local.state}, gateway ${remote.status}`)
    }
    if (local.paymentId !== undefined && local.paymentId !== remote.paymentId) {
      violated('local-equals-gateway', `${where}: paymentId ${local.paymentId} vs ${remote.paymentId}`)
    }
    if (local.captured.minor !== remote.captured.minor) {
      violated('local-equals-gateway', `${where}: captured ${local.captured.minor} vs ${remote.captured.minor}`)
    }
    if (local.refunded.minor !== remote.refunded.minor) {
      violated('local-equals-gateway', `${where}: refunded ${local.refunded.minor} vs ${remote.refunded.minor}`)
    }
  }
}

export { violated }
