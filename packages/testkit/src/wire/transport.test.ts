import { EventEmitter } from 'node:events'
import { type HttpRequest, Transport } from '@paychart/antom'
import { Effect, type Layer } from 'effect'
import { beforeAll, describe, expect, it } from 'vitest'
import { createSimulator, type Simulator } from '../simulator/index.js'
import { createSimulatorApp } from './app.js'
import { generateSimulatorKeys, type SimulatorKeys } from './keys.js'
import { type NodeSocketLike, withhold } from './node-socket.js'
import { hold, readWithheld } from './silence.js'
import { simulatorApiTransport, simulatorTransport } from './transport.js'
import { CLIENT_ID, cardPay, clientRunner, codeOf, inquiry, uniqueId } from './wire.fixtures.js'

let keys: SimulatorKeys
beforeAll(async () => {
  keys = await generateSimulatorKeys()
})

const baseUrl = 'http://in-process.test'

type InProcess = (simulator: Simulator) => Layer.Layer<Transport>

const throughTheApp: InProcess = (simulator) =>
  simulatorTransport(createSimulatorApp({ simulator, keys, clientId: CLIENT_ID }))
const straightToTheApi: InProcess = (simulator) => simulatorApiTransport({ simulator, keys, clientId: CLIENT_ID })

describe.each([
  ['simulatorTransport', throughTheApp],
  ['simulatorApiTransport', straightToTheApi],
])('%s', (_, inProcess) => {
  const setup = () => {
    const simulator = createSimulator({ baseUrl })
    const transport = inProcess(simulator)
    return { simulator, transport, client: clientRunner({ baseUrl, keys }, transport) }
  }
  const send = (transport: Layer.Layer<Transport>, request: HttpRequest) =>
    Effect.runPromise(Transport.use((t) => t.send(request)).pipe(Effect.provide(transport)))

  it('round-trips with no network: signed, verified, decoded', async () => {
    const { simulator, client } = setup()
    const id = uniqueId('PAY')
    const paid = await client.ok((c) => c.pay(cardPay({ id })))
    expect(paid.result.resultCode).toBe('SUCCESS')
    const inquired = await client.ok((c) => c.inquiryPayment(inquiry(id)))
    expect(inquired.paymentStatus).toBe('SUCCESS')
    expect(simulator.calls().map((call) => call.endpoint)).toEqual(['pay', 'inquiryPayment'])
  })

  it('hands back status, lower-cased headers and the raw body', async () => {
    const { transport } = setup()
    const request: HttpRequest = { method: 'POST', url: `${baseUrl}/ams/api/v1/payments/pay`, headers: {}, body: '{}' }
    const response = await send(transport, request)
    expect(response.status).toBe(200)
    expect(response.headers['content-type']).toMatch(/^application\/json/)
    expect(JSON.parse(response.body).result.resultCode).toBe('INVALID_SIGNATURE')
  })

  it('answers a path outside the API 404, and the sandbox path as the live one', async () => {
    const { transport, simulator } = setup()
    const post = (path: string) => ({ method: 'POST' as const, url: `${baseUrl}${path}`, headers: {}, body: '{}' })
    expect((await send(transport, post('/ams/api/v1/refunds/pay'))).status).toBe(404)
    expect((await send(transport, post('/ams/api/v1/payments/pay/extra'))).status).toBe(404)
    const sandbox = await send(transport, post('/ams/sandbox/api/v1/payments/pay'))
    expect(JSON.parse(sandbox.body).result.resultCode).toBe('INVALID_SIGNATURE')
    expect(simulator.calls()).toEqual([])
  })

  it("an unsigned fault: the fault's HTTP status, JSON, no signature headers; the client leaves it unverified", async () => {
    const { simulator, client } = setup()
    simulator.faults.next({ kind: 'unsigned', when: 'after', httpStatus: 502 })
    const failure = await client.error((c) => c.pay(cardPay({ id: uniqueId('PAY') })))
    expect(failure).toMatchObject({ _tag: 'UnverifiedAnswer', httpStatus: 502, reason: 'httpStatus' })
  })

  it.each([
    ['timeoutAfter', 'timeout'],
    ['timeoutBefore', 'timeout'],
    ['dropConnection', 'connectionLost'],
  ] as const)('maps %s to OutcomeUnknown %s at once', async (kind, reason) => {
    const { simulator, client } = setup()
    simulator.faults.next({ kind })
    const started = Date.now()
    const failure = await client.error((c) => c.pay(cardPay({ id: uniqueId('PAY') })))
    expect(failure).toMatchObject({ _tag: 'OutcomeUnknown', reason })
    expect(Date.now() - started).toBeLessThan(1_000)
  })

  it('unknown: U UNKNOWN_EXCEPTION (typed for pay, UnknownResultCode where the table does not list it)', async () => {
    const { simulator, client } = setup()
    simulator.faults.next({ kind: 'unknown', count: 2 })
    const pay = await client.error((c) => c.pay(cardPay({ id: uniqueId('PAY') })))
    expect(pay).toMatchObject({ _tag: 'UNKNOWN_EXCEPTION', status: 'U' })
    const inquired = await client.error((c) => c.inquiryPayment(inquiry('PAY-X')))
    expect(inquired).toMatchObject({ _tag: 'UnknownResultCode', code: 'UNKNOWN_EXCEPTION', status: 'U' })
    expect(codeOf(inquired)).toBe('UNKNOWN_EXCEPTION')
  })
})

