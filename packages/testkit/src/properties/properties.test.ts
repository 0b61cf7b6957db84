import { makeMemoryStore } from '@paychart/core'
import { Effect } from 'effect'
import { describe, expect, it } from 'vitest'
import { generateSimulatorKeys } from '../wire/keys.js'
import { checkPaymentProperties } from './run.js'
import { type MakeStore, memoryStoreUnderTest } from './world.js'

const quiet = () => {}

describe('checkPaymentProperties', () => {
  it('holds for the memory store, and reports what the flows reached', async () => {
    const report = await checkPaymentProperties({
      makeStore: memoryStoreUnderTest,
      runs: 25,
      seed: 424_242,
      log: quiet,
    })
    expect(report.failed).toBe(false)
    expect(report.runs).toBe(25)
    expect(report.coverage.flows).toBe(25)
  }, 60_000)

  it('catches a store that forgets which notifications it committed, with a replayable shrunk flow', async () => {
    // A user's store with a bug: it drops the notification key of every commit (so no compare-and-set on it) and
    // `hasNotification` always says no, so a redelivered notification is applied again.
    const forgetful: MakeStore = () => {
      const memory = makeMemoryStore()
      const commit: typeof memory.store.commit = ({ notificationKey: _dropped, ...rest }) => memory.store.commit(rest)
      return {
        store: { ...memory.store, commit, hasNotification: () => Effect.succeed(false) },
        dump: () => JSON.stringify([...memory.raw.payments.values()]),
      }
    }
    const keys = await generateSimulatorKeys()
    const report = await checkPaymentProperties({ makeStore: forgetful, runs: 300, seed: 20_261_122, keys, log: quiet })
    expect(report.failed).toBe(true)
    expect(report.property).toBe('notification-applied-once')
    expect(report.counterexample?.length).toBeGreaterThan(0)
    const replay = await checkPaymentProperties({
      makeStore: forgetful,
      runs: 300,
      seed: report.seed,
      ...(report.path === undefined ? {} : { path: report.path }),
      ...(report.replayPath === undefined ? {} : { replayPath: report.replayPath }),
      keys,
      log: quiet,
    })
    expect(replay.failed).toBe(true)
    expect(replay.property).toBe('notification-applied-once')
    expect(replay.counterexample).toEqual(report.counterexample)
  }, 120_000)
})
