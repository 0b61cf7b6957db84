import { Gateway } from '@paychart/core'
import * as Effect from 'effect/Effect'
import * as Layer from 'effect/Layer'
import type { SleepingClock } from './sleeping-clock.js'

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
