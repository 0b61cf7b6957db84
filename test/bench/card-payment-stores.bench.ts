import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Figure, figure, opsPerSecondNextTo } from '@paychart/bench-kit'
import { createPaychart, type ExecutableCommand, Gateway, type Money, type PaymentStore } from '@paychart/core'
import type { PaymentEvent } from '@paychart/core/machine'
import { makePostgresStore } from '@paychart/storage-postgres'
import { openSqliteStore } from '@paychart/storage-sqlite'
import Database from 'better-sqlite3'
import * as Effect from 'effect/Effect'
import * as Layer from 'effect/Layer'
import pg from 'pg'
import { DATABASE_URL, postgresReachable } from './postgres.js'

// A whole card payment, as a merchant's server lives it: create and pay (authorized for manual capture), the
// gateway's PAYMENT_RESULT notification, the capture, and its CAPTURE_RESULT notification. paychart's engine over
// a store, next to the statements a merchant would write by hand for the same steps on the same database: the
// payment row before the pay call and its answer after, each notification inserted with its update in one
// transaction, the capture recorded before its call and its answer after. The gateway answers at once on both sides.

const ok = { resultStatus: 'S', resultCode: 'SUCCESS', resultMessage: 'success.' } as const
const USD = (minor: number): Money => ({ currency: 'USD', minor })

const answer = (command: ExecutableCommand, at: number): PaymentEvent => {
  if (command.kind === 'pay') {
    return { type: 'PAY_ANSWERED', at, result: ok, paymentId: `P-${command.paymentRequestId}`, amount: USD(2400) }
  }
  if (command.kind === 'capture') {
    return { type: 'CAPTURE_ANSWERED', at, captureRequestId: command.captureRequestId, result: ok }
  }
  throw new Error(`the bench's gateway is not asked ${command.kind}`)
}

const gateway = Layer.succeed(Gateway, {
  execute: (command) => Effect.sync(() => answer(command, Date.now())),
})

/** One whole payment through paychart over `store`, under a fresh id per call. */
const paychartPayments = (store: Layer.Layer<PaymentStore>, tag: string) => {
  const paychart = createPaychart({ gateway, store, relay: false })
  let n = 0
  const one = async () => {
    const id = `CARD-${tag}-${++n}`
    const paymentId = `P-${id}`
    const created = await paychart.createPayment(
      { paymentRequestId: id, amount: USD(2400), paymentMethodType: 'CARD', captureMode: 'MANUAL' },
      { card: { cardNo: '4054695723100768', cvv: '123', expiryMonth: '12', expiryYear: '30' } },
    )
    if (created.state !== 'authorized') throw new Error(`${id}: ${created.state} after the pay`)
    await paychart.handleNotification(
      {
        type: 'PAYMENT_NOTIFIED',
        at: Date.now(),
        notifyType: 'PAYMENT_RESULT',
        result: ok,
        paymentId,
        paymentRequestId: id,
      },
      { notificationKey: `PAYMENT_RESULT:${id}:${paymentId}` },
    )
    const capturing = await paychart.capture(id)
    const captureRequestId = capturing.capture?.captureRequestId ?? `${id}-capture`
    await paychart.handleNotification(
      {
        type: 'CAPTURE_NOTIFIED',
        at: Date.now(),
        captureRequestId,
        result: ok,
        amount: USD(2400),
        paymentId,
        paymentRequestId: id,
      },
      { notificationKey: `CAPTURE_RESULT:${captureRequestId}:${paymentId}` },
    )
    const captured = await paychart.status(id)
    if (captured.state !== 'captured') throw new Error(`${id}: ${captured.state} after the capture notification`)
    return 1
  }
  return { one, close: () => paychart.close() }
}

/** The merchant's own tables for the same steps. */
const HAND_SCHEMA = `
  CREATE TABLE shop_payments (id TEXT PRIMARY KEY, state TEXT NOT NULL, amount INTEGER NOT NULL, currency TEXT NOT NULL,
    payment_id TEXT, captured INTEGER NOT NULL DEFAULT 0, updated_at BIGINT NOT NULL);
  CREATE TABLE shop_notifications (notification_key TEXT PRIMARY KEY, payment_request_id TEXT NOT NULL, body TEXT NOT NULL);`

type Statement = readonly [text: string, values: ReadonlyArray<unknown>]

