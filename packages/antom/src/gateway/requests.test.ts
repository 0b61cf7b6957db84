import { applyEvents, type GatewayCommand, startPayment, stateOf } from '@paychart/core/machine'
import { Effect, Exit, Redacted } from 'effect'
import { describe, expect, it } from 'vitest'
import { encodeRequest } from '../schemas/index.js'
import { failureEvent } from './answer-events.js'
import { payRequest, sessionRequest, verifyRequest } from './requests.js'

const CARD = '4054695723100768'
const at = Date.UTC(2026, 10, 22)
const usd = { currency: 'USD' as const, minor: 1_099 }
const requestDetails = {
  order: { referenceOrderId: 'ORDER-1', orderDescription: 'Cappuccino', orderAmount: usd },
  env: { terminalType: 'WEB' },
  settlementStrategy: { settlementCurrency: 'USD' },
  paymentRedirectUrl: 'https://shop.example/return',
  paymentMethod: { paymentMethodType: 'CARD', paymentMethodMetaData: { is3DSAuthentication: true } },
}
const pay = (overrides: Partial<Extract<GatewayCommand, { kind: 'pay' }>> = {}) =>
  ({
    kind: 'pay',
    paymentRequestId: 'PAY-1',
    amount: usd,
    paymentMethodType: 'CARD',
    captureMode: 'MANUAL',
    requestDetails,
    attempt: 1,
    ...overrides,
  }) as const
const secrets = {
  cardMetaData: Redacted.make({ cardNo: CARD, cvv: '123', expiryMonth: '12', expiryYear: '30' }),
}

describe('pay request', () => {
  it('merges requestDetails with the command and the card fields, each card field Redacted', async () => {
    const request = Effect.runSync(payRequest(pay({ paymentExpiresAt: at }), secrets))
    expect(request).toMatchObject({
      productCode: 'CASHIER_PAYMENT',
      paymentRequestId: 'PAY-1',
      paymentAmount: usd,
      paymentFactor: { isAuthorization: true, captureMode: 'MANUAL' },
      paymentExpiryTime: '2026-11-22T00:00:00Z',
      order: { referenceOrderId: 'ORDER-1' },
      paymentMethod: { paymentMethodType: 'CARD', paymentMethodMetaData: { is3DSAuthentication: true } },
    })
    const metaData = request.paymentMethod.paymentMethodMetaData as Record<string, unknown>
    for (const field of ['cardNo', 'cvv', 'expiryMonth', 'expiryYear']) {
      expect(Redacted.isRedacted(metaData[field]), field).toBe(true)
    }
    const printed = `${JSON.stringify(request)} ${String(metaData.cardNo)} ${String(request)}`
    expect(printed).toContain('<redacted>')
    expect(printed).not.toContain(CARD)
    expect(printed).not.toContain('"123"')
    // Only the encoded body reveals the number.
    const body = await Effect.runPromise(encodeRequest('pay', request))
    expect(JSON.parse(body).paymentMethod.paymentMethodMetaData.cardNo).toBe(CARD)
  })

  it('sends no paymentFactor for a wallet, and a session asks for the Checkout Page', () => {
    const wallet = Effect.runSync(
      payRequest(
        pay({ paymentMethodType: 'ALIPAY_CN', requestDetails: { ...requestDetails, paymentMethod: {} } }),
        undefined,
      ),
    )
    expect(wallet.paymentFactor).toBeUndefined()
    expect(wallet.paymentMethod).toEqual({ paymentMethodType: 'ALIPAY_CN' })
    const session = Effect.runSync(
      sessionRequest({ kind: 'createPaymentSession', paymentRequestId: 'PAY-2', amount: usd, paymentExpiresAt: at }),
    )
    expect(session).toMatchObject({
      productCode: 'CASHIER_PAYMENT',
      productScene: 'CHECKOUT_PAYMENT',
      paymentRequestId: 'PAY-2',
      paymentSessionExpiryTime: '2026-11-22T00:00:00Z',
    })
  })

  it("sends a session's capture mode as paymentFactor.captureMode, beside the merchant's own paymentFactor", () => {
    const session = Effect.runSync(
      sessionRequest({
        kind: 'createPaymentSession',
        paymentRequestId: 'PAY-3',
        amount: usd,
        captureMode: 'MANUAL',
        requestDetails: { paymentFactor: { isAuthorization: true } },
      }),
    )
    expect(session.paymentFactor).toEqual({ isAuthorization: true, captureMode: 'MANUAL' })
  })

  it('carries the OTP Redacted', () => {
    const request = Effect.runSync(
      verifyRequest(
        { kind: 'verifyAndCompletePayment', paymentId: 'P1', verifyRequestId: 'V1' },
        Redacted.make('123456'),
      ),
    )
    expect(request.verifyMethod.verifyMethodType).toBe('SMS_OTP')
    expect(JSON.stringify(request)).not.toContain('123456')
    expect(JSON.stringify(request)).toContain('<redacted>')
  })

  it('cannot be built with an invalid id: a WireEncodeError, answered PARAM_ILLEGAL, the machine fails', () => {
    const command = pay({ paymentRequestId: 'PAY 1' })
    const exit = Effect.runSyncExit(payRequest(command, secrets))
    expect(Exit.isFailure(exit)).toBe(true)
    const error = Exit.isFailure(exit) ? exit.cause.reasons[0] : undefined
    const failure = error?._tag === 'Fail' ? error.error : undefined
    expect(failure).toMatchObject({ _tag: 'WireEncodeError', path: 'paymentRequestId' })
    if (failure === undefined) return
    const event = failureEvent(command, failure, at)
    expect(event).toMatchObject({ type: 'PAY_ANSWERED', result: { resultStatus: 'F', resultCode: 'PARAM_ILLEGAL' } })
    const input = { paymentRequestId: 'PAY 1', amount: usd, paymentMethodType: 'CARD', captureMode: 'MANUAL' } as const
    const machine = applyEvents(startPayment(input).snapshot, [{ type: 'SUBMIT', at }, event])
    expect(stateOf(machine.snapshot)).toBe('failed')
  })
})
