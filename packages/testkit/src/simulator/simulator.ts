import type { Money } from '@paychart/core'
import {
  type CheckoutChoice,
  type CompleteOptions,
  type Completion,
  type CustomerOutcome,
  completeChallenge,
  completeCheckout,
  completeWallet,
} from './customer.js'
import { sweep } from './expiry.js'
import { type ExternalRefundOutcome, refundExternally } from './external-refunds.js'
import { type CallFaultRequest, type NotificationFault, queueCallFault } from './faults.js'
import { deliverLateCalls, type HandleResult, handleCall } from './handle.js'
import { queueNotificationFault, releaseHeldNotifications } from './notification-faults.js'
import type { Delivery } from './notification-records.js'
import { type AcknowledgeOutcome, acknowledgeNotification, takeDueNotifications } from './notifications.js'
import { resolveOptions, type SimConfig, type SimulatorOptions } from './options.js'
import { type CallRecord, type Ctx, createState, type ExternalRefund, paymentById, type SimState } from './state.js'
import type { ResponseBody } from './types.js'
import {
  type NotificationView,
  notificationView,
  type PaymentView,
  paymentView,
  type SessionView,
  snapshotState,
} from './views.js'

/** A customer page's outcome, with a view of the payment instead of the record. */
export type CompletionView =
  | { readonly ok: true; readonly payment: PaymentView; readonly redirectUrl: string | undefined }
  | { readonly ok: false; readonly reason: 'notFound' | 'notAwaiting' | 'expired' | 'closed' }

export interface Simulator {
  /** Answers a call: `endpoint` is a name (`pay`) or a path (`/ams/api/v1/payments/pay`); `body` the parsed JSON. */
  readonly handle: (endpoint: string, body: unknown) => HandleResult
  /** `handle` for tests: the answer's body (an unsigned fault's body too); throws if a fault withheld it. */
  readonly request: (endpoint: string, body: unknown) => ResponseBody
  /** Applies what the clock's passing brought: expiries and delayed automatic captures. */
  readonly tick: () => void
  readonly completeChallenge: (paymentId: string, outcome: CustomerOutcome, options?: CompleteOptions) => CompletionView
  readonly completeWallet: (
    paymentId: string,
    outcome: CustomerOutcome | 'pending',
    options?: CompleteOptions,
  ) => CompletionView
  readonly completeCheckout: (paymentSessionId: string, choice: CheckoutChoice) => CompletionView
  /** The deliveries due now (or at `now`), each recorded as an attempt; answer each with `acknowledge`. */
  readonly dueNotifications: (now?: number) => Array<Delivery>
  /** The merchant's answer to a delivery (`undefined`: none came); only the fixed acknowledgement stops redelivery. */
  readonly acknowledge: (notificationId: string, response: unknown) => AcknowledgeOutcome
  /** Releases notifications held by a reorder fault whose group is not complete. */
  readonly releaseHeldNotifications: () => void
  /** The calls a `landsLate` fault held back whose time has come reach the gateway now and are acted on; returns how many. */
  readonly deliverLateCalls: () => number
  /** When the next call a `landsLate` fault holds back is due, if any is. */
  readonly nextLateCallAt: () => number | undefined
  /**
   * A refund the merchant made in the gateway's dashboard: allowed and recorded as the refund API would (captured,
   * same currency, at most what is left), REFUND_RESULT queued to the payment's notify URL, no call recorded.
   */
  readonly refundExternally: (paymentRequestId: string, amount: Money) => ExternalRefundOutcome
  /** Every dashboard refund, in order. */
  readonly externalRefunds: () => ReadonlyArray<ExternalRefund>
  readonly faults: {
    /** A fault for the next call(s): see `CallFault`. */
    readonly next: (fault: CallFaultRequest) => void
    /** A fault for the next notification(s): see `NotificationFault`. */
    readonly nextNotifications: (fault: NotificationFault) => void
    readonly clear: () => void
  }
  readonly payment: (paymentRequestId: string) => PaymentView | undefined
  readonly paymentById: (paymentId: string) => PaymentView | undefined
  readonly session: (paymentSessionId: string) => SessionView | undefined
  /** Every call received, in order: endpoint, request ids, result, fault. */
  readonly calls: () => ReadonlyArray<CallRecord>
  /** Every notification queued, in order, with its delivery attempts. */
  readonly notifications: () => ReadonlyArray<NotificationView>
  /** Everything stored, as plain data. */
  readonly snapshot: () => unknown
  readonly config: SimConfig
}

const completionView = (ctx: Ctx, completion: Completion): CompletionView =>
  completion.ok ? { ...completion, payment: paymentView(ctx, completion.payment) } : completion

/**
 * A stateful Antom gateway: pure logic over an injectable clock and id generator, no I/O. See the folder's
 * README for the test cards, flows and faults.
 */
export const createSimulator = (options: SimulatorOptions = {}): Simulator => {
  const config = resolveOptions(options)
  const state: SimState = createState()
  const at = (now = config.now()): Ctx => {
    const ctx = { state, config, now }
    sweep(ctx)
    return ctx
  }

  const handle = (name: string, body: unknown): HandleResult => handleCall(at(), name, body)

  return {
    handle,
    request: (endpoint, body) => {
      const outcome = handle(endpoint, body)
      if (outcome.fault === undefined || outcome.fault === 'unsigned') return outcome.body
      throw new Error(`the simulator withheld its answer (${outcome.fault})`)
    },
    tick: () => {
      at()
    },
    completeChallenge: (paymentId, outcome, opts) => {
      const ctx = at()
      return completionView(ctx, completeChallenge(ctx, paymentId, outcome, opts))
    },
    completeWallet: (paymentId, outcome, opts) => {
      const ctx = at()
      return completionView(ctx, completeWallet(ctx, paymentId, outcome, opts))
    },
    completeCheckout: (paymentSessionId, choice) => {
      const ctx = at()
      return completionView(ctx, completeCheckout(ctx, paymentSessionId, choice))
    },
    dueNotifications: (now) => takeDueNotifications(at(now)),
    acknowledge: (notificationId, response) => acknowledgeNotification(at(), notificationId, response),
    releaseHeldNotifications: () => releaseHeldNotifications(at()),
    deliverLateCalls: () => deliverLateCalls(at()),
    nextLateCallAt: () =>
      state.lateCalls.length === 0 ? undefined : Math.min(...state.lateCalls.map((call) => call.dueAt)),
    refundExternally: (paymentRequestId, amount) => refundExternally(at(), paymentRequestId, amount),
    externalRefunds: () => structuredClone(state.externalRefunds),
    faults: {
      next: (fault) => queueCallFault(state.callFaults, fault),
      nextNotifications: (fault) => queueNotificationFault(state.notificationFaults, fault),
      clear: () => {
        state.callFaults.length = 0
        state.notificationFaults.length = 0
      },
    },
    payment: (paymentRequestId) => {
      const ctx = at()
      const payment = state.payments.get(paymentRequestId)
      return payment === undefined ? undefined : paymentView(ctx, payment)
    },
    paymentById: (paymentId) => {
      const ctx = at()
      const payment = paymentById(state, paymentId)
      return payment === undefined ? undefined : paymentView(ctx, payment)
    },
    session: (paymentSessionId) => {
      at()
      const session = state.sessions.get(paymentSessionId)
      return session === undefined ? undefined : structuredClone(session)
    },
    calls: () => structuredClone(state.calls),
    notifications: () => [...state.outbox.values()].map(notificationView),
    snapshot: () => snapshotState(at()),
    config,
  }
}
