import type { PaymentStoreShape } from '@paychart/core/store'
import * as Effect from 'effect/Effect'

interface Turn {
  readonly payments: Set<string>
  commits: number
}

/** How many turns of the event loop saw two commits or more, and how many of those were of several payments. */
export interface CommitTurns {
  readonly groups: number
  readonly acrossPayments: number
}

/**
 * Counts the commits that reach a store in one turn of the event loop: what the SQLite and Postgres stores write as
 * one group (they flush a group in a microtask queued by its first commit). `wrap` may be applied to each store of a
 * flow (one per restart); the counts are the flow's.
 */
export const commitTurns = () => {
  let open: Turn | undefined
  let groups = 0
  let acrossPayments = 0
  const join = (paymentRequestId: string) => {
    if (open === undefined) {
      const turn: Turn = { payments: new Set(), commits: 0 }
      open = turn
      queueMicrotask(() => {
        open = undefined
        if (turn.commits < 2) return
        groups += 1
        if (turn.payments.size > 1) acrossPayments += 1
      })
    }
    open.commits += 1
    open.payments.add(paymentRequestId)
  }
  return {
    wrap: (store: PaymentStoreShape): PaymentStoreShape => ({
      ...store,
      commit: (commit) =>
        Effect.suspend(() => {
          join(commit.paymentRequestId)
          return store.commit(commit)
        }),
    }),
    seen: (): CommitTurns => ({ groups, acrossPayments }),
  }
}
