import { StoreUnavailable } from '@paychart/core'
import type { PaymentStoreShape } from '@paychart/core/store'
import * as Effect from 'effect/Effect'

/**
 * How a store fails a commit: refused before it writes anything, or written with its answer lost on the way back (a
 * connection dropped after the database committed). Either way the caller sees `StoreUnavailable`.
 */
export type CommitFault = 'beforeWrite' | 'answerLost'

/**
 * Fails the next commit of one payment as armed. `wrap` may be applied to each store of a flow (one per restart); the
 * count of commits failed is the flow's.
 */
export const commitFaults = () => {
  let armed: { readonly paymentRequestId: string; readonly fault: CommitFault } | undefined
  let failed = 0
  const lost = (fault: CommitFault) =>
    new StoreUnavailable({
      operation: 'commit',
      reason: fault === 'beforeWrite' ? 'connection refused (model)' : 'connection lost after the commit (model)',
    })
  return {
    arm: (paymentRequestId: string, fault: CommitFault) => {
      armed = { paymentRequestId, fault }
    },
    /** Disarms it; whether it had failed a commit. */
    disarm: (): boolean => {
      const unused = armed !== undefined
      armed = undefined
      return !unused
    },
    wrap: (store: PaymentStoreShape): PaymentStoreShape => ({
      ...store,
      commit: (commit) =>
        Effect.suspend(() => {
          const fault = armed?.paymentRequestId === commit.paymentRequestId ? armed.fault : undefined
          if (fault === undefined) return store.commit(commit)
          armed = undefined
          failed += 1
          if (fault === 'beforeWrite') return Effect.fail(lost(fault))
          return store.commit(commit).pipe(Effect.andThen(Effect.fail(lost(fault))))
        }),
    }),
    failed: () => failed,
  }
}
