import type { Commit, PaymentStoreShape } from '@paychart/core/store'
import { cardFlow } from '@paychart/testkit/store-conformance'
import { Effect } from 'effect'
import pg, { escapeIdentifier } from 'pg'
import { describe, expect, it, onTestFinished } from 'vitest'
import { DATABASE_URL, useFreshStore } from './postgres.fixtures.js'

/** What became of a commit: `committed`, or the tag of its error. */
const outcomeOf = (store: PaymentStoreShape, commit: Commit) =>
  Effect.runPromise(
    Effect.match(store.commit(commit), { onSuccess: () => 'committed', onFailure: (error) => error._tag as string }),
  )

/**
 * A store over a pool that records the name of every statement it runs (the name says which statement it is), and
 * refuses the statements named in `refused` as a lost connection would.
 */
const recordingStore = async () => {
  const pool = new pg.Pool({ connectionString: DATABASE_URL, max: 4 })
  onTestFinished(() => pool.end())
  const statements: string[] = []
  const refused = new Set<string>()
  const query = pool.query.bind(pool) as (...args: unknown[]) => unknown
  Object.assign(pool, {
    query: (config: unknown, ...rest: unknown[]) => {
      const raw = (config as { name?: string }).name
      const name = raw?.replace(/^paychart_|_[0-9a-f]{12}$/g, '')
      if (name !== undefined) statements.push(name)
      if (name !== undefined && refused.has(name))
        return Promise.reject(new Error('Connection terminated unexpectedly'))
      return query(config, ...rest)
    },
  })
  return { ...(await useFreshStore({ pool })), statements, refused }
}

/** Four card payments created and submitted; their next commits (the pay's answer) to write in one turn. */
const submitted = async (store: Awaited<ReturnType<typeof useFreshStore>>['store'], ids: ReadonlyArray<string>) => {
  const flows = ids.map((id) => cardFlow(id))
  for (const flow of flows) {
    await Effect.runPromise(store.create(flow.payment))
    await Effect.runPromise(store.commit(flow.commits[0] as Commit))
  }
  return flows.map((flow) => flow.commits[1] as Commit)
}

