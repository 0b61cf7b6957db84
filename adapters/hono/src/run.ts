import type { Engine } from '@paychart/core'
import type { Effect, Exit } from 'effect'

/**
 * Runs an engine program to its Exit: `runtime.runPromiseExit` of a `ManagedRuntime` built over `Engine.layer`, or
 * anything else that provides the engine. The routes never build a runtime themselves.
 */
export type EngineRunner = <A, E>(effect: Effect.Effect<A, E, Engine>) => Promise<Exit.Exit<A, E>>
