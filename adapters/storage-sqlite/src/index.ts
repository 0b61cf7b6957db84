export type {
  SqliteConnection,
  SqliteDriverName,
  SqliteStatement,
  SqliteTransaction,
} from './driver/connection.js'
export { defaultDriver } from './driver/open-driver.js'
export { SchemaTooNew } from './errors.js'
export { type Migration, migrations } from './migrations.js'
export type { SqliteStoreOptions } from './options.js'
export { openSqliteStore, type SqliteStore, sqliteStoreLayer } from './sqlite-store.js'