it('generateSimulatorKeys: bare Base64 PKCS#8 and SPKI, two different pairs', () => {
  expect(keys.merchantPrivateKey).toMatch(/^[A-Za-z0-9+/]+=*$/)
  expect(Buffer.from(keys.merchantPublicKey, 'base64').length).toBe(294)
  expect(keys.merchantPublicKey).not.toBe(keys.gatewayPublicKey)
})

const fakeSocket = () => {
  const events = new EventEmitter()
  const socket = {
    destroyed: false,
    destroyCalls: 0,
    destroy() {
      socket.destroyCalls += 1
      socket.destroyed = true
    },
    once: (event: 'close', listener: () => void) => events.once(event, listener),
    close: () => events.emit('close'),
  }
  return socket satisfies NodeSocketLike
}

const settled = async (promise: Promise<unknown>) => {
  let done = false
  void promise.then(() => {
    done = true
  })
  await new Promise((resolve) => setTimeout(resolve, 20))
  return done
}

describe('holding and withholding', () => {
  it('hold waits for the time or the abort, whichever comes first; forever without either', async () => {
    expect(await settled(hold(0, undefined))).toBe(true)
    expect(await settled(hold(5, undefined))).toBe(true)
    expect(await settled(hold(10_000, undefined))).toBe(false)
    const controller = new AbortController()
    const pending = hold(undefined, controller.signal)
    expect(await settled(pending)).toBe(false)
    controller.abort()
    expect(await settled(pending)).toBe(true)
  })

  it('served by node: holds until the client closes its socket, then destroys it', async () => {
    const socket = fakeSocket()
    const pending = withhold({ incoming: { socket } }, { fault: 'timeoutAfter', holdMs: undefined })
    expect(await settled(pending)).toBe(false)
    expect(socket.destroyCalls).toBe(0)
    socket.close()
    expect(await settled(pending)).toBe(true)
    expect(socket.destroyCalls).toBe(1)
  })

  it('served by node: a drop destroys the socket at once; a hold with holdMs destroys it after that', async () => {
    const dropped = fakeSocket()
    await withhold({ incoming: { socket: dropped } }, { fault: 'dropConnection', holdMs: 0 })
    expect(dropped.destroyCalls).toBe(1)
    const held = fakeSocket()
    const started = Date.now()
    await withhold({ incoming: { socket: held } }, { fault: 'timeoutBefore', holdMs: 30 })
    expect(Date.now() - started).toBeGreaterThanOrEqual(25)
    expect(held.destroyCalls).toBe(1)
  })

  it('anywhere else: the marker, at once', async () => {
    const response = await withhold(undefined, { fault: 'timeoutBefore', holdMs: 40 })
    expect(readWithheld(response)).toEqual({ fault: 'timeoutBefore', holdMs: 40 })
  })
})
