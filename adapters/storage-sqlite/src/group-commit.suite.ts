import type { Commit } from '@paychart/core/store'
import { cardFlow } from '@paychart/testkit/store-conformance'
import * as Effect from 'effect/Effect'
import { describe, expect, it } from 'vitest'
import { useSqliteStore } from './sqlite.fixtures.js'

const run = <A, E>(effect: Effect.Effect<A, E>) => Effect.runPromiseExit(effect)

export const groupCommitTests = () =>
  describe('group commit', () => {
    it('writes the commits of one turn together, each with its own outcome: a conflict or a failing write fails only its own', async () => {
      const { store, raw } = await useSqliteStore()
      const flows = ['PAY-G1', 'PAY-G2', 'PAY-G3', 'PAY-G4'].map((id) => cardFlow(id))
      for (const flow of flows) await Effect.runPromise(store.create(flow.payment))
      const [a, b, c, d] = flows.map((flow) => flow.commits[0]) as [Commit, Commit, Commit, Commit]
      const stale: Commit = { ...b, expectedVersion: b.expectedVersion + 5 }
      // A write that throws inside the group's transaction (a snapshot JSON cannot hold): only its savepoint rolls back.
      const unwritable = { ...d, snapshot: { ...(d.snapshot as object), unwritable: 1n } } as unknown as Commit
      const exits = await Promise.all([a, stale, c, unwritable].map((commit) => run(store.commit(commit))))
      expect(exits.map((exit) => (exit._tag === 'Success' ? 'committed' : 'failed'))).toEqual([
        'committed',
        'failed',
        'committed',
        'failed',
      ])
      expect(JSON.stringify(exits[1])).toContain('VersionConflict')
      expect(JSON.stringify(exits[3])).toContain('StoreUnavailable')
      expect((await raw.payment('PAY-G1'))?.version).toBe(a.expectedVersion + 1)
      expect((await raw.payment('PAY-G2'))?.version).toBe(b.expectedVersion)
      expect((await raw.payment('PAY-G3'))?.version).toBe(c.expectedVersion + 1)
      expect((await raw.payment('PAY-G4'))?.version).toBe(d.expectedVersion)
      expect(await raw.events('PAY-G4')).toHaveLength(0)
    })
  })
