import { cardFlow } from '@paychart/testkit/store-conformance'
import * as Effect from 'effect/Effect'
import { describe, expect, it } from 'vitest'
import { useConnection, useSqliteStore } from './sqlite.fixtures.js'

const run = <A, E>(effect: Effect.Effect<A, E>) => Effect.runPromise(effect)

export const busyTests = () =>
  describe('connection settings and a busy database', () => {
    it('opens in WAL mode with the busy timeout, foreign keys and full sync', async () => {
      const { opened, store, filename } = await useSqliteStore({ busyTimeoutMs: 1_234 })
      const db = opened.database
      expect(db.pragma('journal_mode')).toBe('wal')
      expect(db.pragma('busy_timeout')).toBe(1_234)
      expect(db.pragma('foreign_keys')).toBe(1)
      expect(db.pragma('synchronous')).toBe(2)
      const flow = cardFlow('PAY-BZ-0')
      await run(store.create(flow.payment))
      // WAL is a property of the file: every connection to it sees it.
      expect(useConnection(filename).pragma('journal_mode')).toBe('wal')
      const normal = await useSqliteStore({ synchronous: 'NORMAL' })
      expect(normal.opened.database.pragma('synchronous')).toBe(1)
    })

    it('fails a write with StoreUnavailable (SQLITE_BUSY) after the busy timeout, still reads, then writes once free', async () => {
      const { store, filename } = await useSqliteStore({ busyTimeoutMs: 100 })
      const flow = cardFlow('PAY-BZ-1')
      const [submit] = flow.commits
      if (submit === undefined) throw new Error('the card flow starts with a submit')
      await run(store.create(flow.payment))
      const holder = useConnection(filename)
      holder.exec('BEGIN IMMEDIATE')
      const started = performance.now()
      const error = await run(Effect.flip(store.commit(submit)))
      expect(performance.now() - started).toBeGreaterThanOrEqual(90)
      expect(error).toMatchObject({ _tag: 'StoreUnavailable', operation: 'commit' })
      expect(error.message).toContain('SQLITE_BUSY')
      expect(await run(Effect.flip(store.claimCommands({ now: 0, owner: 'a', leaseMs: 1, limit: 1 })))).toMatchObject({
        _tag: 'StoreUnavailable',
        operation: 'claimCommands',
      })
      expect(await run(store.load('PAY-BZ-1'))).toMatchObject({ version: 1 })
      holder.exec('ROLLBACK')
      expect(await run(store.commit(submit))).toMatchObject({ version: 2 })
    })
  })
