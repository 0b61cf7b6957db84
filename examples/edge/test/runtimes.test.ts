import { type SimulatorServer, startSimulatorServer } from '@paychart/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bundleEdge } from '../scripts/bundle.js'
import { runCardPayment } from './support/card-payment.js'
import { freePort } from './support/free-port.js'
import { type RuntimeServer, startRuntimeServer } from './support/runtime-server.js'
import { RUNTIMES, runtimeCommand } from './support/runtimes.js'

let sim: SimulatorServer

beforeAll(async () => {
  // One bundle for every runtime. `node:crypto` is left to the runtime only because @paychart/antom imports it
  // lazily for its optional 'node' signing backend (never taken here); bundle.test.ts fails while that import exists.
  const bundle = await bundleEdge()
  if (!bundle.ok) throw new Error(`the edge bundle did not build:\n${bundle.errors.join('\n')}`)
  sim = await startSimulatorServer()
}, 60_000)

afterAll(async () => {
  await sim?.close()
})

describe.each(RUNTIMES)('the edge bundle under %s', (runtime) => {
  it('takes a card payment with 3DS: checkout route, challenge, signed notifications to the webhook, capture', async () => {
    const port = await freePort()
    const server: RuntimeServer = await startRuntimeServer(
      runtimeCommand(runtime, port, {
        ANTOM_CLIENT_ID: sim.clientId,
        ANTOM_MERCHANT_PRIVATE_KEY: sim.keys.merchantPrivateKey,
        ANTOM_PUBLIC_KEY: sim.keys.gatewayPublicKey,
        ANTOM_BASE_URL: sim.url,
      }),
      port,
    )
    try {
      const id = `EDGE-${runtime.toUpperCase()}-${Date.now()}`
      const run = await runCardPayment(server.url, sim, id)
      const context = `stderr of ${runtime}:\n${server.stderr()}`

      expect(run.created.status, context).toBe(201)
      expect(run.created.body.state).toBe('awaitingCustomer')
      expect(run.created.body.customerAction).toMatchObject({ kind: 'threeDS' })
      expect(run.challenge.pageStatus).toBe(200)
      expect(run.challenge.page).toContain('3-D Secure challenge')
      expect(run.challenge.submitStatus).toBe(303)
      expect(run.redirectedTo).toBe(run.returnUrl)

      const notifications = sim.simulator.notifications().filter((n) => n.paymentRequestId === id)
      expect(notifications.map((n) => n.notifyType).sort()).toEqual(['CAPTURE_RESULT', 'PAYMENT_RESULT'])
      for (const notification of notifications) {
        expect(notification.url).toBe(`${server.url}/antom/notify/payment`)
        expect(notification.status, context).toBe('acknowledged')
      }
      expect(run.delivered).toBe(notifications.length)
      // The webhook alone moved the payment: the buyer has not come back yet.
      expect(run.afterNotifications.state, context).toBe('captured')

      const remote = sim.simulator.payment(id)
      expect(remote?.status).toBe('captured')
      expect(run.final).toMatchObject({
        state: 'captured',
        paymentId: remote?.paymentId,
        captured: { currency: 'USD', minor: remote?.captured.minor },
      })
      expect(run.final.captured.minor).toBe(1_099)
      expect(run.afterReturn.status, JSON.stringify(run.afterReturn.body)).toBe(200)
    } finally {
      await server.stop()
    }
  }, 30_000)
})
