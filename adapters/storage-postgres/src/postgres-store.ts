import { PaymentStore } from '@paychart/core'
import type { PaymentStoreShape } from '@paychart/core/store'
import * as Layer from 'effect/Layer'
import { escapeIdentifier, Pool } from 'pg'
import { SchemaTooNew, unavailable } from './errors.js'
import { migrate } from './migrate.js'
import { postgresPaymentStore } from './postgres-payment-store.js'
import { statementsFor } from './statements.js'

export interface PostgresStoreOptions {
  /** Your pool: the store uses it and leaves it open on `close()`. */
  readonly pool?: Pool
  /** Used when no `pool` is given; without either, pg reads the PG* environment variables. */
  readonly connectionString?: string
  /** The schema holding the tables (default `paychart`); created and migrated on open. */
  readonly schema?: string
  /** Connections in the pool the store creates (default 10). */
  readonly maxConnections?: number
  /**
   * How old (by `createdAt`) a command must be before `claimCommands` hands it to a relay; default 0, at once. With
   * several instances, set it to a second or two: the instance that committed a card `pay` runs it inline with the
   * card data only it holds in memory, and a relay elsewhere taking it first would have to reconcile instead.
   * `claimCommand` (the inline claim) ignores it.
   */
  readonly claimAfterMs?: number
  /**
   * How long a completion (`completeCommand`) waits for the next commit to carry it before it is written in a
   * statement of its own, in milliseconds (default 10). Riding saves a round trip and a transaction per delivery; one
   * lost in a crash only runs its item again.
   */
  readonly completionRideMs?: number
}

export interface PostgresStore {
  readonly store: PaymentStoreShape
  readonly layer: Layer.Layer<PaymentStore>
  readonly pool: Pool
  readonly schema: string
  /** Writes now the completions waiting for a commit to carry them. */
  readonly flushCompletions: () => Promise<void>
  /** Writes the held completions, then ends the pool if the store created it; a pool you passed stays open. */
  readonly close: () => Promise<void>
}

const MAX_IDENTIFIER_BYTES = 63

const checkMilliseconds = (name: string, value: number) => {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a whole number of milliseconds >= 0, not ${value}`)
  }
}

const checkSchemaName = (schema: string) => {
  const bytes = Buffer.byteLength(schema)
  if (bytes === 0 || bytes > MAX_IDENTIFIER_BYTES || schema.includes('\u0000')) {
    throw new TypeError(`schema must be 1 to ${MAX_IDENTIFIER_BYTES} bytes without NUL, not ${JSON.stringify(schema)}`)
  }
}

/**
 * Opens a `PaymentStore` on Postgres: migrates `schema` to this release's version first (under an advisory lock, so
 * instances starting together take turns). Rejects with `SchemaTooNew` when a newer release migrated the schema, and
 * with `StoreUnavailable` when the database cannot be reached.
 */
export const makePostgresStore = async (options: PostgresStoreOptions = {}): Promise<PostgresStore> => {
  const schema = options.schema ?? 'paychart'
  checkSchemaName(schema)
  const claimAfterMs = options.claimAfterMs ?? 0
  checkMilliseconds('claimAfterMs', claimAfterMs)
  const completionRideMs = options.completionRideMs ?? 10
  checkMilliseconds('completionRideMs', completionRideMs)
  const owned = options.pool === undefined
  const pool =
    options.pool ??
    new Pool({
      max: options.maxConnections ?? 10,
      ...(options.connectionString === undefined ? {} : { connectionString: options.connectionString }),
    })
  // A pooled connection that drops while idle is reported here; unheard, it would crash the process. The next
  // query on a fresh connection succeeds or fails with StoreUnavailable.
  if (owned) pool.on('error', () => {})
  const quoted = escapeIdentifier(schema)
  try {
    await migrate(pool, schema, quoted)
  } catch (error) {
    if (owned) await pool.end()
    throw error instanceof SchemaTooNew ? error : unavailable('migrate', error)
  }
  const { store, flushCompletions, closeCompletions } = postgresPaymentStore(pool, statementsFor(quoted), {
    claimAfterMs,
    completionRideMs,
  })
  let closed = false
  return {
    store,
    layer: Layer.succeed(PaymentStore, store),
    pool,
    schema,
    flushCompletions,
    close: async () => {
      if (closed) return
      closed = true
      // Not written: their items only run again, as after a crash.
      await closeCompletions().catch(() => {})
      if (owned) await pool.end()
    },
  }
}
