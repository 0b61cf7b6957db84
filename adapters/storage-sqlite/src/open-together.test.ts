import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { cardFlow } from '@paychart/testkit/store-conformance'
import * as Effect from 'effect/Effect'
import { describe, expect, it, onTestFinished } from 'vitest'
import { PACKAGE_ROOT } from './runtime-binary.fixtures.js'
import { tempDatabase } from './sqlite.fixtures.js'
import { openSqliteStore } from './sqlite-store.js'

const HOLD_MS = 300

/** Another process writing a new file before it is in WAL mode: what a process creating the store does for a moment. */
const HOLDER = `
  const Database = require('better-sqlite3')
  const db = new Database(process.argv[1])
  db.exec('BEGIN IMMEDIATE; CREATE TABLE held (x)')
  console.log('holding')
  setTimeout(() => { db.exec('COMMIT'); db.close() }, ${HOLD_MS})
`

// Opening a store switches its file to WAL. SQLite refuses that switch at once, without waiting out the busy timeout,
// while another connection holds the write lock of a file still in rollback mode: several processes opening one new
// store at the same moment (a cluster starting) could fail with SQLITE_BUSY. The benchmark's four writers did, once.
describe('opening a new store file another process is writing', () => {
  it('waits for the lock (within the busy timeout), then opens in WAL mode and works', async () => {
    const temp = tempDatabase()
    onTestFinished(temp.remove)
    const holder = spawn(process.execPath, ['-e', HOLDER, temp.filename], {
      cwd: PACKAGE_ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    await once(holder.stdout, 'data')
    const started = performance.now()
    const opened = openSqliteStore({ filename: temp.filename, busyTimeoutMs: 5_000 })
    onTestFinished(opened.close)
    expect(performance.now() - started).toBeGreaterThanOrEqual(HOLD_MS / 2)
    expect(opened.database.pragma('journal_mode')).toBe('wal')
    const flow = cardFlow('PAY-OPEN-1')
    expect(await Effect.runPromise(opened.store.create(flow.payment))).toMatchObject({ version: 1 })
    await once(holder, 'exit')
  })
})
