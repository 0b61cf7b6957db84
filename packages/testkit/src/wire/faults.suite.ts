import { describe, expect, it } from 'vitest'
import type { Gateway } from './roundtrip.suite.js'
import { CLIENT_ID, cardPay, clientRunner, codeOf, fetchLayer, inquiry, uniqueId } from './wire.fixtures.js'

/** Faults and signatures through `makeAntomClient` and the fetch transport (one attempt each). */
export const faultSuite = (name: string, gateway: () => Gateway) =>
  describe(`faults and signatures through the client (${name})`, () => {
    const client = (timeoutMs = 2_000) =>
      clientRunner({ baseUrl: gateway().baseUrl, keys: gateway().keys, clientId: CLIENT_ID }, fetchLayer({ timeoutMs }))

    it('timeoutAfter: OutcomeUnknown, and the same request id then gets the withheld answer', async () => {
      const { simulator } = gateway()
      const request = cardPay({ id: uniqueId('PAY') })
      simulator.faults.next({ kind: 'timeoutAfter', endpoint: 'pay' })
      const failure = await client(150).error((c) => c.pay(request))
      expect(failure).toMatchObject({ _tag: 'OutcomeUnknown', reason: 'timeout' })
      expect(simulator.payment(String(request.paymentRequestId))?.status).toBe('authorized')

      const retried = await client().ok((c) => c.pay(request))
      expect(retried.result.resultCode).toBe('SUCCESS')
      expect(simulator.calls().at(-1)).toMatchObject({ endpoint: 'pay', replayed: true })
    })

    it('timeoutBefore with a hold: the connection closes unanswered, and nothing was done', async () => {
      const { simulator } = gateway()
      const request = cardPay({ id: uniqueId('PAY') })
      simulator.faults.next({ kind: 'timeoutBefore', endpoint: 'pay', holdMs: 30 })
      const started = Date.now()
      const failure = await client().error((c) => c.pay(request))
      expect(Date.now() - started).toBeGreaterThanOrEqual(25)
      expect(failure).toMatchObject({ _tag: 'OutcomeUnknown', reason: 'connectionLost' })
      expect(simulator.payment(String(request.paymentRequestId))).toBeUndefined()
    })

    it('dropConnection: OutcomeUnknown connectionLost', async () => {
      gateway().simulator.faults.next({ kind: 'dropConnection', endpoint: 'inquiryPayment' })
      const failure = await client().error((c) => c.inquiryPayment(inquiry(uniqueId('PAY'))))
      expect(failure).toMatchObject({ _tag: 'OutcomeUnknown', reason: 'connectionLost' })
    })

    it('unknown: the typed U UNKNOWN_EXCEPTION', async () => {
      gateway().simulator.faults.next({ kind: 'unknown', endpoint: 'pay' })
      const failure = await client().error((c) => c.pay(cardPay({ id: uniqueId('PAY') })))
      expect(failure).toMatchObject({ _tag: 'UNKNOWN_EXCEPTION', status: 'U' })
    })

    it('a request signed with another merchant key is refused: INVALID_SIGNATURE, nothing done', async () => {
      const { simulator, keys, baseUrl } = gateway()
      const calls = simulator.calls().length
      const wrongKey = keys.gatewayPrivateKey
      const request = cardPay({ id: uniqueId('PAY') })
      const runner = clientRunner({ baseUrl, keys, clientId: CLIENT_ID, merchantPrivateKey: wrongKey })
      const failure = await runner.error((c) => c.pay(request))
      expect(codeOf(failure)).toBe('INVALID_SIGNATURE')
      expect(failure).toMatchObject({ status: 'F' })
      expect(simulator.calls()).toHaveLength(calls)
      expect(simulator.payment(String(request.paymentRequestId))).toBeUndefined()
    })
  })
