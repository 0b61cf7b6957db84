import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { importPublicKey, NOTIFICATION_ACK_BODY, type Verifier, verifyNotification } from '@paychart/antom'
import { Effect } from 'effect'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSimulator, HOUR, MINUTE, manualClock, RETRY_SCHEDULE_MS } from '../simulator/index.js'
import { payBody } from '../simulator/simulator.fixtures.js'
import { generateSimulatorKeys, type SimulatorKeys } from './keys.js'
import { deliverNotifications, startNotificationLoop } from './notify.js'
import { CLIENT_ID } from './wire.fixtures.js'

interface Received {
  readonly path: string
  readonly verified: boolean
  readonly body: { readonly notifyType: string; readonly paymentRequestId: string; readonly [field: string]: unknown }
  readonly requestTime: string | undefined
}

let keys: SimulatorKeys
let publicKey: Verifier
let receiver: Server
let origin: string
const received: Received[] = []
/** The receiver acknowledges from this many attempts on (counted over everything it received). */
let acknowledgeFrom = 3

const readBody = (request: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    request.on('error', reject)
  })

beforeAll(async () => {
  keys = await generateSimulatorKeys()
  publicKey = await Effect.runPromise(importPublicKey(keys.gatewayPublicKey))
  receiver = createServer(async (request, response) => {
    const body = await readBody(request)
    const path = new URL(request.url ?? '/', 'http://receiver').pathname
    const verification = await Effect.runPromise(
      Effect.result(verifyNotification({ path, clientId: CLIENT_ID, headers: request.headers, body, publicKey })),
    )
    const verified = verification._tag === 'Success'
    const headerTime = request.headers['request-time']?.toString()
    received.push({ path, verified, body: JSON.parse(body), requestTime: headerTime })
    const acknowledge = verified && received.length >= acknowledgeFrom
    response.writeHead(200, { 'content-type': 'application/json' })
    response.end(acknowledge ? NOTIFICATION_ACK_BODY : '{"result":{"resultStatus":"F","resultCode":"BUSY"}}')
  })
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
  origin = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())))

const setup = () => {
  received.length = 0
  const clock = manualClock()
  const simulator = createSimulator({ now: clock.now, baseUrl: 'https://sim.test' })
  return { simulator, clock, deliver: () => deliverNotifications({ simulator, keys, clientId: CLIENT_ID }) }
}

describe('deliverNotifications', () => {
  it('redelivers on the schedule until acknowledged (3rd attempt), then never again', async () => {
    acknowledgeFrom = 3
    const { simulator, clock, deliver } = setup()
    simulator.request('pay', { ...payBody({ captureMode: 'MANUAL' }), paymentNotifyUrl: `${origin}/antom/notify` })

    expect(await deliver()).toBe(1)
    expect(received).toHaveLength(1)
    expect(received[0]).toMatchObject({
      path: '/antom/notify',
      verified: true,
      requestTime: String(clock.now()),
      body: { notifyType: 'PAYMENT_RESULT', paymentRequestId: 'PAY-1' },
    })
    expect(await deliver()).toBe(0)

    expect(RETRY_SCHEDULE_MS.slice(0, 3)).toEqual([0, 2 * MINUTE, 10 * MINUTE])
    clock.advance(2 * MINUTE - 1)
    expect(await deliver()).toBe(0)
    clock.advance(1)
    expect(await deliver()).toBe(1)
    clock.advance(10 * MINUTE)
    expect(await deliver()).toBe(1)
    expect(received.map((r) => r.verified)).toEqual([true, true, true])

    const [notification] = simulator.notifications()
    expect(notification?.status).toBe('acknowledged')
    clock.advance(24 * HOUR)
    expect(await deliver()).toBe(0)
    expect(received).toHaveLength(3)
  })

  it('records no answer when the receiver cannot be reached, and keeps the next attempt scheduled', async () => {
    const { simulator, clock, deliver } = setup()
    simulator.request('pay', { ...payBody(), paymentNotifyUrl: 'http://127.0.0.1:9/antom/notify' })
    expect(await deliver()).toBe(0)
    const [first] = simulator.notifications()
    expect(first?.status).toBe('pending')
    expect(first?.attempts).toHaveLength(1)
    expect(first?.attempts[0]?.acknowledged).toBe(false)
    clock.advance(2 * MINUTE)
    expect(await deliver()).toBe(0)
    expect(simulator.notifications()[0]?.attempts).toHaveLength(2)
  })

  it('signs over the notify path with the gateway key: a merchant with another key refuses it', async () => {
    acknowledgeFrom = 1
    const { simulator } = setup()
    const other = await generateSimulatorKeys()
    simulator.request('pay', { ...payBody({ captureMode: 'MANUAL' }), paymentNotifyUrl: `${origin}/hooks/antom?x=1` })
    await deliverNotifications({ simulator, keys: other, clientId: CLIENT_ID })
    expect(received.map((r) => [r.path, r.verified])).toEqual([['/hooks/antom', false]])
    expect(simulator.notifications()[0]?.status).toBe('pending')
  })

  it('a tamper fault’s twin is signed like any notification: it verifies, and comes just before the truth', async () => {
    acknowledgeFrom = 1
    const { simulator, deliver } = setup()
    simulator.faults.nextNotifications({ kind: 'tamper', field: 'amount' })
    simulator.request('pay', { ...payBody({ value: '2400', captureMode: 'MANUAL' }), paymentNotifyUrl: `${origin}/n` })
    expect(await deliver()).toBe(2)
    expect(received.map((r) => [r.verified, r.body.notifyType, r.body.paymentAmount])).toEqual([
      [true, 'PAYMENT_RESULT', { currency: 'USD', value: '2640' }],
      [true, 'PAYMENT_RESULT', { currency: 'USD', value: '2400' }],
    ])
    expect(simulator.notifications().map((n) => [n.status, n.tampered?.reported])).toEqual([
      ['acknowledged', undefined],
      ['acknowledged', '2640'],
    ])
  })

  it('startNotificationLoop delivers on its own until stopped', async () => {
    acknowledgeFrom = 1
    const { simulator } = setup()
    const loop = startNotificationLoop({ simulator, keys, clientId: CLIENT_ID, intervalMs: 5 })
    simulator.request('pay', { ...payBody({ captureMode: 'AUTOMATIC' }), paymentNotifyUrl: `${origin}/n` })
    await expect.poll(() => received.length, { timeout: 2_000 }).toBe(2)
    await loop.stop()
    expect(received.map((r) => r.body.notifyType)).toEqual(['PAYMENT_RESULT', 'CAPTURE_RESULT'])
    expect(simulator.notifications().map((n) => n.status)).toEqual(['acknowledged', 'acknowledged'])
  })
})