/** The transactions of one hand-written payment, in order: each a list of statements run together. */
const handWrittenSteps = (id: string): ReadonlyArray<ReadonlyArray<Statement>> => {
  const now = Date.now()
  const paymentId = `P-${id}`
  const notified = (type: string, state: string): ReadonlyArray<Statement> => [
    [
      'INSERT INTO shop_notifications (notification_key, payment_request_id, body) VALUES ($1, $2, $3)',
      [`${type}:${id}`, id, JSON.stringify({ notifyType: type, paymentRequestId: id, paymentId, result: ok })],
    ],
    ['UPDATE shop_payments SET state = $1, updated_at = $2 WHERE id = $3', [state, now, id]],
  ]
  return [
    [
      [
        "INSERT INTO shop_payments (id, state, amount, currency, updated_at) VALUES ($1, 'paying', 2400, 'USD', $2)",
        [id, now],
      ],
    ],
    [
      [
        "UPDATE shop_payments SET state = 'authorized', payment_id = $1, updated_at = $2 WHERE id = $3",
        [paymentId, now, id],
      ],
    ],
    notified('PAYMENT_RESULT', 'authorized'),
    [["UPDATE shop_payments SET state = 'capturing', updated_at = $1 WHERE id = $2", [now, id]]],
    [['UPDATE shop_payments SET captured = 2400, updated_at = $1 WHERE id = $2', [now, id]]],
    notified('CAPTURE_RESULT', 'captured'),
  ]
}

const sqliteText = (text: string) => text.replace(/\$\d+/g, '?')

const paymentsFigure = (store: string, value: number, baselineValue: number) =>
  figure(
    `whole card payment (create, pay, notification, capture, notification) on ${store}, one at a time`,
    value,
    'payments/s',
    'the same steps as hand-written statements, one transaction each',
    baselineValue,
  )

export const cardPaymentFigures = async (): Promise<ReadonlyArray<Figure>> => {
  const figures: Figure[] = []
  const dir = mkdtempSync(join(tmpdir(), 'paychart-card-bench-'))
  try {
    const sqlite = openSqliteStore({ filename: join(dir, 'store.db'), synchronous: 'FULL' })
    const ours = paychartPayments(sqlite.layer, 'S')
    const plain = new Database(join(dir, 'plain.db'))
    plain.pragma('journal_mode = WAL')
    plain.pragma('synchronous = FULL')
    plain.exec(HAND_SCHEMA)
    const prepared = new Map<string, Database.Statement>()
    const run = (text: string, values: ReadonlyArray<unknown>) => {
      const sql = sqliteText(text)
      const statement = prepared.get(sql) ?? plain.prepare(sql)
      prepared.set(sql, statement)
      statement.run(...values)
    }
    const transaction = plain.transaction((statements: ReadonlyArray<Statement>) => {
      for (const [text, values] of statements) run(text, values)
    })
    let n = 0
    const theirs = async () => {
      for (const step of handWrittenSteps(`HAND-S-${++n}`)) transaction.immediate(step)
      return 1
    }
    const sqliteRates = await opsPerSecondNextTo(ours.one, theirs, { millis: 600, rounds: 5 })
    figures.push(paymentsFigure('SQLite (WAL, synchronous FULL)', sqliteRates.value, sqliteRates.baselineValue))
    await ours.close()
    sqlite.close()
    plain.close()

    const url = DATABASE_URL
    if (!(await postgresReachable(url))) {
      console.warn(`whole card payment on Postgres: skipped, ${url} is not reachable`)
      return figures
    }
    const schema = `card_bench_${process.pid}`
    const store = await makePostgresStore({ connectionString: url, schema, maxConnections: 10 })
    const pgOurs = paychartPayments(store.layer, 'P')
    const pool = new pg.Pool({ connectionString: url, max: 10, options: `-c search_path=${schema}` })
    await pool.query(HAND_SCHEMA)
    let m = 0
    const pgTheirs = async () => {
      for (const step of handWrittenSteps(`HAND-P-${++m}`)) {
        if (step.length === 1) {
          const [[text, values]] = step as [Statement]
          await pool.query(text, [...values])
          continue
        }
        const client = await pool.connect()
        try {
          await client.query('BEGIN')
          for (const [text, values] of step) await client.query(text, [...values])
          await client.query('COMMIT')
        } finally {
          client.release()
        }
      }
      return 1
    }
    const pgRates = await opsPerSecondNextTo(pgOurs.one, pgTheirs, { millis: 600, rounds: 5 })
    figures.push(paymentsFigure('Postgres (pool of 10)', pgRates.value, pgRates.baselineValue))
    await pgOurs.close()
    await pool.query(`DROP SCHEMA ${schema} CASCADE`)
    await pool.end()
    await store.close()
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  return figures
}
