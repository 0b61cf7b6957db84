import type { PaymentStoreShape } from '@paychart/core/store'
import * as Effect from 'effect/Effect'

/** The answer commit held back: `reached` resolves once it waits, `release` lets it go on to the store. */
export interface HeldAnswer {
  readonly reached: Promise<void>
  readonly release: () => void
}

/**
 * Holds back the next commit of a gateway answer (a commit completing a command) of one payment until released: a
 * paused process, a slow database. The hold is before the store sees the commit, so whatever commits meanwhile comes
 * first. `wrap` may be applied to each store of a flow (one per restart); the hold is the flow's.
 */
export const heldAnswers = () => {
  let armed:
    | { readonly paymentRequestId: string; readonly reached: () => void; readonly released: Promise<void> }
    | undefined
  let release = () => {}
  return {
    holdNext: (paymentRequestId: string): HeldAnswer => {
      let reached = () => {}
      const waiting = new Promise<void>((resolve) => {
        reached = resolve
      })
      const released = new Promise<void>((resolve) => {
        release = resolve
      })
      armed = { paymentRequestId, reached, released }
      return { reached: waiting, release: () => release() }
    },
    /** Holds nothing more; a commit held now goes on. */
    cancel: () => {
      armed = undefined
      release()
    },
    wrap: (store: PaymentStoreShape): PaymentStoreShape => ({
      ...store,
      commit: (commit) =>
        Effect.suspend(() => {
          const hold = armed
          if (hold?.paymentRequestId !== commit.paymentRequestId || commit.completesCommand === undefined) {
            return store.commit(commit)
          }
          armed = undefined
          hold.reached()
          return Effect.andThen(
            Effect.promise(() => hold.released),
            store.commit(commit),
          )
        }),
    }),
  }
}
