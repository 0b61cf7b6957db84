import type { PaymentStatus } from '@paychart/core'
import * as Effect from 'effect/Effect'
import * as Exit from 'effect/Exit'
import { violated } from '../invariants.js'
import { type Model, type ModelPayment, pick } from '../model.js'
import type { World } from '../world.js'

/** The payment's status as the engine reports it now, or undefined when it does not know it. */
export const statusNow = async (world: World, paymentRequestId: string): Promise<PaymentStatus | undefined> => {
  const exit = await world.run((engine) => engine.status(paymentRequestId))
  return Exit.isSuccess(exit) ? exit.value : undefined
}

/** The payment as the store holds it, read past the engine (which answers nothing after a crash), or undefined. */
export const storedNow = (world: World, paymentRequestId: string) =>
  Effect.runPromise(world.store().load(paymentRequestId)).catch(() => undefined)

/** Marks where the gateway's call log stands, to see later what one command sent. */
export const callMark = (world: World): number => world.simulator.calls().length

/**
 * The calls made since `mark`: whether any was hit by a fault (a tampered answer is one: the engine rightly does not
 * take its word), and which endpoints were called.
 */
export const callsSince = (world: World, mark: number) => {
  const calls = world.simulator.calls().slice(mark)
  return {
    calls,
    faulted: calls.some((c) => c.fault !== undefined || c.tampered !== undefined),
    endpoints: calls.map((c) => c.endpoint),
  }
}

/** The typed error an engine call failed with, if it failed with one (not a defect). */
export const failureOf = (
  exit: Exit.Exit<unknown, unknown>,
): { readonly _tag?: string; readonly field?: string; readonly reason?: string } | undefined => {
  if (Exit.isSuccess(exit)) return undefined
  const failure = exit.cause.reasons.find((r) => r._tag === 'Fail')
  return failure !== undefined && failure._tag === 'Fail' ? (failure.error as { readonly _tag?: string }) : undefined
}

/** The tag of an engine call's failure, or 'ok'. */
export const outcomeOf = (exit: Exit.Exit<unknown, unknown>): string => {
  if (Exit.isSuccess(exit)) return 'ok'
  const error = failureOf(exit)
  return error === undefined ? 'defect' : (error._tag ?? 'error')
}

/** An engine call may fail only as the machine's refusal, never with a defect or a store or retry failure. */
export const expectOutcome = (what: string, exit: Exit.Exit<unknown, unknown>, allowed: ReadonlyArray<string>) => {
  const outcome = outcomeOf(exit)
  if (!allowed.includes(outcome)) {
    violated('no-unexpected-failure', `${what}: ${outcome}${Exit.isFailure(exit) ? ` (${String(exit.cause)})` : ''}`)
  }
  return outcome
}

/**
 * The `index`-th payment among those the store shows in one of `states` (read past the engine), or the `index`-th
 * of all when none is: lets a merchant command aim where it matters (a capture at an authorized payment).
 */
export const pickIn = async (
  world: World,
  model: Model,
  index: number,
  states: ReadonlyArray<string>,
): Promise<ModelPayment | undefined> => {
  const inState: Array<ModelPayment> = []
  for (const payment of model.payments) {
    const stored = await storedNow(world, payment.id)
    if (stored !== undefined && states.includes(stored.state)) inState.push(payment)
  }
  return pick(inState.length > 0 ? { ...model, payments: inState } : model, index)
}
