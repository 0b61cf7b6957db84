export { SchemaTooNew } from './errors.js'
export { LATEST_VERSION, MIGRATIONS, type Migration } from './migrations.js'
export { makePostgresStore, type PostgresStore, type PostgresStoreOptions } from './postgres-store.js'
