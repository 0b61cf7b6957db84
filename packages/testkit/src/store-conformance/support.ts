import type { PaymentStoreShape } from '@paychart/core/store'
import * as Effect from 'effect/Effect'
import { onTestFinished } from 'vitest'
import type { StoreUnderTest } from './options.js'

/** Runs a store effect that must succeed. */
export const run = <A, E>(effect: Effect.Effect<A, E>): Promise<A> => Effect.runPromise(effect)

/** Runs a store effect that must fail, and returns its error (a success rejects the promise). */
export const failure = <A, E>(effect: Effect.Effect<A, E>): Promise<E> => Effect.runPromise(Effect.flip(effect))

/** A fresh store from `make`, cleaned up (with its second clients) when the current test ends. */
export const useStore = async (make: () => Promise<StoreUnderTest>): Promise<StoreUnderTest> => {
  const made = await make()
  onTestFinished(async () => {
    await made.cleanup?.()
  })
  return made
}

/** A second client over the same data, closed when the current test ends. */
export const secondClient = async (made: StoreUnderTest): Promise<PaymentStoreShape> => {
  if (made.makeSecondClient === undefined) {
    throw new Error('capabilities.concurrentWriters is on, but make() returned no makeSecondClient')
  }
  const client = await made.makeSecondClient()
  onTestFinished(async () => {
    await client.cleanup?.()
  })
  return client.store
}

/** JSON text as plain data, so stored and expected values compare alike whatever the store kept. */
export const parsed = (json: string): unknown => JSON.parse(json)
export const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value))

export const byKey =
  <K>(key: (row: K) => string) =>
  <T extends K>(rows: ReadonlyArray<T>): T[] =>
    [...rows].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0))

/** The item at `index`, which the test's own data guarantees. */
export const nth = <T>(items: ReadonlyArray<T>, index: number): T => {
  const item = items[index]
  if (item === undefined) throw new Error(`the suite's data has no item ${index}`)
  return item
}

export const byVersion = <T extends { readonly version: number }>(rows: ReadonlyArray<T>): T[] =>
  [...rows].sort((a, b) => a.version - b.version)

/** Appended to a group's name: why it is skipped, when its capability is off. */
export const skipNote = (on: boolean, why: string): string => (on ? '' : ` (skipped: ${why})`)
