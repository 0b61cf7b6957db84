import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { importPrivateKey, importPublicKey, notificationKeyOfBody, signRequest } from '@paychart/antom'
import { type Figure, figure, opsPerSecondInPairedChunks } from '@paychart/bench-kit'
import { createPaychart, Gateway, type PaychartOptions, type PaymentStore } from '@paychart/core'
import { antomSignature, bodyLimit, type RawBodyEnv, webhookRoutes } from '@paychart/hono'
import { makePostgresStore } from '@paychart/storage-postgres'
import { openSqliteStore } from '@paychart/storage-sqlite'
import Database from 'better-sqlite3'
import { Effect, Layer } from 'effect'
import { Hono } from 'hono'
import pg from 'pg'
import { DATABASE_URL, postgresReachable } from './postgres.js'

// What a merchant compares paychart's webhook with: the route they would write by hand on the same database. It
// verifies the same signature and INSERTs the notification in one transaction, then answers. Both routes get the
// same signed first deliveries, in interleaved chunks, one at a time and 8 in flight.

const PATH = '/antom/notify/payment'
const CLIENT_ID = 'SANDBOX_BENCH'
const NOW = Date.UTC(2026, 10, 22, 12)
const PAYMENTS = 900
const CHUNK = 100
const ACK = { result: { resultCode: 'SUCCESS', resultStatus: 'S', resultMessage: 'success' } }

