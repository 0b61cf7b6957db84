import { type Figure, figure, writeFigures } from '@paychart/bench-kit'
import type { Commit } from '@paychart/core/store'
import { cardFlow, type ScriptedFlow } from '@paychart/testkit/store-conformance'
import { bundleTestWorker, startWorkerd, tempDisk } from '../src/workerd.fixtures.js'

const ROUNDS = 7
/** Card flows per round (3DS, manual capture, notification: 7 commits each, built by the machine). */
const PAYMENTS = 40

/** What a commit writes, as text: the snapshot, the event log line and the outbox items. */
const bytesOf = (commit: Commit): string =>
  JSON.stringify(commit.snapshot) + JSON.stringify(commit.event) + JSON.stringify(commit.outbox)

// Times from now on: the flows' timers fall due hours from now, so no alarm rings during the run.
const idOf = (tag: string, i: number) => `BENCH-${tag}-${String(i).padStart(4, '0')}`
const flowsFor = (tag: string): ReadonlyArray<ScriptedFlow> =>
  Array.from({ length: PAYMENTS }, (_, i) => cardFlow(idOf(tag, i), Date.now()))

const disk = tempDisk()
const workerd = await startWorkerd(
  await bundleTestWorker(new URL('./bench-worker.ts', import.meta.url).pathname),
  disk.dir,
)

const post = async <A>(path: string, body: unknown): Promise<A> => {
  const response = await fetch(`${workerd.url}${path}`, { method: 'POST', body: JSON.stringify(body) })
  if (!response.ok)
    throw new Error(`${path} answered ${response.status}: ${await response.text()}\n${workerd.stderr()}`)
  return (await response.json()) as A
}

type Timed = { readonly ms: number; readonly count: number }
const commitRound = (flows: ReadonlyArray<ScriptedFlow>, inFlight: number) =>
  post<Timed>('/store', { payments: flows.map((f) => f.payment), commits: flows.map((f) => f.commits), inFlight })
const insertRound = (flows: ReadonlyArray<ScriptedFlow>, inFlight: number) =>
  post<Timed>('/plain', { rows: flows.map((f) => f.commits.map((c) => [c.paymentRequestId, bytesOf(c)])), inFlight })

/** Store commits per second next to plain rows per second, `inFlight` payments at a time, in alternating rounds. */
const measure = async (inFlight: number): Promise<Figure> => {
  const warmUp = flowsFor(`warm-${inFlight}`)
  await commitRound(warmUp, inFlight)
  await insertRound(warmUp, inFlight)
  const total = { commitMs: 0, commits: 0, insertMs: 0, inserts: 0 }
  // Rounds alternate between the two, so that a busy machine slows both alike.
  for (let round = 0; round < ROUNDS; round++) {
    const flows = flowsFor(`${inFlight}-${round}`)
    const committed = await commitRound(flows, inFlight)
    total.commitMs += committed.ms
    total.commits += committed.count
    const inserted = await insertRound(flows, inFlight)
    total.insertMs += inserted.ms
    total.inserts += inserted.count
  }
  const last = idOf(`${inFlight}-${ROUNDS - 1}`, PAYMENTS - 1)
  const stored = await post<{ state: string | null }>('/state', { id: last })
  if (stored.state !== 'captured') throw new Error(`${last} is ${stored.state}, not captured`)
  const payments = inFlight === 1 ? 'one payment at a time' : `${inFlight} payments at a time`
  return figure(
    `storage-cloudflare: card-flow commits through the store under workerd, from a worker request, ${payments}`,
    (total.commits * 1000) / total.commitMs,
    'commits/s',
    `plain ctx.storage.sql INSERT of a row as large, one transactionSync each, over the same RPC to the same class, ${payments}`,
    (total.inserts * 1000) / total.insertMs,
  )
}

try {
  writeFigures(new URL('..', import.meta.url), [await measure(1), await measure(8)])
} finally {
  await workerd.stop()
  disk.remove()
}
