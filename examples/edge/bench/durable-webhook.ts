import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Figure, figure } from '@paychart/bench-kit'
import { startSimulatorServer } from '@paychart/testkit'
import { statusOf } from '../src/more-flows.fixtures.js'
import type { RuntimeServer } from '../src/runtime-server.fixtures.js'
import { bundleBoth, startDurable, startVerifyOnly } from './bench-servers.js'
import { type Delivery, NOTIFY_PATH, waitingPayments } from './waiting-payments.js'

// The Cloudflare entry under workerd, its payments in Durable Objects, next to a worker that only verifies the same
// signatures, under workerd too. Node sends each signed first delivery once and times the answers. Each chunk's
// payments are created just before it is sent (not timed), so that none is old enough for its reconcile alarm (a
// minute) to ring and run a relay pass during the run.

const CHUNKS = 8
const CHUNK = 48

/** Sends `deliveries` to `server`, `inFlight` at a time; every answer must be the acknowledgement. */
const send = async (server: RuntimeServer, deliveries: ReadonlyArray<Delivery>, inFlight: number) => {
  const start = performance.now()
  for (let at = 0; at < deliveries.length; at += inFlight) {
    await Promise.all(
      deliveries.slice(at, at + inFlight).map(async ({ body, headers }) => {
        const response = await fetch(`${server.url}${NOTIFY_PATH}`, { method: 'POST', headers, body })
        const answer = await response.text()
        if (response.status !== 200) throw new Error(`answered ${response.status}: ${answer}\n${server.stderr()}`)
      }),
    )
  }
  return performance.now() - start
}

/** Both figures (1 and 8 in flight), the two workers started and stopped around them. */
export const durableWebhookFigures = async (): Promise<ReadonlyArray<Figure>> => {
  await bundleBoth()
  const sim = await startSimulatorServer()
  const disk = mkdtempSync(join(tmpdir(), 'paychart-durable-bench-'))
  const bindings = {
    ANTOM_CLIENT_ID: sim.clientId,
    ANTOM_PRIVATE_KEY: sim.keys.merchantPrivateKey,
    ANTOM_PUBLIC_KEY: sim.keys.gatewayPublicKey,
    ANTOM_HOST: sim.url,
  }
  const durable = await startDurable(bindings, disk)
  const verifyOnly = await startVerifyOnly(bindings)

  /** Notifications per second through both workers, `inFlight` at a time, in alternating chunks of fresh payments. */
  const measure = async (inFlight: number): Promise<Figure> => {
    const idsOf = (chunk: number) =>
      Array.from({ length: CHUNK }, (_, i) => `BENCH-DO-${inFlight}-${chunk}-${String(i).padStart(3, '0')}`)
    const warmUp = await waitingPayments(durable.url, sim, idsOf(-1))
    await send(durable, warmUp, inFlight)
    await send(verifyOnly, warmUp, inFlight)
    // Chunks alternate between the two, so that a busy machine slows both alike.
    let durableMs = 0
    let verifyMs = 0
    for (let chunk = 0; chunk < CHUNKS; chunk++) {
      const deliveries = await waitingPayments(durable.url, sim, idsOf(chunk))
      durableMs += await send(durable, deliveries, inFlight)
      verifyMs += await send(verifyOnly, deliveries, inFlight)
    }
    const last = idsOf(CHUNKS - 1).at(-1) ?? ''
    const settled = (await statusOf(durable.url, last)).body.state
    if (settled !== 'authorized') throw new Error(`${last} is ${settled}, not authorized\n${durable.stderr()}`)
    const sent = CHUNKS * CHUNK
    return figure(
      `edge: signed first notifications through the Cloudflare entry under workerd (Durable Objects store), ${inFlight} in flight`,
      (sent * 1000) / durableMs,
      'notifications/s',
      'workerd worker that only verifies the same signatures (WebCrypto) and acknowledges',
      (sent * 1000) / verifyMs,
    )
  }

  try {
    return [await measure(1), await measure(8)]
  } finally {
    await durable.stop()
    await verifyOnly.stop()
    await sim.close()
    rmSync(disk, { recursive: true, force: true })
  }
}
