import type { Claimed, ClaimOptions, OutboxItem, StoreUnavailable, TimerItem } from '@paychart/core/store'
import * as Effect from 'effect/Effect'
import type { CommandCandidate, PaymentIndexRpc, TimerCandidate } from './index-object.js'
import type { LeaseRequest } from './payment-claims.js'
import type { PaymentObjectRpc } from './payment-object.js'
import { rpc } from './rpc.js'
import type { Stub } from './workers-types.js'

export interface ClaimRoutes {
  readonly index: () => Stub<PaymentIndexRpc>
  readonly payment: (paymentRequestId: string) => Stub<PaymentObjectRpc>
}

/** The candidates of one round, by payment, in the order the index gave them. */
const byPayment = <C extends { readonly paymentRequestId: string }>(candidates: ReadonlyArray<C>) => {
  const groups = new Map<string, C[]>()
  for (const candidate of candidates) {
    const group = groups.get(candidate.paymentRequestId) ?? []
    group.push(candidate)
    groups.set(candidate.paymentRequestId, group)
  }
  return [...groups]
}

const rank = <C>(candidates: ReadonlyArray<C>, key: (candidate: C) => string) => {
  const order = new Map(candidates.map((candidate, i) => [key(candidate), i]))
  return (claimed: string) => order.get(claimed) ?? Number.MAX_SAFE_INTEGER
}

/**
 * Claims up to `limit` items, oldest first, across payments: the index lists candidates in order (it does not know
 * leases), and each payment object leases those of its own that are still free, atomically. A round asks for as many
 * as are still missing; a candidate someone else holds is passed over, and the next round reads on from the last
 * one seen, until the limit is reached or the index has no more.
 */
const claimRounds = <C extends { readonly paymentRequestId: string }, T>(
  operation: string,
  limit: number,
  next: (after: C | undefined, wanted: number) => Effect.Effect<ReadonlyArray<C>, StoreUnavailable>,
  lease: (paymentRequestId: string, group: ReadonlyArray<C>) => Promise<ReadonlyArray<T>>,
  key: { readonly candidate: (candidate: C) => string; readonly claimed: (item: T) => string },
): Effect.Effect<ReadonlyArray<T>, StoreUnavailable> =>
  Effect.gen(function* () {
    const claimed: T[] = []
    let after: C | undefined
    while (claimed.length < limit) {
      const candidates = yield* next(after, limit - claimed.length)
      if (candidates.length === 0) break
      after = candidates[candidates.length - 1]
      const leased = yield* Effect.forEach(
        byPayment(candidates),
        ([paymentRequestId, group]) => rpc(operation, () => lease(paymentRequestId, group)),
        { concurrency: 'unbounded' },
      )
      const order = rank(candidates, key.candidate)
      claimed.push(...leased.flat().sort((a, b) => order(key.claimed(a)) - order(key.claimed(b))))
    }
    return claimed
  })

const commandKey = (item: { readonly commandId: string }) => item.commandId
const timerKey = (item: { readonly paymentRequestId: string; readonly timer: string }) =>
  `${item.paymentRequestId}\u0000${item.timer}`

const leaseRequest = (options: ClaimOptions): LeaseRequest => ({
  now: options.now,
  owner: options.owner,
  leaseMs: options.leaseMs,
})

export const claimCommands = (routes: ClaimRoutes, options: ClaimOptions) =>
  claimRounds<CommandCandidate, Claimed<OutboxItem>>(
    'claimCommands',
    options.limit,
    (after, wanted) => rpc('claimCommands', () => routes.index().commandCandidates(after, wanted)),
    (paymentRequestId, group) =>
      routes.payment(paymentRequestId).claimCommands(group.map(commandKey), leaseRequest(options)),
    { candidate: commandKey, claimed: commandKey },
  )

export const claimTimers = (routes: ClaimRoutes, options: ClaimOptions) =>
  claimRounds<TimerCandidate, Claimed<TimerItem>>(
    'claimTimers',
    options.limit,
    (after, wanted) => rpc('claimTimers', () => routes.index().timerCandidates(options.now, after, wanted)),
    (paymentRequestId, group) =>
      routes.payment(paymentRequestId).claimTimers(
        group.map((candidate) => candidate.timer),
        leaseRequest(options),
      ),
    { candidate: timerKey, claimed: timerKey },
  )