export const groupCommitTests = (): void => {
  describe('group commit', () => {
    it('writes the commits of one turn in one statement, each with its own outcome', async () => {
      const { store, raw, statements } = await recordingStore()
      const [a, b, c] = await submitted(store, ['PAY-GC-1', 'PAY-GC-2', 'PAY-GC-3'])
      if (a === undefined || b === undefined || c === undefined) throw new Error('three commits')
      const stale: Commit = { ...b, expectedVersion: b.expectedVersion + 5 }
      const unknown: Commit = { ...c, paymentRequestId: 'PAY-GC-NONE' }
      statements.length = 0
      const outcomes = await Promise.all([a, stale, c, unknown].map((commit) => outcomeOf(store, commit)))
      expect(outcomes).toEqual(['committed', 'VersionConflict', 'committed', 'PaymentNotFound'])
      expect(statements).toEqual(['commit', 'versions'])
      const conflict = await Effect.runPromise(Effect.flip(store.commit(stale)))
      expect(conflict).toMatchObject({ expectedVersion: b.expectedVersion + 5, actualVersion: b.expectedVersion })
      expect((await raw.payment('PAY-GC-1'))?.version).toBe(a.expectedVersion + 1)
      expect((await raw.payment('PAY-GC-2'))?.version).toBe(b.expectedVersion)
      expect((await raw.payment('PAY-GC-3'))?.version).toBe(c.expectedVersion + 1)
      expect(await raw.events('PAY-GC-1')).toHaveLength(2)
      expect(await raw.events('PAY-GC-2')).toHaveLength(1)
      // The pay's answer sets the reconcile timer and completes the pay: only where it was committed.
      const reconciling = (await raw.timers()).filter((t) => t.timer === 'reconcile').map((t) => t.paymentRequestId)
      expect(reconciling.sort()).toEqual(['PAY-GC-1', 'PAY-GC-3'])
      const paid = (await raw.outbox()).filter((row) => row.done).map((row) => row.paymentRequestId)
      expect(paid.sort()).toEqual(['PAY-GC-1', 'PAY-GC-3'])
    })

    it("keeps a committed group committed when reading its conflicts' versions fails: only the conflicts fail", async () => {
      const { store, raw, refused } = await recordingStore()
      const [a, b] = await submitted(store, ['PAY-GC-V1', 'PAY-GC-V2'])
      if (a === undefined || b === undefined) throw new Error('two commits')
      refused.add('versions')
      const stale: Commit = { ...b, expectedVersion: b.expectedVersion + 5 }
      const outcomes = await Promise.all([a, stale].map((commit) => outcomeOf(store, commit)))
      expect(outcomes).toEqual(['committed', 'StoreUnavailable'])
      expect((await raw.payment('PAY-GC-V1'))?.version).toBe(a.expectedVersion + 1)
      expect((await raw.payment('PAY-GC-V2'))?.version).toBe(b.expectedVersion)
    })

    it('lets only one of two commits of one payment at the same version through', async () => {
      const { store, raw } = await useFreshStore()
      const [answer] = await submitted(store, ['PAY-GC-TWICE'])
      if (answer === undefined) throw new Error('a commit')
      const outcomes = await Promise.all([answer, answer].map((commit) => outcomeOf(store, commit)))
      expect(outcomes.sort()).toEqual(['VersionConflict', 'committed'])
      expect((await raw.payment('PAY-GC-TWICE'))?.version).toBe(answer.expectedVersion + 1)
      expect(await raw.events('PAY-GC-TWICE')).toHaveLength(2)
    })

    it('commits a group whose statement fails one by one, so only the commit that cannot be written fails', async () => {
      const { store, raw, client, schema } = await useFreshStore()
      const commits = await submitted(store, ['PAY-GC-A', 'PAY-GC-B', 'PAY-GC-C'])
      const poisoned = commits.map((commit, i) =>
        i === 1 ? { ...commit, notificationKey: 'PAYMENT_PENDING:poison' } : commit,
      )
      const target = `${escapeIdentifier(schema)}.notifications`
      await client.query(`ALTER TABLE ${target} ADD CONSTRAINT injected CHECK (key <> 'PAYMENT_PENDING:poison')`)
      const outcomes = await Promise.all(poisoned.map((commit) => outcomeOf(store, commit)))
      expect(outcomes).toEqual(['committed', 'StoreUnavailable', 'committed'])
      expect((await raw.payment('PAY-GC-B'))?.version).toBe(2)
      expect(await raw.events('PAY-GC-B')).toHaveLength(1)
      expect((await raw.payment('PAY-GC-A'))?.version).toBe(3)
      expect((await raw.payment('PAY-GC-C'))?.version).toBe(3)
    })

    it('creates the payments of one turn with one statement, each with its own outcome', async () => {
      const { store, raw, statements } = await recordingStore()
      const there = cardFlow('PAY-GN-2')
      await Effect.runPromise(store.create(there.payment))
      statements.length = 0
      const again = cardFlow('PAY-GN-1')
      const flows = [cardFlow('PAY-GN-3'), there, cardFlow('PAY-GN-1'), again]
      const outcomes = await Promise.all(
        flows.map((flow) =>
          Effect.runPromise(
            Effect.match(store.create(flow.payment), { onSuccess: () => 'created', onFailure: (e) => e._tag }),
          ),
        ),
      )
      expect(outcomes).toEqual(['created', 'PaymentExists', 'created', 'PaymentExists'])
      expect(statements).toEqual(['create_many'])
      for (const id of ['PAY-GN-1', 'PAY-GN-2', 'PAY-GN-3']) {
        expect(await raw.payment(id)).toMatchObject({ version: 1, state: 'draft', merchantReference: `ORDER-${id}` })
      }
    })

    it('creates a batch whose statement fails one by one, so only the create that cannot be written fails', async () => {
      const { store, raw, client, schema } = await useFreshStore()
      const target = `${escapeIdentifier(schema)}.payments`
      await client.query(`ALTER TABLE ${target} ADD CONSTRAINT injected CHECK (payment_request_id <> 'PAY-GN-POISON')`)
      const outcomes = await Promise.all(
        ['PAY-GN-A', 'PAY-GN-POISON', 'PAY-GN-B'].map((id) =>
          Effect.runPromise(
            Effect.match(store.create(cardFlow(id).payment), { onSuccess: () => 'created', onFailure: (e) => e._tag }),
          ),
        ),
      )
      expect(outcomes).toEqual(['created', 'StoreUnavailable', 'created'])
      expect(await raw.payment('PAY-GN-POISON')).toBeUndefined()
      expect((await raw.payment('PAY-GN-A'))?.version).toBe(1)
      expect((await raw.payment('PAY-GN-B'))?.version).toBe(1)
    })

    it('loads the payments asked for in one turn with one statement, each caller with a payment of its own', async () => {
      const { store, statements } = await recordingStore()
      await submitted(store, ['PAY-GL-1', 'PAY-GL-2'])
      statements.length = 0
      const loads = await Promise.all(
        ['PAY-GL-1', 'PAY-GL-NONE', 'PAY-GL-2', 'PAY-GL-1'].map((id) => Effect.runPromise(store.load(id))),
      )
      expect(statements).toEqual(['load_many'])
      expect(loads.map((payment) => payment?.version)).toEqual([2, undefined, 2, 2])
      expect(loads[3]).toEqual(loads[0])
      expect(loads[3]?.snapshot).not.toBe(loads[0]?.snapshot)
    })
  })
}
