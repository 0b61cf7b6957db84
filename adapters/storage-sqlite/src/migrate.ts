import type { SqliteConnection } from './driver/connection.js'
import { SchemaTooNew } from './errors.js'
import { type Migration, migrations } from './migrations.js'

const CREATE_LEDGER = `
  CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at INTEGER NOT NULL
  )`

const currentVersion = (db: SqliteConnection): number =>
  (db.prepare('SELECT coalesce(max(version), 0) AS version FROM schema_migrations').get() as { version: number })
    .version

/**
 * Brings the schema up to `latestVersion`, one migration per immediate transaction, each re-checked inside its
 * transaction so that processes opening the same file at once apply it once. Throws `SchemaTooNew` when the file
 * was migrated past what this code knows.
 */
export const migrate = (
  db: SqliteConnection,
  filename: string,
  now: () => number,
  steps: ReadonlyArray<Migration> = migrations,
): ReadonlyArray<number> => {
  db.transaction(() => db.exec(CREATE_LEDGER)).immediate()
  const supported = steps.reduce((latest, m) => Math.max(latest, m.version), 0)
  const found = currentVersion(db)
  if (found > supported) {
    throw new SchemaTooNew({ filename, databaseVersion: found, supportedVersion: supported })
  }
  const applied: number[] = []
  const isApplied = db.prepare('SELECT 1 FROM schema_migrations WHERE version = ?')
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)')
  for (const step of [...steps].sort((a, b) => a.version - b.version)) {
    const apply = db.transaction(() => {
      if (isApplied.get(step.version) !== undefined) return
      db.exec(step.sql)
      record.run(step.version, step.name, now())
      applied.push(step.version)
    })
    apply.immediate()
  }
  return applied
}
