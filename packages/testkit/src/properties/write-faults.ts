import { StoreUnavailable } from '@paychart/core'
import type { PaymentStoreShape } from '@paychart/core/store'
import * as Effect from 'effect/Effect'

/**
 * How a store fails a write: refused before it writes anything, or written with its answer lost on the way back (a
 * connection dropped after the database committed). Either way the caller sees `StoreUnavailable`.
 */
export type WriteFault = 'beforeWrite' | 'answerLost'

/** The writes a fault may hit: a payment's create, or a commit of one of its events. */
export type FaultedWrite = 'create' | 'commit'

/**
 * Fails the next write of one payment as armed. `wrap` may be applied to each store of a flow (one per restart); the
 * count of writes failed is the flow's.
 */
export const writeFaults = () => {
  let armed: { readonly paymentRequestId: string; readonly fault: WriteFault; readonly write: FaultedWrite } | undefined
  let failed = 0
  /** `write` as armed: failed before it runs, or run and then failed; any other goes through. */
  const faulted = <A, E>(write: FaultedWrite, paymentRequestId: string, run: () => Effect.Effect<A, E>) =>
    Effect.suspend((): Effect.Effect<A, E | StoreUnavailable> => {
      if (armed?.paymentRequestId !== paymentRequestId || armed.write !== write) return run()
      const { fault } = armed
      armed = undefined
      failed += 1
      const lost = new StoreUnavailable({
        operation: write,
        reason: fault === 'beforeWrite' ? 'connection refused (model)' : 'connection lost after the write (model)',
      })
      return fault === 'beforeWrite' ? Effect.fail(lost) : run().pipe(Effect.andThen(Effect.fail(lost)))
    })
  return {
    arm: (paymentRequestId: string, fault: WriteFault, write: FaultedWrite = 'commit') => {
      armed = { paymentRequestId, fault, write }
    },
    /** Disarms it; whether it had failed a write. */
    disarm: (): boolean => {
      const unused = armed !== undefined
      armed = undefined
      return !unused
    },
    wrap: (store: PaymentStoreShape): PaymentStoreShape => ({
      ...store,
      create: (payment) => faulted('create', payment.paymentRequestId, () => store.create(payment)),
      commit: (commit) => faulted('commit', commit.paymentRequestId, () => store.commit(commit)),
    }),
    failed: () => failed,
  }
}
