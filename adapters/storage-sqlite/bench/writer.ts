// One of several writer processes on one SQLite file, started by commits.bench.ts:
//   tsx --conditions=@paychart/source bench/writer.ts <store|plain> <file> <tag> <payments>
// Prepares its payments, prints `ready`, waits for `go` on stdin, then commits every flow (or, for `plain`, inserts
// rows as large) and prints `{"count":N,"ms":M}`.
import { createInterface } from 'node:readline'
import { cardFlow } from '@paychart/testkit/store-conformance'
import { Effect } from 'effect'
import { openConnection } from '../src/connection.js'
import { openSqliteStore } from '../src/sqlite-store.js'
import { bytesOf, plainInserter } from './plain-rows.js'

const [mode, filename = '', tag = 'W', paymentsText = '25'] = process.argv.slice(2)
const flows = Array.from({ length: Number(paymentsText) }, (_, i) =>
  cardFlow(`BENCH-${tag}-${String(i).padStart(4, '0')}`),
)

const go = () =>
  new Promise<void>((resolve) => {
    const lines = createInterface({ input: process.stdin })
    lines.on('line', (line) => {
      if (line.trim() !== 'go') return
      lines.close()
      process.stdin.destroy()
      resolve()
    })
  })

if (mode === 'store') {
  const opened = openSqliteStore({ filename, synchronous: 'FULL' })
  for (const flow of flows) await Effect.runPromise(opened.store.create(flow.payment))
  const commits = flows.flatMap((flow) => flow.commits)
  console.log('ready')
  await go()
  const start = performance.now()
  for (const commit of commits) await Effect.runPromise(opened.store.commit(commit))
  console.log(JSON.stringify({ count: commits.length, ms: performance.now() - start }))
  opened.close()
} else {
  const plain = openConnection({ filename, synchronous: 'FULL' })
  const insertOne = plainInserter(plain)
  const rows = flows.flatMap((flow) => flow.commits.map((c) => [c.paymentRequestId, bytesOf(c)] as const))
  console.log('ready')
  await go()
  const start = performance.now()
  for (const [id, body] of rows) insertOne(id, body)
  console.log(JSON.stringify({ count: rows.length, ms: performance.now() - start }))
  plain.close()
}
