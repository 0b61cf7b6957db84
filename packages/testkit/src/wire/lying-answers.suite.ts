import { describe, expect, it } from 'vitest'
import type { Gateway } from './roundtrip.suite.js'
import { rawCall, wirePay } from './signed-call.fixtures.js'
import { uniqueId } from './wire.fixtures.js'

/**
 * Unsigned and tampered answers as a client receives them over the fetch transport (one attempt): the status,
 * the headers, the body, and what `verifyResponse` makes of them.
 */
export const lyingAnswerSuite = (name: string, gateway: () => Gateway) =>
  describe(`unsigned and tampered answers (${name})`, () => {
    const call = (endpoint: 'pay' | 'inquiryPayment', body: object) =>
      rawCall({ baseUrl: gateway().baseUrl, keys: gateway().keys, endpoint, body })

    it('unsigned after: the fault’s status, no signature, the gateway acted', async () => {
      const { simulator } = gateway()
      const id = uniqueId('PAY')
      simulator.faults.next({ kind: 'unsigned', when: 'after', endpoint: 'pay', httpStatus: 503 })
      const answer = await call('pay', wirePay(id))
      expect(answer).toMatchObject({
        status: 503,
        body: { result: { resultStatus: 'F', resultCode: 'PROCESS_FAIL' } },
        verification: { _tag: 'UnsignedAccepted', resultStatus: 'F' },
      })
      expect(answer.headers.signature).toBeUndefined()
      expect(answer.headers['response-time']).toBeUndefined()
      expect(simulator.payment(id)?.status).toBe('authorized')
    })

    it('tamper: the answer verifies, yet tells another amount', async () => {
      const { simulator } = gateway()
      const id = uniqueId('PAY')
      simulator.faults.next({ kind: 'tamper', field: 'amount', endpoint: 'pay' })
      const answer = await call('pay', wirePay(id, 2400))
      expect(answer.status).toBe(200)
      expect(answer.verification).toMatchObject({ _tag: 'SignatureVerified' })
      expect(answer.body).toMatchObject({ paymentAmount: { currency: 'USD', value: '100' } })
      expect(simulator.payment(id)?.amount).toEqual({ currency: 'USD', minor: 2400 })
    })
  })
