import type { PaymentStoreShape } from '@paychart/core/store'
import * as Effect from 'effect/Effect'

/**
 * The writes a hold may catch: the commit of a gateway answer (a commit completing a command), or the marking done
 * of a domain event the engine published.
 */
export type HeldWrite = 'answer' | 'completion'

/** The write held back: `reached` resolves once it waits, `release` lets it go on to the store. */
export interface Held {
  readonly reached: Promise<void>
  readonly release: () => void
}

/** Whether a domain event's commandId is one of `paymentRequestId`'s (`<paymentRequestId>@<version>/<n>`). */
const eventOf = (commandId: string, paymentRequestId: string) => commandId.startsWith(`${paymentRequestId}@`)

/**
 * Holds back the next write of one payment as armed until released: a paused process, a slow database. The hold is
 * before the store sees the write, so whatever is written meanwhile comes first. `wrap` may be applied to each store
 * of a flow (one per restart); the hold is the flow's.
 */
export const heldWrites = () => {
  let armed:
    | {
        readonly paymentRequestId: string
        readonly write: HeldWrite
        readonly reached: () => void
        readonly released: Promise<void>
      }
    | undefined
  let release = () => {}
  /** `run` after the release when it is the write armed (of its payment); at once otherwise. */
  const heldBack = <A, E>(
    write: HeldWrite,
    ofPayment: (paymentRequestId: string) => boolean,
    run: Effect.Effect<A, E>,
  ) =>
    Effect.suspend(() => {
      const hold = armed
      if (hold?.write !== write || !ofPayment(hold.paymentRequestId)) return run
      armed = undefined
      hold.reached()
      return Effect.andThen(
        Effect.promise(() => hold.released),
        run,
      )
    })
  return {
    holdNext: (paymentRequestId: string, write: HeldWrite): Held => {
      let reached = () => {}
      const waiting = new Promise<void>((resolve) => {
        reached = resolve
      })
      const released = new Promise<void>((resolve) => {
        release = resolve
      })
      armed = { paymentRequestId, write, reached, released }
      return { reached: waiting, release: () => release() }
    },
    /** Holds nothing more; a write held now goes on. */
    cancel: () => {
      armed = undefined
      release()
    },
    wrap: (store: PaymentStoreShape): PaymentStoreShape => ({
      ...store,
      commit: (commit) =>
        heldBack(
          'answer',
          (held) => held === commit.paymentRequestId && commit.completesCommand !== undefined,
          store.commit(commit),
        ),
      completeCommand: (commandId) =>
        heldBack('completion', (held) => eventOf(commandId, held), store.completeCommand(commandId)),
    }),
  }
}
