import { describe, expect, it } from 'vitest'
import { useSqliteStore } from './sqlite.fixtures.js'

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
  })
