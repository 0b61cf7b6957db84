import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { PaymentStatus } from '@paychart/core'
import { type SimulatorServer, startSimulatorServer } from '@paychart/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bundleEdge, CLOUDFLARE_BUNDLE_FILE, CLOUDFLARE_ENTRY } from '../scripts/bundle.js'
import { challengeOf, passChallenge, THREE_DS_CARD } from './card-payment.fixtures.js'
import { freePort } from './free-port.fixtures.js'
import { createCardPayment, deliverAll, json, statusOf } from './more-flows.fixtures.js'
import { startRuntimeServer } from './runtime-server.fixtures.js'
import { durableWorkerdCommand } from './runtimes.fixtures.js'

const TOKEN = 'merchant-token-for-the-test'

let sim: SimulatorServer
let disk: string

beforeAll(async () => {
  const bundle = await bundleEdge({ entry: CLOUDFLARE_ENTRY, outfile: CLOUDFLARE_BUNDLE_FILE })
  if (!bundle.ok) throw new Error(`the Cloudflare bundle did not build:\n${bundle.errors.join('\n')}`)
  sim = await startSimulatorServer()
  disk = mkdtempSync(join(tmpdir(), 'paychart-durable-objects-'))
}, 60_000)

afterAll(async () => {
  await sim?.close()
  if (disk !== undefined) rmSync(disk, { recursive: true, force: true })
})

/** workerd on the Cloudflare entry, its Durable Objects on `disk`: the same disk each time. */
const startWorkerd = async () => {
  const port = await freePort()
  const bindings = {
    ANTOM_CLIENT_ID: sim.clientId,
    ANTOM_PRIVATE_KEY: sim.keys.merchantPrivateKey,
    ANTOM_PUBLIC_KEY: sim.keys.gatewayPublicKey,
    ANTOM_HOST: sim.url,
    MERCHANT_TOKEN: TOKEN,
  }
  return startRuntimeServer(durableWorkerdCommand(port, bindings, disk), port)
}

const capture = (edge: string, paymentRequestId: string, token = TOKEN) =>
  fetch(`${edge}/merchant/payments/${paymentRequestId}/capture`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: '{}',
  })

/** Reads the payment's status until `done` holds or `timeoutMs` passes; the last status read. */
const waitForStatus = async (
  edge: string,
  paymentRequestId: string,
  done: (status: PaymentStatus) => boolean,
  timeoutMs: number,
) => {
  const deadline = Date.now() + timeoutMs
  let last = (await statusOf(edge, paymentRequestId)).body
  while (!done(last) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250))
    last = (await statusOf(edge, paymentRequestId)).body
  }
  return last
}

describe('the Cloudflare entry under workerd, its payments in Durable Objects', () => {
  const id = `EDGE-DO-${Date.now()}`

  it('takes a 3DS card payment, its notifications and a manual capture', async () => {
    const server = await startWorkerd()
    try {
      const created = await createCardPayment(server.url, id, THREE_DS_CARD, { captureMode: 'MANUAL' })
      expect(created.status, server.stderr()).toBe(201)
      expect(created.body.state).toBe('awaitingCustomer')
      await passChallenge(challengeOf(created))
      await deliverAll(sim)
      expect((await statusOf(server.url, id)).body.state, server.stderr()).toBe('authorized')

      const refused = await capture(server.url, id, 'not-the-token')
      await refused.body?.cancel()
      expect(refused.status).toBe(401)
      const captured = await json<PaymentStatus>(await capture(server.url, id))
      expect(captured.status, JSON.stringify(captured.body)).toBe(200)
      await deliverAll(sim)
      const final = (await statusOf(server.url, id)).body
      expect(final).toMatchObject({ state: 'captured', captured: { currency: 'USD', minor: 1_099 } })
      expect(sim.simulator.payment(id)?.status).toBe('captured')
      const notified = sim.simulator.notifications().filter((n) => n.paymentRequestId === id)
      expect(notified.map((n) => [n.notifyType, n.status])).toEqual([
        ['PAYMENT_RESULT', 'acknowledged'],
        ['CAPTURE_RESULT', 'acknowledged'],
      ])
    } finally {
      await server.stop()
    }
  }, 60_000)

  it('still has the payment after workerd is stopped and started again on the same storage', async () => {
    const server = await startWorkerd()
    try {
      const status = await statusOf(server.url, id)
      expect(status.status, server.stderr()).toBe(200)
      expect(status.body).toMatchObject({
        state: 'captured',
        paymentId: sim.simulator.payment(id)?.paymentId,
        captured: { minor: 1_099 },
      })
      const events = await fetch(`${server.url}/merchant/payments/${id}/events`, {
        headers: { authorization: `Bearer ${TOKEN}` },
      }).then((response) => json<ReadonlyArray<{ readonly to: string }>>(response))
      expect(events.body.map((event) => event.to)).toContain('captured')
    } finally {
      await server.stop()
    }
  }, 60_000)

  it('expires a payment the buyer never finished on its expiry alarm, with no cron and no request', async () => {
    const server = await startWorkerd()
    try {
      const expiring = `${id}-EXPIRES`
      const created = await createCardPayment(server.url, expiring, THREE_DS_CARD, {
        paymentExpiresAt: Date.now() + 3_000,
      })
      expect(created.status, server.stderr()).toBe(201)
      expect(created.body.state).toBe('awaitingCustomer')
      // Nothing runs a relay here: workerd has no cron trigger in this config, and no request comes in meanwhile
      // except these status reads. Only the payment object's alarm can fire the expiry timer.
      const final = await waitForStatus(server.url, expiring, (s) => s.state !== 'awaitingCustomer', 30_000)
      expect(final.state, server.stderr()).toBe('expired')
    } finally {
      await server.stop()
    }
  }, 60_000)

  it('writes no card number, CVV field or card field name to any file of the Durable Objects storage', () => {
    const files = readdirSync(disk, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name))
    const bytes = files.map((file) => [file, readFileSync(file)] as const)
    const holding = (text: string) => bytes.filter(([, content]) => content.includes(text)).map(([file]) => file)
    // The scan reads the objects' data: the payment's id is in it.
    expect(holding(id).length, files.join('\n')).toBeGreaterThan(0)
    for (const forbidden of [THREE_DS_CARD, '"cardNo"', '"cvv"', 'cardMetaData']) expect(holding(forbidden)).toEqual([])
  })
})
