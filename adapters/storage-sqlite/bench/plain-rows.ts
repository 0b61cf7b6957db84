import type { Commit } from '@paychart/core/store'
import type { SqliteConnection } from '../src/driver/connection.js'

/** What a commit writes, as text: the snapshot, the event log line and the outbox items. */
export const bytesOf = (commit: Commit): string =>
  JSON.stringify(commit.snapshot) + JSON.stringify(commit.event) + JSON.stringify(commit.outbox)

/** The baseline: one plain INSERT of a row per immediate transaction, on a connection with the store's settings. */
export const plainInserter = (db: SqliteConnection) => {
  db.exec(
    'CREATE TABLE IF NOT EXISTS rows (id INTEGER PRIMARY KEY, payment_request_id TEXT NOT NULL, body TEXT NOT NULL)',
  )
  const insert = db.prepare('INSERT INTO rows (payment_request_id, body) VALUES (?, ?)')
  const insertOne = db.transaction((id: string, body: string) => insert.run(id, body))
  return (id: string, body: string) => insertOne.immediate(id, body)
}
