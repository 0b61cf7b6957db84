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
  const call = (endpoint: 'pay' | 'refund' | 'inquiryPayment', body: object) =>
    rawCall({ baseUrl, keys, endpoint, body }, simulatorTransport(app))
  return { simulator, app, call }
}

describe('an unsigned answer through the app and the in-process transport', () => {
  it('after: the gateway acted, the client gets the fault’s status and an unsigned F body', async () => {
    const { simulator, call } = setup()
    const id = uniqueId('PAY')
    simulator.faults.next({ kind: 'unsigned', when: 'after', endpoint: 'pay' })
    const answer = await call('pay', wirePay(id))
    expect(answer.status).toBe(500)
    expect(answer.headers.signature).toBeUndefined()
    expect(answer.headers['response-time']).toBeUndefined()
    expect(answer.headers['content-type']).toMatch(/^application\/json/)
    expect(answer.body).toEqual({
      result: { resultStatus: 'F', resultCode: 'PROCESS_FAIL', resultMessage: expect.any(String) },
    })
    expect(answer.verification).toEqual({ _tag: 'UnsignedAccepted', resultStatus: 'F' })
    expect(simulator.payment(id)?.status).toBe('authorized')

    const retried = await call('pay', wirePay(id))
    expect(retried.status).toBe(200)
    expect(retried.verification).toMatchObject({ _tag: 'SignatureVerified' })
    expect(retried.body.result).toMatchObject({ resultStatus: 'S' })
  })

  it('before: nothing acted; any status and a U result as asked', async () => {
    const { simulator, call } = setup()
    const id = uniqueId('PAY')
    simulator.faults.next({ kind: 'unsigned', when: 'before', httpStatus: 502, resultStatus: 'U' })
    const answer = await call('pay', wirePay(id))
    expect(answer).toMatchObject({
      status: 502,
      body: { result: { resultStatus: 'U', resultCode: 'UNKNOWN_EXCEPTION' } },
      verification: { _tag: 'UnsignedAccepted', resultStatus: 'U' },
    })
    expect(answer.headers.signature).toBeUndefined()
    expect(simulator.payment(id)).toBeUndefined()
  })
})
