import type { Migration } from './migrations.js'
import type { DurableObjectStorage } from './workers-types.js'

const hasTable = (storage: DurableObjectStorage, name: string): boolean =>
  storage.sql.exec("SELECT 1 AS found FROM sqlite_master WHERE type = 'table' AND name = ?", name).toArray().length > 0

/** The highest migration applied to this object, 0 when it has no schema yet. */
export const schemaVersion = (storage: DurableObjectStorage): number => {
  if (!hasTable(storage, 'paychart_schema')) return 0
  return (
    storage.sql.exec<{ version: number | null }>('SELECT MAX(version) AS version FROM paychart_schema').one().version ??
    0
  )
}

/** Applies the pending migrations, each in its own transaction, and records them. */
export const migrate = (storage: DurableObjectStorage, migrations: ReadonlyArray<Migration>, now: number): void => {
  const current = schemaVersion(storage)
  for (const migration of migrations) {
    if (migration.version <= current) continue
    storage.transactionSync(() => {
      storage.sql.exec(
        'CREATE TABLE IF NOT EXISTS paychart_schema (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)',
      )
      storage.sql.exec(migration.sql)
      storage.sql.exec(
        'INSERT INTO paychart_schema (version, name, applied_at) VALUES (?, ?, ?)',
        migration.version,
        migration.name,
        now,
      )
    })
  }
}
