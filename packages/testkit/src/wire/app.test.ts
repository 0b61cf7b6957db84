import { importPrivateKey, importPublicKey, signRequest, verifyResponse } from '@paychart/antom'
import { Effect } from 'effect'
import { beforeAll, describe, expect, it } from 'vitest'
import { createSimulator, manualClock, type Simulator } from '../simulator/index.js'
import { payBody } from '../simulator/simulator.fixtures.js'
import { createSimulatorApp, type SimulatorApp } from './app.js'
import { generateSimulatorKeys, type SimulatorKeys } from './keys.js'
import { readWithheld } from './silence.js'
import { CLIENT_ID, uniqueId } from './wire.fixtures.js'

const path = '/ams/sandbox/api/v1/payments/pay'
let keys: SimulatorKeys
let otherKeys: SimulatorKeys

beforeAll(async () => {
  ;[keys, otherKeys] = await Promise.all([generateSimulatorKeys(), generateSimulatorKeys()])
})

const setup = () => {
  const clock = manualClock()
  const simulator = createSimulator({ now: clock.now, baseUrl: 'https://sim.test' })
  const app = createSimulatorApp({ simulator, keys, clientId: CLIENT_ID })
  return { simulator, app, clock }
}

interface Post {
  readonly body?: string
  readonly clientId?: string
  readonly privateKey?: string
  readonly headers?: (signed: Record<string, string>) => Record<string, string>
  readonly target?: string
  /** What is actually sent, when it differs from what was signed. */
  readonly sent?: string
}

/** Posts `body` signed (by default correctly) to the app. */
const post = async (
  app: SimulatorApp,
  { body, clientId = CLIENT_ID, privateKey, headers = (h) => h, target, sent }: Post,
) => {
  const text = body ?? JSON.stringify(payBody({ paymentRequestId: uniqueId('PAY') }))
  const signer = await Effect.runPromise(importPrivateKey(privateKey ?? keys.merchantPrivateKey))
  const signed = await Effect.runPromise(
    signRequest({ path: target ?? path, clientId, body: text, now: Date.now(), privateKey: signer }),
  )
  return app.request(target ?? path, { method: 'POST', headers: headers({ ...signed }), body: sent ?? text })
}

const resultOf = async (response: Response) => ((await response.json()) as { result: unknown }).result

const noCalls = (simulator: Simulator) => expect(simulator.calls()).toEqual([])

describe('createSimulatorApp: the signed API', () => {
  it('answers a correctly signed call with a body signed by the gateway key', async () => {
    const { app, simulator } = setup()
    const response = await post(app, {})
    const body = await response.text()
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^application\/json/)
    expect(response.headers.get('client-id')).toBe(CLIENT_ID)
    expect(response.headers.get('signature')).toMatch(/^algorithm=RSA256,keyVersion=1,signature=[A-Za-z0-9%]+$/)
    expect(response.headers.get('response-time')).toBe(String(simulator.config.now()))
    expect(JSON.parse(body).result).toMatchObject({ resultStatus: 'S', resultCode: 'SUCCESS' })
    const publicKey = await Effect.runPromise(importPublicKey(keys.gatewayPublicKey))
    const verified = await Effect.runPromise(
      verifyResponse({ path, clientId: CLIENT_ID, headers: response.headers, body, publicKey }),
    )
    expect(verified._tag).toBe('SignatureVerified')
    const other = await Effect.runPromise(importPublicKey(otherKeys.gatewayPublicKey))
    const forged = verifyResponse({ path, clientId: CLIENT_ID, headers: response.headers, body, publicKey: other })
    expect((await Effect.runPromise(Effect.flip(forged)))._tag).toBe('InvalidSignature')
    expect(simulator.calls()).toHaveLength(1)
  })

  it('serves the live path too, and reads header names in any case', async () => {
    const { app } = setup()
    const live = '/ams/api/v1/payments/pay'
    const upper = (h: Record<string, string>) =>
      Object.fromEntries(Object.entries(h).map(([name, value]) => [name.toUpperCase(), value]))
    const response = await post(app, { target: live, headers: upper })
    expect(await resultOf(response)).toMatchObject({ resultCode: 'SUCCESS' })
  })

  it.each([
    ['signed with another merchant key', { privateKey: 'other' }],
    ['with no signature header', { headers: ({ signature: _, ...rest }: Record<string, string>) => rest }],
    ['with no client-id header', { headers: ({ 'client-id': _, ...rest }: Record<string, string>) => rest }],
    ['with no request-time header', { headers: ({ 'request-time': _, ...rest }: Record<string, string>) => rest }],
    ['from another client id', { clientId: 'SANDBOX_SOMEONE_ELSE' }],
    ['with a garbled signature', { headers: (h: Record<string, string>) => ({ ...h, signature: 'algorithm=RSA256' }) }],
    [
      'with a request-time changed after signing',
      { headers: (h: Record<string, string>) => ({ ...h, 'request-time': String(Number(h['request-time']) + 1) }) },
    ],
    ['with a body changed after signing', { body: '{"a":1}', sent: '{"a":2}' }],
  ])('refuses a call %s with F INVALID_SIGNATURE and does not act', async (_, options) => {
    const { app, simulator } = setup()
    const { privateKey, ...rest } = options as Post & { privateKey?: 'other' }
    const response = await post(app, { ...rest, ...(privateKey ? { privateKey: otherKeys.merchantPrivateKey } : {}) })
    expect(await resultOf(response)).toMatchObject({ resultCode: 'INVALID_SIGNATURE', resultStatus: 'F' })
    noCalls(simulator)
  })

  it('answers malformed JSON with F PARAM_ILLEGAL', async () => {
    const { app, simulator } = setup()
    const response = await post(app, { body: '{"paymentRequestId": ' })
    expect(await resultOf(response)).toMatchObject({ resultCode: 'PARAM_ILLEGAL', resultStatus: 'F' })
    noCalls(simulator)
  })

  it('answers an endpoint it does not know with NO_INTERFACE_DEF', async () => {
    const { app } = setup()
    const target = '/ams/sandbox/api/v1/payments/teleport'
    const response = await post(app, { target, body: '{}' })
    expect(await resultOf(response)).toMatchObject({ resultCode: 'NO_INTERFACE_DEF' })
  })

  it('withholds a faulted answer as the 599 marker when no socket is at hand', async () => {
    const { app, simulator } = setup()
    simulator.faults.next({ kind: 'timeoutAfter', holdMs: 25 })
    const response = await post(app, {})
    expect(response.status).toBe(599)
    expect(readWithheld(response)).toEqual({ fault: 'timeoutAfter', holdMs: 25 })
    simulator.faults.next({ kind: 'dropConnection' })
    expect(readWithheld(await post(app, {}))).toEqual({ fault: 'dropConnection', holdMs: 0 })
    simulator.faults.next({ kind: 'timeoutBefore' })
    expect(readWithheld(await post(app, {}))).toEqual({ fault: 'timeoutBefore', holdMs: undefined })
    expect(simulator.calls().map((call) => call.fault)).toEqual(['timeoutAfter', 'dropConnection', 'timeoutBefore'])
  })

  it('leaves an ordinary response alone in readWithheld', async () => {
    const { app } = setup()
    expect(readWithheld(await post(app, {}))).toBeUndefined()
    expect(readWithheld(new Response(null, { status: 599 }))).toBeUndefined()
  })
})
