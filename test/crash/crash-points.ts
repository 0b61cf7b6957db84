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
  /** Commits of one turn of the event loop (one group commit) are written; none of their callers has seen it yet. */
  | 'afterGroupCommit'

export const CRASH_POINTS: ReadonlyArray<CrashPoint> = [
  'afterCommitBeforeCall',
  'afterAnswerBeforeCommit',
  'notificationBeforeCommit',
  'notificationAfterCommit',
  'afterGroupCommit',
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

interface Turn {
  size: number
  settled: number
}

/**
 * The commits that reach the store in one turn of the event loop, as the SQLite and Postgres stores group them: they
 * flush a group in a microtask queued by its first commit, and this one is queued just before it, so it closes on the
 * same commits. `onGroup` hears of each turn of two or more commits as it closes.
 */
const turns = (onGroup: (size: number) => void) => {
  let open: Turn | undefined
  return (): Turn => {
    if (open === undefined) {
      const turn: Turn = { size: 0, settled: 0 }
      open = turn
      queueMicrotask(() => {
        if (turn.size > 1) onGroup(turn.size)
        open = undefined
      })
    }
    open.size += 1
    return open
  }
}

/**
 * The store, with the kill points around its commits. Each group of commits is logged (`group commit of N`), so a
 * round shows that it committed several in one turn; the kill after a group waits until every one has its outcome.
 */
export const crashingStore = (
  store: PaymentStoreShape,
  crash: Crasher,
  log: (line: string) => void,
): PaymentStoreShape => {
  const join = turns((size) => log(`group commit of ${size}`))
  return {
    ...store,
    commit: (commit) => {
      const what = `${commit.paymentRequestId} ${commit.event.event.type}`
      const notified = commit.notificationKey !== undefined
      return Effect.suspend(() => {
        if (notified) crash('notificationBeforeCommit', what)
        const turn = join()
        return store.commit(commit).pipe(
          Effect.onExit(() =>
            Effect.sync(() => {
              turn.settled += 1
              if (turn.size > 1 && turn.settled === turn.size) crash('afterGroupCommit', `${turn.size} commits`)
            }),
          ),
        )
      }).pipe(
        Effect.tap(() =>
          Effect.sync(() => {
            if (notified) crash('notificationAfterCommit', what)
            if (commit.outbox.some((item) => callsGateway(item.command))) crash('afterCommitBeforeCall', what)
          }),
        ),
      )
    },
  }
}

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
