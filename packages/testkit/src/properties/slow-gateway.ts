import { Gateway } from '@paychart/core'
import * as Effect from 'effect/Effect'
import * as Layer from 'effect/Layer'
import { type ManualClock, manualClock } from '../simulator/clock.js'

/** The world's manual clock, and sleeps that follow it: woken when the clock is moved past their time. */
export interface SleepingClock {
  readonly clock: ManualClock
  readonly sleepUntil: (at: number) => Effect.Effect<void>
  /**
   * Resolves once the fibers the last moves of the clock woke have run: a timer due before a lease lapsed acts before
   * anything that comes after the lapse (a relay's claim), as it would in time that flows.
   */
  readonly settle: () => Promise<void>
}

/** Turns of the event loop: Effect runs a woken fiber's next steps on `setImmediate`. */
const turns = async (count: number) => {
  for (let i = 0; i < count; i++) await new Promise<void>((resolve) => setImmediate(resolve))
}

/**
 * A manual clock whose sleepers wake as `advance` or `set` moves it past them: a timer in the engine (a call given up
 * before its lease lapses) fires when the world's time passes it, not the host's.
 */
export const sleepingClock = (start: number): SleepingClock => {
  const manual = manualClock(start)
  const sleepers = new Set<{ readonly at: number; readonly wake: () => void }>()
  let settling: Promise<void> = Promise.resolve()
  const wakeDue = (now: number) => {
    const due = [...sleepers].filter((sleeper) => sleeper.at <= now).sort((a, b) => a.at - b.at)
    for (const sleeper of due) {
      sleepers.delete(sleeper)
      sleeper.wake()
    }
    if (due.length > 0) settling = settling.then(() => turns(10))
    return now
  }
  const clock: ManualClock = {
    now: manual.now,
    advance: (ms) => wakeDue(manual.advance(ms)),
    set: (ms) => wakeDue(manual.set(ms)),
  }
  const sleepUntil = (at: number): Effect.Effect<void> =>
    Effect.callback<void>((resume) => {
      if (at <= manual.now()) return resume(Effect.void)
      const sleeper = { at, wake: () => resume(Effect.void) }
      sleepers.add(sleeper)
      return Effect.sync(() => void sleepers.delete(sleeper))
    })
  return { clock, sleepUntil, settle: () => settling }
}

/** The gateway the engine calls, watched: the calls of each command in flight, and one call made slow on demand. */
export interface WatchedGateway<E> {
  readonly layer: Layer.Layer<Gateway, E>
  /**
   * The next call of `kind` waits `ms` of the world's time before it leaves; the promise resolves as that call starts
   * waiting (never, if no such call comes before `cancelSlow`).
   */
  readonly slowNext: (kind: string, ms: number) => Promise<void>
  readonly cancelSlow: () => void
  /** The first command the gateway was ever called for twice at once, if any: `<kind> <commandId>`. */
  readonly overlap: () => string | undefined
}

export const watchedGateway = <E>(inner: Layer.Layer<Gateway, E>, time: SleepingClock): WatchedGateway<E> => {
  const inFlight = new Map<string, number>()
  let overlap: string | undefined
  let slow: { readonly kind: string; readonly ms: number; readonly started: () => void } | undefined
  const layer = Layer.effect(
    Gateway,
    Effect.gen(function* () {
      const gateway = yield* Gateway
      return Gateway.of({
        execute: (command, secrets) =>
          Effect.acquireUseRelease(
            Effect.sync(() => {
              const calls = (inFlight.get(command.commandId) ?? 0) + 1
              inFlight.set(command.commandId, calls)
              if (calls > 1) overlap ??= `${command.kind} ${command.commandId}`
            }),
            () => {
              const delay = slow?.kind === command.kind ? slow : undefined
              if (delay === undefined) return gateway.execute(command, secrets)
              slow = undefined
              delay.started()
              return Effect.andThen(time.sleepUntil(time.clock.now() + delay.ms), gateway.execute(command, secrets))
            },
            () => Effect.sync(() => void inFlight.set(command.commandId, (inFlight.get(command.commandId) ?? 1) - 1)),
          ),
      })
    }),
  ).pipe(Layer.provide(inner))
  return {
    layer,
    slowNext: (kind, ms) =>
      new Promise<void>((started) => {
        slow = { kind, ms, started }
      }),
    cancelSlow: () => {
      slow = undefined
    },
    overlap: () => overlap,
  }
}
