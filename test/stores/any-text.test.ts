import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createPaychart, Gateway, makeMemoryStore, type PaymentStore } from '@paychart/core'
import { makePostgresStore } from '@paychart/storage-postgres'
import { openSqliteStore } from '@paychart/storage-sqlite'
import { Effect, Layer } from 'effect'
import fc from 'fast-check'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { DATABASE_URL, freshSchemaName, withPostgres } from '../support/postgres.js'

// Whatever text a merchant puts in a payment, every store either keeps the payment or none does: the input is refused
// as PaymentInputInvalid naming the field, never a StoreUnavailable from one store's column types.

const RUNS = 60
const seed = process.env.FC_SEED === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(process.env.FC_SEED)

/** Any UTF-16 code unit, the awkward ones often: U+0000, and both halves of a surrogate pair on their own. */
const codeUnit = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom('\u0000', '\uD83C', '\uDF75', '\uD83C\uDF75', '"', '\\') },
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit)) },
)
const text = fc.array(codeUnit, { maxLength: 12 }).map((units) => units.join(''))
const details = fc.record({ description: text, goods: fc.array(text, { maxLength: 2 }), key: text })

/** The field holding the first unstorable text, as the input names it; undefined when there is none. */
const badField = (d: { description: string; goods: ReadonlyArray<string>; key: string }): string | undefined => {
  const bad = (s: string) => {
    if (s.includes('\u0000')) return true
    try {
      encodeURIComponent(s) // throws on half a surrogate pair
      return false
    } catch {
      return true
    }
  }
  if (bad(d.description)) return 'requestDetails.order.orderDescription'
  const goods = d.goods.findIndex(bad)
  if (goods !== -1) return `requestDetails.order.goods[${goods}].goodsName`
  if (bad(d.key)) return `requestDetails.extendInfo.${d.key}`
  return undefined
}

const waitingGateway = Layer.succeed(Gateway, {
  execute: () =>
    Effect.succeed({
      type: 'PAY_ANSWERED' as const,
      at: Date.now(),
      result: { resultStatus: 'U' as const, resultCode: 'PAYMENT_IN_PROCESS' },
      paymentId: 'P-ANY-TEXT',
      nextAction: { kind: 'redirect' as const, url: 'https://wallet.example/pay' },
    }),
})

const keepsOrNames = async (store: Layer.Layer<PaymentStore>, tag: string) => {
  const paychart = createPaychart({ gateway: waitingGateway, store, relay: false })
  let n = 0
  console.info(`[property] any text in a payment, ${tag}: seed=${seed} runs=${RUNS} (replay with FC_SEED=${seed})`)
  try {
    await fc.assert(
      fc.asyncProperty(details, async (d) => {
        n += 1
        const paymentRequestId = `TEXT-${tag}-${n}`
        const input = {
          paymentRequestId,
          amount: { currency: 'USD' as const, minor: 100 },
          paymentMethodType: 'ALIPAY_CN',
          requestDetails: {
            order: { orderDescription: d.description, goods: d.goods.map((goodsName) => ({ goodsName })) },
            extendInfo: { [d.key]: 'x' },
          },
        }
        const field = badField(d)
        const outcome = await paychart.createPayment(input).then(
          (status) => ({ created: status.paymentRequestId }),
          (error: unknown) => ({ error }),
        )
        if (field === undefined) expect(outcome).toEqual({ created: paymentRequestId })
        else expect(outcome).toMatchObject({ error: { _tag: 'PaymentInputInvalid', paymentRequestId, field } })
      }),
      { seed, numRuns: RUNS },
    )
  } finally {
    await paychart.close()
  }
}

describe('any text in a payment', () => {
  const dir = mkdtempSync(join(tmpdir(), 'paychart-any-text-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('is kept, or refused naming its field, by the memory store', async () => {
    await keepsOrNames(makeMemoryStore().layer, 'memory')
  })

  it('is kept, or refused naming its field, by the SQLite store', async () => {
    const sqlite = openSqliteStore({ filename: join(dir, 'text.db') })
    try {
      await keepsOrNames(sqlite.layer, 'sqlite')
    } finally {
      sqlite.close()
    }
  })
})

withPostgres('any text in a payment, on Postgres', () => {
  it('is kept, or refused naming its field, by the Postgres store', async () => {
    const schema = freshSchemaName('pc_text')
    const store = await makePostgresStore({ connectionString: DATABASE_URL, schema })
    try {
      await keepsOrNames(store.layer, 'postgres')
    } finally {
      await store.close()
      const pool = new pg.Pool({ connectionString: DATABASE_URL })
      await pool.query(`DROP SCHEMA ${schema} CASCADE`)
      await pool.end()
    }
  })
})
