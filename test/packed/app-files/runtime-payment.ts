// Run under Deno and Bun from the installed tarballs: one card payment, authorized then captured, against the
// simulator named in the first argument (JSON: clientId, keys, baseUrl, paymentRequestId), kept in an SQLite file
// on the runtime's own SQLite, then found there by another connection.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { AntomRequestDetails } from '@paychart/antom'
import { createPaychart } from '@paychart/core'
import { antomOverFetch } from '@paychart/fetch'
import { openSqliteStore } from '@paychart/storage-sqlite'
import { Effect } from 'effect'

const args: ReadonlyArray<string> = (globalThis as { Deno?: { args: string[] } }).Deno?.args ?? process.argv.slice(2)
const { paymentRequestId, ...antom } = JSON.parse(args[0] ?? '{}') as {
  readonly clientId: string
  readonly merchantPrivateKey: string
  readonly antomPublicKey: string
  readonly baseUrl: string
  readonly paymentRequestId: string
}
// requestDetails typed from the Antom schemas: without an order or a redirect URL it does not compile.
const dir = mkdtempSync(join(tmpdir(), 'paychart-packed-'))
const filename = join(dir, 'payments.db')
const sqlite = openSqliteStore({ filename })
const payments = createPaychart<AntomRequestDetails>({
  gateway: antomOverFetch(antom),
  store: sqlite.layer,
  relay: false,
})
const authorized = await payments.createPayment(
  {
    paymentRequestId,
    amount: { currency: 'USD', minor: 1099 },
    paymentMethodType: 'CARD',
    captureMode: 'MANUAL',
    requestDetails: {
      order: {
        referenceOrderId: paymentRequestId,
        orderDescription: 'Tea',
        orderAmount: { currency: 'USD', minor: 1099 },
      },
      env: { terminalType: 'WEB' },
      settlementStrategy: { settlementCurrency: 'USD' },
      paymentRedirectUrl: 'https://shop.example/return',
    },
  },
  { card: { cardNo: '4054695723100768', cvv: '123', expiryMonth: '12', expiryYear: '30' } },
)
const captured = await payments.capture(paymentRequestId)
await payments.close()
sqlite.close()
const again = openSqliteStore({ filename })
const stored = await Effect.runPromise(again.store.load(paymentRequestId))
console.log(`${authorized.state} then ${captured.state}, stored ${stored?.state} on ${again.database.driver}`)
again.close()
rmSync(dir, { recursive: true, force: true })
