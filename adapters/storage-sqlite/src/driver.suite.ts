import { existsSync } from 'node:fs'
import { Effect, Layer } from 'effect'
import { describe, expect, it, onTestFinished } from 'vitest'
import { tempDatabase, useConnection, useSqliteStore } from './sqlite.fixtures.js'
import { openSqliteStore, sqliteStoreLayer } from './sqlite-store.js'

const versions = process.versions as Record<string, string | undefined>
/** Which runtime this is, told from its version list, not from the store's own detection. */
const runtime = versions.bun !== undefined ? 'bun' : versions.deno !== undefined ? 'deno' : 'node'
const expected = { bun: 'bun:sqlite', deno: 'node:sqlite', node: 'better-sqlite3' }[runtime]

/** The driver the store chose on this runtime, with every connection setting it must have made. */
export const driverTests = () =>
  describe(`the driver under ${runtime}`, () => {
    it(`opens on ${expected} with WAL, foreign keys, the busy timeout and the sync level`, async () => {
      const made = await useSqliteStore({ busyTimeoutMs: 2_345, synchronous: 'NORMAL' })
      const db = made.opened.database
      expect(db.driver).toBe(expected)
      expect(db.pragma('journal_mode')).toBe('wal')
      expect(db.pragma('foreign_keys')).toBe(1)
      expect(db.pragma('busy_timeout')).toBe(2_345)
      expect(db.pragma('synchronous')).toBe(1)
    })

    it('creates a new file with 1024-byte pages, or those asked for; a file that exists keeps its own', async () => {
      const made = await useSqliteStore()
      expect(useConnection(made.filename, { readonly: true }).pragma('page_size')).toBe(1024)
      const asked = await useSqliteStore({ pageSize: 4096 })
      expect(asked.opened.database.pragma('page_size')).toBe(4096)
      const again = openSqliteStore({ filename: asked.filename })
      try {
        expect(again.database.pragma('page_size')).toBe(4096)
        expect(await Effect.runPromise(again.store.load('PAY-NONE'))).toBeUndefined()
      } finally {
        again.close()
      }
    })

    it('refuses a page size SQLite does not allow, naming pageSize, before it creates anything', () => {
      const { filename, remove } = tempDatabase()
      onTestFinished(remove)
      for (const pageSize of [1000, 256, 131_072, 1536.5]) {
        const message = `pageSize must be a power of two from 512 to 65536, got ${pageSize}`
        expect(() => openSqliteStore({ filename, pageSize })).toThrow(new RangeError(message))
        expect(() => sqliteStoreLayer({ filename, pageSize })).toThrow(new RangeError(message))
      }
      expect(existsSync(filename)).toBe(false)
      expect(Layer.isLayer(sqliteStoreLayer({ filename, pageSize: 512 }))).toBe(true)
    })
  })
