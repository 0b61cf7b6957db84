import { antomGateway, importPrivateKey, importPublicKey, signRequest } from '@paychart/antom'
import { createPaychart, makeMemoryStore, type Paychart, type PaychartOptions } from '@paychart/core'
import { fetchTransport } from '@paychart/fetch'
import { DEFAULT_NOTIFY_PATHS, webhookRoutes } from '@paychart/hono'
import {
  createSimulator,
  createSimulatorApp,
  generateSimulatorKeys,
  type Simulator,
  type SimulatorKeys,
  simulatorHandlers,
} from '@paychart/testkit'
import { Effect, Layer, References } from 'effect'
import { setupServer } from 'msw/node'
import { expect } from 'vitest'
import { baseUrl, cardInput, cardNumber, clientId, notifyUrl } from '../e2e/support.js'

export const SUCCESS = cardNumber('success (sandbox)')
export const THREE_DS = cardNumber('3DS challenge')
const card = (cardNo: string) => ({ cardNo, cvv: '123', expiryMonth: '12', expiryYear: '30' })

/** Posts every notification due to the webhook routes, signed as the gateway signs them; acknowledges its answer. */
const deliverAll = async (simulator: Simulator, keys: SimulatorKeys, webhooks: ReturnType<typeof webhookRoutes>) => {
  const signer = await Effect.runPromise(importPrivateKey(keys.gatewayPrivateKey))
  for (let round = 0; round < 10; round++) {
    const due = simulator.dueNotifications(Date.now())
    if (due.length === 0) return
    for (const delivery of due) {
      const path = DEFAULT_NOTIFY_PATHS[delivery.endpoint]
      const body = JSON.stringify(delivery.body)
      const headers = await Effect.runPromise(
        signRequest({ path, clientId, body, now: Date.now(), privateKey: signer }),
      )
      const response = await webhooks.request(path, { method: 'POST', headers: { ...headers }, body })
      simulator.acknowledge(delivery.notificationId, await response.text())
    }
  }
}

/**
 * Card payments against the simulator with `telemetry` on (and logs from Debug up, so that every line the engine
 * writes is exported): the real antomGateway over fetch (msw), the Hono webhook routes taking the simulator's signed
 * notifications. An automatic capture told by notifications; a manual capture, then a refund; a 3DS card abandoned.
 */
export const runCardFlows = async (telemetry: NonNullable<PaychartOptions['telemetry']>) => {
  const keys = await generateSimulatorKeys()
  const server = setupServer()
  server.listen({ onUnhandledRequest: 'error' })
  const simulator = createSimulator({ now: Date.now, baseUrl, defaultNotifyUrl: notifyUrl })
  server.use(...simulatorHandlers({ app: createSimulatorApp({ simulator, keys, clientId }), baseUrl }))
  const gateway = antomGateway({
    clientId,
    merchantPrivateKey: keys.merchantPrivateKey,
    antomPublicKey: keys.gatewayPublicKey,
    baseUrl,
  }).pipe(Layer.provide(fetchTransport({ timeoutMs: 5_000, maxAttempts: 1 })))
  const debugLogs = Layer.succeed(References.MinimumLogLevel, 'Debug')
  const paychart: Paychart = createPaychart({
    gateway,
    store: makeMemoryStore().layer,
    relay: false,
    telemetry: Layer.merge(telemetry, debugLogs),
  })
  await paychart.ready

  const webhooks = webhookRoutes({
    run: paychart.run,
    antomPublicKey: await Effect.runPromise(importPublicKey(keys.gatewayPublicKey)),
    clientId,
  })
  expect((await paychart.createPayment(cardInput('OT-AUTO', 'AUTOMATIC'), { card: card(SUCCESS) })).state).toBe(
    'capturing',
  )
  expect((await paychart.createPayment(cardInput('OT-MANUAL', 'MANUAL'), { card: card(SUCCESS) })).state).toBe(
    'authorized',
  )
  await paychart.createPayment(cardInput('OT-3DS', 'MANUAL'), { card: card(THREE_DS) })
  await deliverAll(simulator, keys, webhooks)
  expect((await paychart.capture('OT-MANUAL')).state).toBe('captured')
  await paychart.refund('OT-MANUAL', { amount: { currency: 'USD', minor: 500 } })
  await deliverAll(simulator, keys, webhooks)
  expect((await paychart.status('OT-AUTO')).state).toBe('captured')
  await paychart.health()
  return {
    keys,
    paychart,
    close: async () => {
      await paychart.close()
      server.close()
    },
  }
}
