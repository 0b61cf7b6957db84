import { HttpResponse, http } from 'msw'
import { type SetupServerApi, setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { createSimulator } from '../simulator/index.js'
import { createSimulatorApp, type SimulatorApp } from './app.js'
import { faultSuite } from './faults.suite.js'
import { generateSimulatorKeys } from './keys.js'
import { lyingAnswerSuite } from './lying-answers.suite.js'
import { simulatorHandlers } from './msw.js'
import { type Gateway, roundTripSuite } from './roundtrip.suite.js'
import { CLIENT_ID, cardPay, clientRunner, fetchLayer, inquiry, uniqueId } from './wire.fixtures.js'

const baseUrl = 'https://gateway.test'
let server: SetupServerApi
let gateway: Gateway | undefined
let app: SimulatorApp | undefined

beforeAll(async () => {
  const keys = await generateSimulatorKeys()
  const simulator = createSimulator({ baseUrl })
  app = createSimulatorApp({ simulator, keys, clientId: CLIENT_ID })
  server = setupServer(...simulatorHandlers({ app, baseUrl }))
  server.listen({ onUnhandledRequest: 'error' })
  gateway = { simulator, keys, baseUrl }
})
afterEach(() => {
  server.resetHandlers()
  vi.restoreAllMocks()
})
afterAll(() => server.close())

const current = (): Gateway & { readonly app: SimulatorApp } => {
  if (gateway === undefined || app === undefined) throw new Error('not set up')
  return { ...gateway, app }
}

roundTripSuite('msw', current)
faultSuite('msw', current)
lyingAnswerSuite('msw', current)

describe('msw adapter', () => {
  it('a response tampered with in transit fails the client with InvalidSignature', async () => {
    const { app: target, keys } = current()
    const id = uniqueId('PAY')
    await clientRunner({ baseUrl, keys }).ok((c) => c.pay(cardPay({ id })))
    server.use(
      http.post(`${baseUrl}/ams/*`, async ({ request }) => {
        const original = await target.fetch(request)
        const body = (await original.text()).replace('"result":{', '"result":{"note":"hi",')
        return new HttpResponse(body, { status: original.status, headers: original.headers })
      }),
    )
    const failure = await clientRunner({ baseUrl, keys }).error((c) => c.inquiryPayment(inquiry(id)))
    expect(failure).toMatchObject({ _tag: 'InvalidSignature', kind: 'response' })
  })

  it('releases a held request as soon as the client gives up', async () => {
    const { simulator, keys } = current()
    simulator.faults.next({ kind: 'timeoutBefore', endpoint: 'inquiryPayment' })
    let settled = 0
    server.events.on('request:end', () => {
      settled += 1
    })
    const runner = clientRunner({ baseUrl, keys }, fetchLayer({ timeoutMs: 50 }))
    const failure = await runner.error((c) => c.inquiryPayment(inquiry(uniqueId('PAY'))))
    expect(failure).toMatchObject({ _tag: 'OutcomeUnknown', reason: 'timeout' })
    await expect.poll(() => settled, { timeout: 1_000 }).toBe(1)
    server.events.removeAllListeners()
  })

  it('leaves other origins to onUnhandledRequest', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined)
    await expect(fetch('https://elsewhere.test/ams/api/v1/payments/pay', { method: 'POST' })).rejects.toThrow()
  })
})
