import { Gateway } from '@paychart/core'
import type { GatewayCommand } from '@paychart/core/machine'
import type { PaymentStoreShape } from '@paychart/core/store'
import { Effect, Layer } from 'effect'

/** Where the child kills itself: the n-th time it passes that point. */
export type CrashPoint =
  /** A commit that decided a gateway call is written; the call is not made yet. */
  | 'afterCommitBeforeCall'
  /** The gateway answered; the answer is not committed yet. */
  | 'afterAnswerBeforeCommit'
  /** A notification arrived and is about to be committed. */
  | 'notificationBeforeCommit'
  /** A notification is committed; the gateway has not been acknowledged yet. */
  | 'notificationAfterCommit'

export const CRASH_POINTS: ReadonlyArray<CrashPoint> = [
  'afterCommitBeforeCall',
  'afterAnswerBeforeCommit',
  'notificationBeforeCommit',
  'notificationAfterCommit',
]

export interface CrashAt {
  readonly point: CrashPoint
  readonly nth: number
}

/** Counts passes through each point and SIGKILLs this process at the chosen one: no cleanup, no flush, no exit hook. */
export const makeCrasher = (crash: CrashAt | undefined, log: (line: string) => void) => {
  let passes = 0
  return (point: CrashPoint, what: string): void => {
    if (crash === undefined || crash.point !== point) return
    passes += 1
    if (passes < crash.nth) return
    log(`SIGKILL at ${point} #${passes} (${what})`)
    process.kill(process.pid, 'SIGKILL')
  }
}

export type Crasher = ReturnType<typeof makeCrasher>

const callsGateway = (command: { readonly kind: string }): command is GatewayCommand => command.kind !== 'publish'

/** The store, with the kill points around its commits. */
export const crashingStore = (store: PaymentStoreShape, crash: Crasher): PaymentStoreShape => ({
  ...store,
  commit: (commit) => {
    const what = `${commit.paymentRequestId} ${commit.event.event.type}`
    const notified = commit.notificationKey !== undefined
    return Effect.sync(() => {
      if (notified) crash('notificationBeforeCommit', what)
    }).pipe(
      Effect.andThen(store.commit(commit)),
      Effect.tap(() =>
        Effect.sync(() => {
          if (notified) crash('notificationAfterCommit', what)
          if (commit.outbox.some((item) => callsGateway(item.command))) crash('afterCommitBeforeCall', what)
        }),
      ),
    )
  },
})

/** The gateway below it, with the kill point between its answer and the commit of that answer. */
export const crashingGateway = (crash: Crasher): Layer.Layer<Gateway, never, Gateway> =>
  Layer.effect(
    Gateway,
    Effect.gen(function* () {
      const inner = yield* Gateway
      return {
        execute: (command, secrets) =>
          inner.execute(command, secrets).pipe(
            Effect.tap((answer) =>
              Effect.sync(() => {
                crash('afterAnswerBeforeCommit', `${command.kind} ${command.idempotencyKey} ${answer.type}`)
              }),
            ),
          ),
      }
    }),
  )
