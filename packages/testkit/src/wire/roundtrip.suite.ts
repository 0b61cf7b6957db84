import { asksForOtp } from '@paychart/antom'
import { Effect } from 'effect'
import { describe, expect, it } from 'vitest'
import type { Simulator } from '../simulator/index.js'
import type { SimulatorKeys } from './keys.js'
import {
  CLIENT_ID,
  cancelRequest,
  captureRequest,
  cardPay,
  clientRunner,
  codeOf,
  DECLINE_VISA,
  inquiry,
  inquiryRefund,
  OTP_VISA,
  RETURN_URL,
  refundRequest,
  sessionRequest,
  THREE_DS_VISA,
  uniqueId,
  verifyRequest,
} from './wire.fixtures.js'

/** What a round-trip suite runs against: a simulator reachable at `baseUrl` through the global fetch. */
export interface Gateway {
  readonly simulator: Simulator
  readonly keys: SimulatorKeys
  readonly baseUrl: string
}

/**
 * Every endpoint through `makeAntomClient` and the real `@paychart/fetch` transport, signed both ways; the same
 * tests run under msw and over a real local server.
 */
export const roundTripSuite = (name: string, gateway: () => Gateway) =>
  describe(`every endpoint round-trips (${name})`, () => {
    const client = () => clientRunner({ baseUrl: gateway().baseUrl, keys: gateway().keys, clientId: CLIENT_ID })

    it('pay (card, manual capture), inquiryPayment, capture, refund, over-refund, inquiryRefund', async () => {
      const id = uniqueId('PAY')
      const { ok, error } = client()
      const paid = await ok((c) => c.pay(cardPay({ id, minor: 2500 })))
      expect(paid.result).toMatchObject({ resultStatus: 'S', resultCode: 'SUCCESS' })
      const paymentId = paid.paymentId ?? ''
      expect(gateway().simulator.payment(id)?.status).toBe('authorized')

      const inquired = await ok((c) => c.inquiryPayment(inquiry(id)))
      expect(inquired.paymentId).toBe(paymentId)
      expect(inquired.paymentStatus).toBe('SUCCESS')

      const captured = await ok((c) => c.capture(captureRequest(uniqueId('CAP'), paymentId, 2500)))
      expect(captured.result.resultStatus).toBe('S')
      expect(captured.captureAmount).toEqual({ currency: 'USD', minor: 2500 })

      const refundId = uniqueId('REF')
      const refunded = await ok((c) => c.refund(refundRequest(refundId, paymentId, 1000)))
      expect(refunded.refundAmount).toEqual({ currency: 'USD', minor: 1000 })
      const over = await error((c) => c.refund(refundRequest(uniqueId('REF'), paymentId, 2000)))
      expect(codeOf(over)).toBe('REFUND_AMOUNT_EXCEED')

      const refund = await ok((c) => c.inquiryRefund(inquiryRefund(refundId)))
      expect(refund.result.resultStatus).toBe('S')
      expect(refund.refundRequestId).toBe(refundId)
      expect(gateway().simulator.payment(id)?.refunded.minor).toBe(1000)
    })

    it('pay with a declined card fails with the typed DO_NOT_HONOR', async () => {
      const failure = await client().error((c) => c.pay(cardPay({ id: uniqueId('PAY'), cardNo: DECLINE_VISA })))
      expect(failure).toMatchObject({ _tag: 'DO_NOT_HONOR', status: 'F' })
    })

    it('pay with a 3DS card answers PAYMENT_IN_PROCESS with the challenge page, which settles it', async () => {
      const id = uniqueId('PAY')
      const paid = await client().ok((c) => c.pay(cardPay({ id, cardNo: THREE_DS_VISA })))
      expect(paid.result).toMatchObject({ resultStatus: 'U', resultCode: 'PAYMENT_IN_PROCESS' })
      const normalUrl = paid.normalUrl ?? ''
      expect(normalUrl).toBe(`${gateway().baseUrl}/sim/3ds/${paid.paymentId}`)

      const page = await fetch(normalUrl)
      expect(page.status).toBe(200)
      expect(await page.text()).toContain('>Pass</button>')
      const passed = await fetch(normalUrl, {
        method: 'POST',
        body: new URLSearchParams({ outcome: 'pass' }),
        redirect: 'manual',
      })
      expect(passed.status).toBe(303)
      expect(passed.headers.get('location')).toBe(RETURN_URL)
      const inquired = await client().ok((c) => c.inquiryPayment(inquiry(id)))
      expect(inquired.paymentStatus).toBe('SUCCESS')
    })

    it('createPaymentSession answers a session and its Checkout Page', async () => {
      const id = uniqueId('SES')
      const session = await client().ok((c) => c.createPaymentSession(sessionRequest(id)))
      expect(session.result.resultStatus).toBe('S')
      expect(session.normalUrl).toBe(`${gateway().baseUrl}/sim/checkout/${session.paymentSessionId}`)
      expect(gateway().simulator.session(session.paymentSessionId ?? '')?.status).toBe('open')
    })

    it('verifyAndCompletePayment: a wrong OTP is the typed VERIFY_UNMATCHED, the right one S', async () => {
      const id = uniqueId('PAY')
      const { ok, error } = client()
      const paid = await ok((c) => c.pay(cardPay({ id, cardNo: OTP_VISA })))
      expect(paid.result.resultCode).toBe('PAYMENT_IN_PROCESS')
      expect(asksForOtp(paid.paymentActionForm)).toBe(true)
      const paymentId = paid.paymentId ?? ''
      const wrong = await error((c) => c.verifyAndCompletePayment(verifyRequest(uniqueId('VER'), paymentId, '000000')))
      expect(wrong).toMatchObject({ _tag: 'VERIFY_UNMATCHED' })
      const right = await ok((c) => c.verifyAndCompletePayment(verifyRequest(uniqueId('VER'), paymentId, '123456')))
      expect(right.result).toMatchObject({ resultStatus: 'S', resultCode: 'SUCCESS' })
      expect(gateway().simulator.payment(id)?.status).toBe('authorized')
    })

    it('cancel voids an authorized payment', async () => {
      const id = uniqueId('PAY')
      const { ok } = client()
      await ok((c) => c.pay(cardPay({ id })))
      const cancelled = await ok((c) => c.cancel(cancelRequest(id)))
      expect(cancelled.result.resultStatus).toBe('S')
      expect(gateway().simulator.payment(id)?.status).toBe('cancelled')
      const after = await ok((c) => c.inquiryPayment(inquiry(id)).pipe(Effect.map((r) => r.paymentStatus)))
      expect(after).toBe('CANCELLED')
    })
  })
