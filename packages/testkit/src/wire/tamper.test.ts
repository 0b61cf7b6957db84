import { beforeAll, describe, expect, it } from 'vitest'
import { createSimulator } from '../simulator/index.js'
import { createSimulatorApp } from './app.js'
import { generateSimulatorKeys, type SimulatorKeys } from './keys.js'
import { rawCall, wirePay } from './signed-call.fixtures.js'
import { simulatorTransport } from './transport.js'
import { CLIENT_ID, uniqueId } from './wire.fixtures.js'

let keys: SimulatorKeys
beforeAll(async () => {
  keys = await generateSimulatorKeys()
})

const baseUrl = 'http://in-process.test'

const setup = () => {
  const simulator = createSimulator({ baseUrl })
  const app = createSimulatorApp({ simulator, keys, clientId: CLIENT_ID })
  const call = (endpoint: 'pay' | 'capture' | 'inquiryPayment', body: object) =>
    rawCall({ baseUrl, keys, endpoint, body }, simulatorTransport(app))
  return { simulator, call }
}

describe('a tampered answer through the app and the in-process transport', () => {
  it.each([
    ['amount', { paymentAmount: { currency: 'USD', value: '100' } }],
    ['currency', { paymentAmount: { currency: 'EUR', value: '2400' } }],
    ['paymentId', { paymentId: 'SIMPAY999998' }],
  ] as const)('%s: signed and verified, yet the field lies', async (field, lie) => {
    const { simulator, call } = setup()
    const id = uniqueId('PAY')
    simulator.faults.next({ kind: 'tamper', field, endpoint: 'pay' })
    const answer = await call('pay', wirePay(id, 2400))
    expect(answer.status).toBe(200)
    expect(answer.headers.signature).toBeDefined()
    expect(answer.verification).toMatchObject({ _tag: 'SignatureVerified' })
    expect(answer.body).toMatchObject({ result: { resultStatus: 'S' }, ...lie })
    expect(simulator.payment(id)).toMatchObject({ paymentId: 'SIMPAY000001', amount: { currency: 'USD', minor: 2400 } })
  })

  it('a capture answer tells another captured amount, the gateway captured the true one', async () => {
    const { simulator, call } = setup()
    const id = uniqueId('PAY')
    await call('pay', wirePay(id, 2400))
    simulator.faults.next({ kind: 'tamper', field: 'amount', endpoint: 'capture' })
    const answer = await call('capture', {
      captureRequestId: uniqueId('CAP'),
      paymentId: 'SIMPAY000001',
      captureAmount: { currency: 'USD', value: '2400' },
    })
    expect(answer.verification).toMatchObject({ _tag: 'SignatureVerified' })
    expect(answer.body).toMatchObject({ captureAmount: { value: '100' } })
    expect(simulator.payment(id)?.captured).toEqual({ currency: 'USD', minor: 2400 })
  })
})
