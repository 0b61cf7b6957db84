import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { faultSuite } from './faults.suite.js'
import { lyingAnswerSuite } from './lying-answers.suite.js'
import { type Gateway, roundTripSuite } from './roundtrip.suite.js'
import { type SimulatorServer, startSimulatorServer } from './server.js'
import { CLIENT_ID, clientRunner, fetchLayer, inquiry, uniqueId } from './wire.fixtures.js'

let server: SimulatorServer | undefined

beforeAll(async () => {
  server = await startSimulatorServer({ clientId: CLIENT_ID })
})
afterAll(() => server?.close())

const current = (): Gateway & { readonly server: SimulatorServer } => {
  if (server === undefined) throw new Error('not set up')
  return { simulator: server.simulator, keys: server.keys, baseUrl: server.url, server }
}

roundTripSuite('real HTTP server', current)
faultSuite('real HTTP server', current)
lyingAnswerSuite('real HTTP server', current)

describe('real HTTP server', () => {
  it('listens on 127.0.0.1 at a free port, and the simulator’s pages live there', () => {
    const { server: s } = current()
    expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(s.simulator.config.baseUrl).toBe(s.url)
    expect(s.clientId).toBe(CLIENT_ID)
  })

  it('a held request fails the client at its own timeout, and close() cuts held connections at once', async () => {
    const { simulator, keys, baseUrl } = current()
    simulator.faults.next({ kind: 'timeoutBefore', endpoint: 'inquiryPayment' })
    const runner = clientRunner({ baseUrl, keys }, fetchLayer({ timeoutMs: 50 }))
    const failure = await runner.error((c) => c.inquiryPayment(inquiry(uniqueId('PAY'))))
    expect(failure).toMatchObject({ _tag: 'OutcomeUnknown', reason: 'timeout' })

    const other = await startSimulatorServer({ keys, clientId: CLIENT_ID })
    other.simulator.faults.next({ kind: 'timeoutBefore' })
    const held = clientRunner({ baseUrl: other.url, keys }, fetchLayer({ timeoutMs: 5_000 })).error((c) =>
      c.inquiryPayment(inquiry(uniqueId('PAY'))),
    )
    await expect.poll(() => other.simulator.calls().length).toBe(1)
    const started = Date.now()
    await other.close()
    expect(await held).toMatchObject({ _tag: 'OutcomeUnknown', reason: 'connectionLost' })
    expect(Date.now() - started).toBeLessThan(1_000)
  })

  it('defaults: a sandbox client id and fresh keys', async () => {
    const other = await startSimulatorServer()
    try {
      expect(other.clientId).toBe('SANDBOX_PAYCHART_SIM')
      expect(other.keys.merchantPrivateKey).toMatch(/^MII/)
      expect(other.keys.gatewayPublicKey).toMatch(/^MII/)
    } finally {
      await other.close()
    }
  })
})
