import { type SimulatorServer, startSimulatorServer } from '@paychart/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bundleEdge } from '../scripts/bundle.js'
import { runCardPayment } from './card-payment.fixtures.js'
import { freePort } from './free-port.fixtures.js'
import { createCardPayment, DECLINED_CARD, deliverAll, OTP_CARD, statusOf, submitOtp } from './more-flows.fixtures.js'
import { type RuntimeServer, startRuntimeServer } from './runtime-server.fixtures.js'
import { RUNTIMES, runtimeCommand } from './runtimes.fixtures.js'

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
        ANTOM_PRIVATE_KEY: sim.keys.merchantPrivateKey,
        ANTOM_PUBLIC_KEY: sim.keys.gatewayPublicKey,
        ANTOM_HOST: sim.url,
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

// The bundle is minified as wrangler minifies it: the other flows run through it too, under Node (the quickest to start).
describe('the edge bundle under node, beyond the 3DS card', () => {
  let server: RuntimeServer
  beforeAll(async () => {
    const port = await freePort()
    server = await startRuntimeServer(
      runtimeCommand('node', port, {
        ANTOM_CLIENT_ID: sim.clientId,
        ANTOM_PRIVATE_KEY: sim.keys.merchantPrivateKey,
        ANTOM_PUBLIC_KEY: sim.keys.gatewayPublicKey,
        ANTOM_HOST: sim.url,
      }),
      port,
    )
  }, 30_000)
  afterAll(async () => {
    await server?.stop()
  })

  it('takes an OTP card payment: a wrong code is refused and can be retried, the right one pays', async () => {
    const id = `EDGE-OTP-${Date.now()}`
    const created = await createCardPayment(server.url, id, OTP_CARD)
    expect(created.status, server.stderr()).toBe(201)
    expect(created.body).toMatchObject({ state: 'awaitingOtp', customerAction: { kind: 'otp' } })

    const wrong = await submitOtp(server.url, id, 'V-1', '000000')
    expect(wrong.status, JSON.stringify(wrong.body)).toBe(200)
    expect(wrong.body.state).toBe('awaitingOtp')
    const right = await submitOtp(server.url, id, 'V-2', '123456')
    expect(right.status, JSON.stringify(right.body)).toBe(200)
    await deliverAll(sim)
    const final = await statusOf(server.url, id)
    expect(final.body).toMatchObject({ state: 'captured', captured: { currency: 'USD', minor: 1_099 } })
    expect(sim.simulator.payment(id)?.status).toBe('captured')
  }, 30_000)

  it('fails a declined card with the reason and the action its code asks for', async () => {
    const id = `EDGE-DECLINE-${Date.now()}`
    const created = await createCardPayment(server.url, id, DECLINED_CARD)
    expect(created.status, server.stderr()).toBe(201)
    expect(created.body).toMatchObject({ state: 'failed', failure: { code: 'DO_NOT_HONOR', status: 'F' } })
  }, 30_000)
})