const keys = await (async () => {
  const pair = await crypto.subtle.generateKey(
    { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
    true,
    ['sign', 'verify'],
  )
  const text = async (format: 'pkcs8' | 'spki', key: Parameters<typeof crypto.subtle.exportKey>[1]) =>
    Buffer.from(await crypto.subtle.exportKey(format, key)).toString('base64')
  return {
    signer: await Effect.runPromise(importPrivateKey(await text('pkcs8', pair.privateKey))),
    verifier: await Effect.runPromise(importPublicKey(await text('spki', pair.publicKey))),
  }
})()

export interface Delivery {
  readonly body: string
  readonly headers: Record<string, string>
}

const deliveryFor = async (paymentRequestId: string): Promise<Delivery> => {
  const body = JSON.stringify({
    notifyType: 'PAYMENT_RESULT',
    result: { resultCode: 'SUCCESS', resultStatus: 'S', resultMessage: 'success.' },
    paymentRequestId,
    paymentId: `P-${paymentRequestId}`,
    paymentAmount: { currency: 'USD', value: '1000' },
    paymentMethodType: 'ALIPAY_CN',
  })
  const headers = await Effect.runPromise(
    signRequest({ path: PATH, clientId: CLIENT_ID, body, now: NOW, privateKey: keys.signer }),
  )
  return { body, headers: { ...headers } }
}

/** A gateway that leaves every wallet pay waiting for its buyer: the notification is what settles it. */
const waitingGateway = Layer.succeed(Gateway, {
  execute: (command) =>
    Effect.sync(() => ({
      type: 'PAY_ANSWERED' as const,
      at: NOW,
      result: { resultStatus: 'U', resultCode: 'PAYMENT_IN_PROCESS' },
      paymentId: `P-${command.kind === 'pay' ? command.paymentRequestId : 'other'}`,
      nextAction: { kind: 'redirect' as const, url: 'https://wallet.example/pay' },
    })),
})

export type App = { readonly request: Hono['request'] }

/**
 * paychart's webhook over `store`, with `count` wallet payments waiting, and their first deliveries; `telemetry` as
 * `createPaychart` takes it.
 */
export const paychartOver = async (
  store: Layer.Layer<PaymentStore>,
  tag: string,
  count: number,
  telemetry?: PaychartOptions['telemetry'],
) => {
  const paychart = createPaychart({
    gateway: waitingGateway,
    store,
    relay: false,
    ...(telemetry === undefined ? {} : { telemetry }),
  })
  const ids = Array.from({ length: count }, (_, i) => `WH-${tag}-${String(i).padStart(5, '0')}`)
  for (const id of ids) {
    await paychart.createPayment({
      paymentRequestId: id,
      amount: { currency: 'USD', minor: 1000 },
      paymentMethodType: 'ALIPAY_CN',
    })
  }
  const app = webhookRoutes({ run: paychart.run, antomPublicKey: keys.verifier, clientId: CLIENT_ID, now: () => NOW })
  return { app, deliveries: await Promise.all(ids.map(deliveryFor)), close: () => paychart.close() }
}

/** The route a merchant writes by hand: the same checks of body size and signature, then `insert`, then the ack. */
const handWritten = (insert: (key: string, body: string) => Promise<void> | void): App =>
  new Hono<RawBodyEnv>().post(
    PATH,
    bodyLimit({ maxBytes: 64 * 1024 }),
    antomSignature({ publicKey: keys.verifier, clientId: CLIENT_ID, toleranceMs: 5 * 60_000, now: () => NOW }),
    async (c) => {
      const body = c.get('rawBody')
      await insert(notificationKeyOfBody(body) ?? crypto.randomUUID(), body)
      return c.json(ACK)
    },
  )

/** Sends `slice` through `app`, `inFlight` at a time; every answer must be the acknowledgement. */
export const send = async (app: App, slice: ReadonlyArray<Delivery>, inFlight: number) => {
  const start = performance.now()
  for (let at = 0; at < slice.length; at += inFlight) {
    await Promise.all(
      slice.slice(at, at + inFlight).map(async ({ body, headers }) => {
        const response = await app.request(PATH, { method: 'POST', headers, body })
        if (response.status !== 200) throw new Error(`answered ${response.status}: ${await response.text()}`)
      }),
    )
  }
  return performance.now() - start
}

/**
 * Deliveries through each route before any is timed, on payments of their own: a merchant's server has run a while
 * when it takes a notification. Both routes run faster once warm (compiled code settled, a WAL file grown to its
 * size), the hand-written one most: on SQLite about 4,000 a second after 2,000 deliveries against 2,000 after 100.
 */
const WARMUP = 2_000

/** Warms paychart over `store` and the hand-written route `theirs` with `WARMUP` first deliveries each. */
const warmUp = async (store: Layer.Layer<PaymentStore>, tag: string, theirs: App, inFlight: number) => {
  const warm = await paychartOver(store, `${tag}-WARM`, WARMUP)
  await send(warm.app, warm.deliveries, inFlight)
  await send(theirs, warm.deliveries, inFlight)
  await warm.close()
}

/** Notifications per second through both routes, on the same chunks of fresh deliveries, in turn. */
const compare = async (
  name: string,
  ours: { readonly app: App; readonly deliveries: ReadonlyArray<Delivery> },
  theirs: { readonly app: App; readonly deliveries: ReadonlyArray<Delivery> },
  inFlight: number,
): Promise<Figure> => {
  const chunkOf = (deliveries: ReadonlyArray<Delivery>, chunk: number) =>
    deliveries.slice(chunk * CHUNK, (chunk + 1) * CHUNK)
  const { value, baselineValue } = await opsPerSecondInPairedChunks(
    { chunks: Math.floor(ours.deliveries.length / CHUNK), opsPerChunk: CHUNK, warmChunks: 1 },
    (chunk) => send(ours.app, chunkOf(ours.deliveries, chunk), inFlight),
    (chunk) => send(theirs.app, chunkOf(theirs.deliveries, chunk), inFlight),
  )
  return figure(name, value, 'notifications/s', 'hand-written route: verify + one INSERT', baselineValue)
}

/** The hand-written route's table, in a WAL file synced on every commit; `pageSize` when given, SQLite's otherwise. */
const plainNotifications = (file: string, pageSize?: number) => {
  const db = new Database(file)
  if (pageSize !== undefined) db.pragma(`page_size = ${pageSize}`)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = FULL')
  db.exec('CREATE TABLE notifications (notification_key TEXT PRIMARY KEY, body TEXT NOT NULL)')
  const insert = db.prepare('INSERT OR IGNORE INTO notifications (notification_key, body) VALUES (?, ?)')
  const insertOne = db.transaction((key: string, body: string) => insert.run(key, body))
  return { insert: (key: string, body: string) => insertOne.immediate(key, body), close: () => db.close() }
}

/** Deliveries whose WAL is measured: few enough that no automatic checkpoint (1,000 pages) restarts the WAL. */
const WAL_SAMPLE = 40

/** Bytes each route appended to a SQLite WAL per first delivery, the WAL emptied (TRUNCATE) before each sample. */
const sqliteWalBytes = async (file: string, app: App, deliveries: ReadonlyArray<Delivery>) => {
  const checkpointer = new Database(file)
  checkpointer.pragma('wal_checkpoint(TRUNCATE)')
  checkpointer.close()
  const before = statSync(`${file}-wal`).size
  await send(app, deliveries, 1)
  return (statSync(`${file}-wal`).size - before) / deliveries.length
}

/** Bytes of Postgres WAL per first delivery (the whole cluster's, so nothing else may write meanwhile). */
const postgresWalBytes = async (pool: pg.Pool, app: App, deliveries: ReadonlyArray<Delivery>) => {
  const lsn = async () =>
    Number((await pool.query("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::text AS b")).rows[0].b)
  const before = await lsn()
  await send(app, deliveries, 1)
  return ((await lsn()) - before) / deliveries.length
}

/** Notifications stored before, in both routes' tables: a store in production holds weeks of them. */
const HISTORY = 10_000

/** `HISTORY` earlier notifications in both tables (paychart's for `paymentRequestId`), analyzed as autovacuum would. */
const storeHistory = async (pool: pg.Pool, schema: string, paymentRequestId: string) => {
  await pool.query(
    `INSERT INTO ${schema}.notifications (key, payment_request_id, at)
     SELECT 'EARLIER-' || g, $1, 0 FROM generate_series(1, ${HISTORY}) g`,
    [paymentRequestId],
  )
  await pool.query(
    `INSERT INTO ${schema}.plain_notifications (notification_key, body)
     SELECT 'EARLIER-' || g, '{}' FROM generate_series(1, ${HISTORY}) g`,
  )
  await pool.query(`ANALYZE ${schema}.notifications, ${schema}.plain_notifications`)
}

const walFigure = (store: string, ours: number, theirs: number) =>
  figure(`WAL bytes per first delivery, ${store}`, ours, 'B', 'hand-written route: verify + one INSERT', theirs)

/** The webhook next to the hand-written route on SQLite and Postgres, and the WAL each writes per delivery. */
export const webhookFigures = async (): Promise<ReadonlyArray<Figure>> => {
  const figures: Figure[] = []
  const dir = mkdtempSync(join(tmpdir(), 'paychart-webhook-bench-'))
  try {
    for (const inFlight of [1, 8]) {
      const sqlite = openSqliteStore({ filename: join(dir, `store-${inFlight}.db`), synchronous: 'FULL' })
      const plain = plainNotifications(join(dir, `plain-${inFlight}.db`))
      const plainApp = handWritten((key, body) => void plain.insert(key, body))
      await warmUp(sqlite.layer, `S${inFlight}`, plainApp, inFlight)
      const ours = await paychartOver(sqlite.layer, `S${inFlight}`, PAYMENTS)
      const theirs = { app: plainApp, deliveries: ours.deliveries }
      figures.push(
        await compare(`webhook on SQLite (WAL, synchronous FULL), ${inFlight} in flight`, ours, theirs, inFlight),
      )
      if (inFlight === 1) {
        const sample = await paychartOver(sqlite.layer, 'SW', WAL_SAMPLE)
        const oursWal = await sqliteWalBytes(join(dir, 'store-1.db'), sample.app, sample.deliveries)
        const theirsWal = await sqliteWalBytes(join(dir, 'plain-1.db'), plainApp, sample.deliveries)
        figures.push(walFigure('SQLite', oursWal, theirsWal))
        // The store creates its files with 1024-byte pages, the hand-written route keeps SQLite's 4096: the same
        // route given the store's page size, filled as far, is the comparison of the layouts alone.
        const small = plainNotifications(join(dir, 'plain-small.db'), 1024)
        const smallApp = handWritten((key, body) => void small.insert(key, body))
        await send(smallApp, ours.deliveries, 1)
        const smallWal = await sqliteWalBytes(join(dir, 'plain-small.db'), smallApp, sample.deliveries)
        small.close()
        figures.push(
          figure(
            'WAL bytes per first delivery, SQLite, both with 1024-byte pages',
            oursWal,
            'B',
            'hand-written route: verify + one INSERT, in a file of 1024-byte pages',
            smallWal,
          ),
        )
        await sample.close()
      }
      await ours.close()
      sqlite.close()
      plain.close()
    }

    const url = DATABASE_URL
    if (!(await postgresReachable(url))) console.warn(`webhook on Postgres: skipped, ${url} is not reachable`)
    else {
      for (const inFlight of [1, 8]) {
        const schema = `webhook_bench_${inFlight}_${process.pid}`
        const store = await makePostgresStore({ connectionString: url, schema, maxConnections: 10 })
        const pool = new pg.Pool({ connectionString: url, max: 10 })
        await pool.query(
          `CREATE TABLE ${schema}.plain_notifications (notification_key TEXT PRIMARY KEY, body TEXT NOT NULL)`,
        )
        const insert = async (key: string, body: string) => {
          await pool.query(
            `INSERT INTO ${schema}.plain_notifications (notification_key, body) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
            [key, body],
          )
        }
        const plainApp = handWritten(insert)
        await warmUp(store.layer, `P${inFlight}`, plainApp, inFlight)
        // Vacuumed and analyzed now, as autovacuum would be within a minute of the warm-up's writes: without it,
        // paychart's route ran at 400 to 600 a second here against about 800 once vacuumed (autovacuum running
        // beside the timed chunks, or plans from stale statistics).
        await pool.query(
          `VACUUM ANALYZE ${['payments', 'payment_events', 'outbox', 'timers', 'notifications', 'plain_notifications']
            .map((table) => `${schema}.${table}`)
            .join(', ')}`,
        )
        const ours = await paychartOver(store.layer, `P${inFlight}`, PAYMENTS)
        const theirs = { app: plainApp, deliveries: ours.deliveries }
        figures.push(await compare(`webhook on Postgres (pool of 10), ${inFlight} in flight`, ours, theirs, inFlight))
        if (inFlight === 1) {
          const sample = await paychartOver(store.layer, 'PW', WAL_SAMPLE)
          const oursWal = await postgresWalBytes(pool, sample.app, sample.deliveries)
          const theirsWal = await postgresWalBytes(pool, plainApp, sample.deliveries)
          figures.push(walFigure('Postgres', oursWal, theirsWal))
          await sample.close()
          const later = await paychartOver(store.layer, 'PH', PAYMENTS)
          await storeHistory(pool, schema, 'WH-P1-00000')
          figures.push(
            await compare(
              `webhook on Postgres (pool of 10), 1 in flight, ${HISTORY.toLocaleString('en')} notifications stored before`,
              later,
              { app: plainApp, deliveries: later.deliveries },
              1,
            ),
          )
          await later.close()
        }
        await ours.close()
        await pool.query(`DROP SCHEMA ${schema} CASCADE`)
        await pool.end()
        await store.close()
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  return figures
}
