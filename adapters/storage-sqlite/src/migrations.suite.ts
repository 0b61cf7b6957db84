import { cardFlow } from '@paychart/testkit/store-conformance'
import * as Effect from 'effect/Effect'
import * as Layer from 'effect/Layer'
import { describe, expect, it, onTestFinished } from 'vitest'
import type { SqliteConnection } from './driver/connection.js'
import { SchemaTooNew } from './errors.js'
import { migrate } from './migrate.js'
import { latestVersion, type Migration, migrations } from './migrations.js'
import { tempDatabase, useConnection } from './sqlite.fixtures.js'

import { openSqliteStore, sqliteStoreLayer } from './sqlite-store.js'

const useTemp = () => {
  const temp = tempDatabase()
  onTestFinished(temp.remove)
  return temp
}

const ledger = (db: SqliteConnection) =>
  db.prepare('SELECT version, name, applied_at FROM schema_migrations ORDER BY version').all() as Array<{
    version: number
    name: string
    applied_at: number
  }>

const schema = (db: SqliteConnection) =>
  db.prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name").all()

const first = migrations.filter((m) => m.version === 1)

export const migrationTests = () =>
  describe('migrations', () => {
    it('applies every migration to a fresh file, each recorded in schema_migrations', () => {
      const { filename } = useTemp()
      const before = Date.now()
      openSqliteStore({ filename }).close()
      const db = useConnection(filename)
      expect(latestVersion).toBe(migrations.length)
      expect(ledger(db).map((row) => [row.version, row.name])).toEqual(migrations.map((m) => [m.version, m.name]))
      for (const row of ledger(db)) expect(row.applied_at).toBeGreaterThanOrEqual(before)
      const tables = (schema(db) as Array<{ type: string; name: string }>).filter((t) => t.type === 'table')
      expect(tables.map((t) => t.name)).toEqual([
        'events',
        'notifications',
        'outbox',
        'payments',
        'schema_migrations',
        'timers',
        'unmatched_notifications',
      ])
    })

    it('re-opens a migrated file without applying anything again, its data intact', async () => {
      const { filename } = useTemp()
      const opened = openSqliteStore({ filename })
      await Effect.runPromise(opened.store.create(cardFlow('PAY-MG-1').payment))
      opened.close()
      const db = useConnection(filename)
      const [ledgerBefore, schemaBefore] = [ledger(db), schema(db)]
      for (let i = 0; i < 3; i++) openSqliteStore({ filename }).close()
      expect(ledger(db)).toEqual(ledgerBefore)
      expect(schema(db)).toEqual(schemaBefore)
      const again = openSqliteStore({ filename })
      onTestFinished(again.close)
      expect(await Effect.runPromise(again.store.load('PAY-MG-1'))).toMatchObject({ version: 1, state: 'draft' })
    })

    it('applies only the migrations a file lacks, in order, and a failing one not at all', () => {
      const { filename } = useTemp()
      const db = useConnection(filename)
      expect(migrate(db, filename, () => 1, first)).toEqual([1])
      const second: Migration = { version: 2, name: 'add a column', sql: 'ALTER TABLE payments ADD COLUMN note TEXT' }
      const broken: Migration = {
        version: 3,
        name: 'half of it would apply',
        sql: 'CREATE TABLE written_first (x); CREATE TABLE payments (x)',
      }
      expect(() => migrate(db, filename, () => 2, [...first, broken, second])).toThrow(/already exists/)
      expect(ledger(db).map((row) => [row.version, row.applied_at])).toEqual([
        [1, 1],
        [2, 2],
      ])
      expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'written_first'").all()).toEqual([])
      expect(migrate(db, filename, () => 3, [second, ...first])).toEqual([])
    })

    it('refuses a file written by a newer version with SchemaTooNew, naming both versions, and leaves it alone', async () => {
      const { filename } = useTemp()
      openSqliteStore({ filename }).close()
      const db = useConnection(filename)
      const future = latestVersion + 1
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(future, 'next', 9)
      const before = [ledger(db), schema(db)]
      const refusal = (() => {
        try {
          openSqliteStore({ filename })
        } catch (error) {
          return error
        }
      })()
      expect(refusal).toBeInstanceOf(SchemaTooNew)
      expect(refusal).toMatchObject({ databaseVersion: future, supportedVersion: latestVersion, filename })
      expect(String((refusal as SchemaTooNew).message)).toContain(`schema version ${future}`)
      expect(String((refusal as SchemaTooNew).message)).toContain(`up to ${latestVersion}`)
      expect([ledger(db), schema(db)]).toEqual(before)
      const built = await Effect.runPromise(
        Effect.flip(Layer.build(sqliteStoreLayer({ filename })).pipe(Effect.scoped)),
      )
      expect(built).toMatchObject({ _tag: 'SchemaTooNew', databaseVersion: future })
    })
  })
