import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createPaychart, Gateway, makeMemoryStore, type PaymentStore } from '@paychart/core'
import { makePostgresStore } from '@paychart/storage-postgres'
import { openSqliteStore } from '@paychart/storage-sqlite'
import { Effect, Layer } from 'effect'
import fc from 'fast-check'
import pg from 'pg'
import { afterAll, describe } from 'vitest'
import { DATABASE_URL, freshSchemaName, withPostgres } from '../support/postgres.js'

interface OpenedStore {
  readonly layer: Layer.Layer<PaymentStore>
  readonly close: () => Promise<void>
}

export type Paychart = ReturnType<typeof createPaychart>
/** Runs `use` with a paychart over a fresh store (the waiting gateway, no relay), then closes both. */
export type WithPaychart = (use: (paychart: Paychart) => Promise<void>) => Promise<void>

const withPaychartOver =
  (open: () => Promise<OpenedStore>): WithPaychart =>
  async (use) => {
    const opened = await open()
    const paychart = createPaychart({ gateway: waitingGateway, store: opened.layer, relay: false })
    try {
      await use(paychart)
    } finally {
      await paychart.close()
      await opened.close()
    }
  }

/** Registers `tests` once per store (memory, SQLite, Postgres), each given a paychart over a fresh one and its name. */
export const forEveryStore = (name: string, tests: (withPaychart: WithPaychart, store: string) => void) => {
  const each = (open: () => Promise<OpenedStore>, store: string) => tests(withPaychartOver(open), store)
  describe(`${name}: memory store`, () =>
    each(async () => ({ layer: makeMemoryStore().layer, close: async () => {} }), 'memory'))

  describe(`${name}: SQLite store`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'paychart-stores-'))
    afterAll(() => rmSync(dir, { recursive: true, force: true }))
    let files = 0
    each(async () => {
      const sqlite = openSqliteStore({ filename: join(dir, `store-${++files}.db`) })
      return { layer: sqlite.layer, close: async () => sqlite.close() }
    }, 'sqlite')
  })

  withPostgres(`${name}: Postgres store`, () =>
    each(async () => {
      const schema = freshSchemaName('pc_stores')
      const store = await makePostgresStore({ connectionString: DATABASE_URL, schema })
      return {
        layer: store.layer,
        close: async () => {
          await store.close()
          const pool = new pg.Pool({ connectionString: DATABASE_URL })
          await pool.query(`DROP SCHEMA ${schema} CASCADE`)
          await pool.end()
        },
      }
    }, 'postgres'),
  )
}

/** A gateway that leaves every wallet pay waiting for its buyer: what settles it is the notification. */
const waitingGateway = Layer.succeed(Gateway, {
  execute: (command) =>
    Effect.succeed({
      type: 'PAY_ANSWERED' as const,
      at: Date.now(),
      result: { resultStatus: 'U' as const, resultCode: 'PAYMENT_IN_PROCESS' },
      paymentId: `P-${command.kind === 'pay' ? command.paymentRequestId : 'other'}`,
      nextAction: { kind: 'redirect' as const, url: 'https://wallet.example/pay' },
    }),
})

/** The seed of a property, printed so that a failure replays with `FC_SEED=<seed>`. */
export const seeded = (what: string, runs: number) => {
  const seed = process.env.FC_SEED === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(process.env.FC_SEED)
  console.info(`[property] ${what}: seed=${seed} runs=${runs} (replay with FC_SEED=${seed})`)
  return { seed, numRuns: runs }
}

/** Any UTF-16 code unit, the awkward ones often: U+0000, and both halves of a surrogate pair on their own. */
export const codeUnit = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom('\u0000', '\uD83C', '\uDF75', '\uD83C\uDF75', '"', '\\') },
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit)) },
)
