import { PaymentStore } from '@paychart/core'
import type { FindKey, PaymentStoreShape, PruneReport, StoredPayment } from '@paychart/core/store'
import * as Effect from 'effect/Effect'
import * as Layer from 'effect/Layer'
import type { PaymentIndexRpc } from './index-object.js'
import { indexObjectName, paymentObjectName } from './names.js'
import type { PaymentObjectRpc } from './payment-object.js'
import { answered, rpc } from './rpc.js'
import { claimCommands, claimTimers } from './store-claims.js'
import type { DurableObjectNamespace } from './workers-types.js'

export interface DurableObjectStoreOptions {
  /** The namespace bound to `PaymentObject` (or your class extending it). */
  readonly payments: DurableObjectNamespace<PaymentObjectRpc>
  /** The namespace bound to `PaymentIndexObject`: the same one the payment objects see as `PAYCHART_INDEX`. */
  readonly index: DurableObjectNamespace<PaymentIndexRpc>
  /** Names this store's objects apart from another store's in the same namespaces; '' unless set. */
  readonly prefix?: string
}

/** The index's answer to a lookup can be behind: the payment object has the last word on what the payment holds. */
const stillMatches = (payment: StoredPayment, key: FindKey): boolean =>
  'merchantReference' in key
    ? payment.merchantReference === key.merchantReference
    : 'paymentId' in key
      ? payment.paymentId === key.paymentId
      : payment.paymentSessionId === key.paymentSessionId

const sum = (counts: ReadonlyArray<number>): number => counts.reduce((total, count) => total + count, 0)

/**
 * A `PaymentStore` over Durable Objects: one object per payment (its commits are one `transactionSync` there, the
 * compare-and-set included) and one index object for what crosses payments. Build it where the bindings are, per
 * request or once per isolate.
 */
export const durableObjectStore = (options: DurableObjectStoreOptions): PaymentStoreShape => {
  const prefix = options.prefix ?? ''
  const payment = (paymentRequestId: string) =>
    options.payments.get(options.payments.idFromName(paymentObjectName(prefix, paymentRequestId)))
  const index = () => options.index.get(options.index.idFromName(indexObjectName(prefix)))
  const routes = { index, payment }
  const load = (paymentRequestId: string) => rpc('load', () => payment(paymentRequestId).load())

  return {
    create: (created) => answered('create', () => payment(created.paymentRequestId).create(prefix, created)),
    load,
    commit: (commit) => answered('commit', () => payment(commit.paymentRequestId).commit(commit)),
    find: (key) =>
      rpc('find', () => index().find(key)).pipe(
        Effect.flatMap((id) => (id === undefined ? Effect.succeed(undefined) : load(id))),
        Effect.map((found) => (found !== undefined && stillMatches(found, key) ? found : undefined)),
      ),
    events: (paymentRequestId) => rpc('events', () => payment(paymentRequestId).events()),
    claimCommands: (claim) => claimCommands(routes, claim),
    claimCommand: (commandId, claim) =>
      rpc('claimCommand', () => index().commandPayment(commandId)).pipe(
        Effect.flatMap((id) =>
          id === undefined
            ? Effect.succeed(undefined)
            : rpc('claimCommand', () => payment(id).claimCommand(commandId, claim)),
        ),
      ),
    completeCommand: (commandId) =>
      rpc('completeCommand', () => index().commandPayment(commandId)).pipe(
        Effect.flatMap((id) =>
          id === undefined ? Effect.void : rpc('completeCommand', () => payment(id).completeCommand(commandId)),
        ),
      ),
    claimTimers: (claim) => claimTimers(routes, claim),
    pendingTimers: (paymentRequestId) => rpc('pendingTimers', () => payment(paymentRequestId).pendingTimers()),
    hasNotification: (key) => rpc('hasNotification', () => index().hasNotification(key)),
    recordUnmatchedNotification: (notification) =>
      rpc('recordUnmatchedNotification', () => index().recordUnmatched(notification)),
    unmatchedNotifications: () => rpc('unmatchedNotifications', () => index().unmatched()),
    prune: (cut) =>
      Effect.gen(function* () {
        const targets = yield* rpc('prune', () => index().pruneTargets(cut))
        const pruned = yield* Effect.forEach(targets, (id) => rpc('prune', () => payment(id).prune(cut)), {
          concurrency: 8,
        })
        const own = yield* rpc('prune', () => index().prune(cut))
        const report: PruneReport = {
          commands: sum(pruned.map((p) => p.commands)),
          notifications: sum(pruned.map((p) => p.notifications)),
          unmatched: own.unmatched,
          events: sum(pruned.map((p) => p.events)),
        }
        return report
      }),
    backlog: (figures) => rpc('backlog', () => index().backlog(figures)),
  }
}

/** `durableObjectStore` as a layer. */
export const durableObjectStoreLayer = (options: DurableObjectStoreOptions): Layer.Layer<PaymentStore> =>
  Layer.succeed(PaymentStore, durableObjectStore(options))
