import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { RawReader, StoreUnderTest } from '@paychart/testkit/store-conformance'
import { onTestFinished } from 'vitest'
import type { SqliteConnection } from './driver/connection.js'
import { openDriver } from './driver/open-driver.js'
import type { SqliteStoreOptions } from './options.js'
import { openSqliteStore, type SqliteStore } from './sqlite-store.js'

/** A fresh directory with a database path in it; `remove` deletes the directory and whatever SQLite left there. */
export const tempDatabase = () => {
  const dir = mkdtempSync(join(tmpdir(), 'paychart-sqlite-'))
  return { dir, filename: join(dir, 'payments.db'), remove: () => rmSync(dir, { recursive: true, force: true }) }
}

interface Lease {
  readonly lease_owner: string | null
  readonly lease_until: number | null
}

const lease = (row: Lease) =>
  row.lease_owner === null || row.lease_until === null
    ? {}
    : { leaseOwner: row.lease_owner, leaseUntil: row.lease_until }

const present = <K extends string>(key: K, value: string | null) => (value === null ? {} : { [key]: value })

/** Every row of every table, ordered by all its columns, as JSON lines: `table` then its rows. */
export const dumpDatabase = (db: SqliteConnection): string => {
  const names = (query: string, ...params: unknown[]) =>
    db
      .prepare<unknown[], { name: string }>(query)
      .all(...params)
      .map((row) => row.name)
  return names("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    .map((table) => {
      const columns = names('SELECT name FROM pragma_table_info(?) ORDER BY cid', table).map((c) => `"${c}"`)
      const rows = db.prepare(`SELECT * FROM "${table}" ORDER BY ${columns.join(', ')}`).all()
      return `${table}\n${rows.map((row) => JSON.stringify(row)).join('\n')}`
    })
    .join('\n')
}

/**
 * What the store wrote, read with its own SQL over its own read-only connection, never through the store. The
 * connection comes from the runtime's driver (better-sqlite3 on Node), so the reader runs wherever the store does.
 */
export const sqliteRawReader = (filename: string): { readonly raw: RawReader; readonly close: () => void } => {
  const db = openDriver({ filename, busyTimeoutMs: 5_000, readonly: true })
  const keys = (query: string) =>
    db
      .prepare<[], { key: string }>(query)
      .all()
      .map((row) => row.key)
  const raw: RawReader = {
    payment: (id) => {
      const row = db
        .prepare(
          `SELECT version, state, snapshot, merchant_reference, payment_id, payment_session_id, created_at, updated_at
           FROM payments WHERE payment_request_id = ?`,
        )
        .get(id) as
        | {
            version: number
            state: never
            snapshot: string
            merchant_reference: string | null
            payment_id: string | null
            payment_session_id: string | null
            created_at: number
            updated_at: number
          }
        | undefined
      if (row === undefined) return undefined
      return {
        version: row.version,
        state: row.state,
        snapshotJson: row.snapshot,
        ...present('merchantReference', row.merchant_reference),
        ...present('paymentId', row.payment_id),
        ...present('paymentSessionId', row.payment_session_id),
        createdAt: row.created_at,
        updatedAt: row.updated_at,
      }
    },
    outbox: () =>
      (
        db.prepare('SELECT * FROM outbox').all() as ReadonlyArray<
          Lease & { command_id: string; payment_request_id: string; done: number; attempts: number; created_at: number }
        >
      ).map((row) => ({
        commandId: row.command_id,
        paymentRequestId: row.payment_request_id,
        done: row.done === 1,
        attempts: row.attempts,
        createdAt: row.created_at,
        ...lease(row),
      })),
    timers: () =>
      (
        db.prepare('SELECT * FROM timers').all() as ReadonlyArray<
          Lease & { payment_request_id: string; timer: never; due_at: number }
        >
      ).map((row) => ({
        paymentRequestId: row.payment_request_id,
        timer: row.timer,
        dueAt: row.due_at,
        ...lease(row),
      })),
    events: (id) =>
      (
        db
          .prepare('SELECT version, from_state, to_state, event FROM events WHERE payment_request_id = ?')
          .all(id) as ReadonlyArray<{ version: number; from_state: never; to_state: never; event: string }>
      ).map((row) => ({ version: row.version, from: row.from_state, to: row.to_state, eventJson: row.event })),
    notifications: () => [
      ...keys('SELECT key FROM notifications').map((key) => ({
        key,
        unmatched: false,
      })),
      ...keys('SELECT key FROM unmatched_notifications').map((key) => ({
        key,
        unmatched: true,
      })),
    ],
    dump: () => dumpDatabase(db),
  }
  return { raw, close: () => db.close() }
}

/** A store under test that also says where it lives: its file and its connection. */
export interface SqliteUnderTest extends StoreUnderTest {
  readonly filename: string
  readonly opened: SqliteStore
  readonly cleanup: () => Promise<void>
}

/** A fresh store in a temp file for one conformance test, a second client over the same file on demand. */
export const makeSqliteUnderTest = async (
  options: Omit<SqliteStoreOptions, 'filename'> = {},
): Promise<SqliteUnderTest> => {
  const temp = tempDatabase()
  const opened = openSqliteStore({ ...options, filename: temp.filename })
  const reader = sqliteRawReader(temp.filename)
  const others: Array<() => void> = []
  return {
    filename: temp.filename,
    opened,
    store: opened.store,
    raw: reader.raw,
    settle: async () => opened.flushCompletions(),
    makeSecondClient: async () => {
      const second = openSqliteStore({ ...options, filename: temp.filename })
      others.push(second.close)
      return { store: second.store, cleanup: async () => second.close() }
    },
    cleanup: async () => {
      for (const close of others) close()
      reader.close()
      opened.close()
      temp.remove()
    },
  }
}

/** `makeSqliteUnderTest`, cleaned up when the current test ends. */
export const useSqliteStore = async (options: Omit<SqliteStoreOptions, 'filename'> = {}) => {
  const made = await makeSqliteUnderTest(options)
  onTestFinished(made.cleanup)
  return made
}

/**
 * Another connection to a store's file, through the driver seam (better-sqlite3 on Node, the runtime's own SQLite
 * under Bun and Deno) but not through the store, closed when the current test ends.
 */
export const useConnection = (filename: string, options: { readonly readonly?: boolean } = {}): SqliteConnection => {
  const db = openDriver({ filename, busyTimeoutMs: 5_000, ...options })
  onTestFinished(db.close)
  return db
}
