import { type ExecutableCommand, Gateway, type PaymentSecrets } from '@paychart/core'
import type { GatewayCommand } from '@paychart/core/machine'
import { Effect, Layer, Redacted } from 'effect'
import { describe, expect, it } from 'vitest'
import { buildSignedContent, importPrivateKey, signatureHeader, signContent } from '../signing/index.js'
import { openssl } from '../signing/openssl.fixtures.js'
import { type HttpRequest, OutcomeUnknown, Transport } from '../transport.js'
import { antomGateway } from './antom-gateway.js'

const clientId = 'SANDBOX_5YBZ2M2ZJ8AJ01234'
const CARD = '4054695723100768'
const AT = 1_763_800_000_000
const usd = { currency: 'USD' as const, minor: 1_000 }
const success = { resultCode: 'SUCCESS', resultStatus: 'S', resultMessage: 'success' }
type Reply = object | 'timeout' | 'defect'

/** A gateway stand-in: answers each endpoint from `replies`, signed with the fixture key, and records every call. */
const fakeGateway = (replies: Record<string, Reply>) => {
  const seen: Array<HttpRequest> = []
  const transport = Layer.effect(
    Transport,
    Effect.gen(function* () {
      const signer = yield* importPrivateKey(openssl.keys.privatePkcs8Pem)
      return {
        send: (request: HttpRequest) =>
          Effect.gen(function* () {
            seen.push(request)
            const path = new URL(request.url).pathname
            const reply = replies[path.split('/').pop() ?? ''] ?? { result: success }
            if (reply === 'timeout')
              return yield* new OutcomeUnknown({ url: request.url, reason: 'timeout', detail: '' })
            if (reply === 'defect') return yield* Effect.die(new Error('boom'))
            const body = JSON.stringify(reply)
            const time = String(AT)
            const content = buildSignedContent({ method: 'POST', path, clientId, time, body })
            const signature = signatureHeader({ keyVersion: 1, signature: yield* signContent(signer, content) })
            return { status: 200, headers: { 'response-time': time, 'client-id': clientId, signature }, body }
          }),
      }
    }),
  )
  const gateway = antomGateway({
    clientId,
    merchantPrivateKey: openssl.keys.privatePkcs8Pem,
    antomPublicKey: openssl.keys.publicSpkiPem,
    baseUrl: 'https://gateway.test',
    now: () => AT,
  }).pipe(Layer.provide(transport))
  const execute = (command: GatewayCommand, secrets?: PaymentSecrets) =>
    Effect.runPromise(
      Gateway.use((g) =>
        g.execute({ ...command, commandId: 'c1', idempotencyKey: 'k1' } as ExecutableCommand, secrets),
      ).pipe(Effect.provide(gateway)),
    )
  const endpoints = () => seen.map((r) => r.url.split('/').pop())
  return { execute, seen, endpoints }
}

const cardPay = {
  kind: 'pay',
  paymentRequestId: 'PAY-1',
  amount: usd,
  paymentMethodType: 'CARD',
  captureMode: 'MANUAL',
  attempt: 1,
  requestDetails: {
    order: { referenceOrderId: 'O-1', orderDescription: 'Tea', orderAmount: usd },
    env: { terminalType: 'WEB' },
    settlementStrategy: { settlementCurrency: 'USD' },
    paymentRedirectUrl: 'https://shop.example/return',
    paymentMethod: { paymentMethodType: 'CARD' },
  },
} as const
const card = { cardMetaData: Redacted.make({ cardNo: CARD, cvv: '123', expiryMonth: '12', expiryYear: '30' }) }

describe('antomGateway', () => {
  it('sends a card pay with the card data only in the signed body, and reads the answer as PAY_ANSWERED', async () => {
    const gw = fakeGateway({ pay: { result: success, paymentId: 'P1' } })
    const event = await gw.execute(cardPay, card)
    expect(event).toEqual({ type: 'PAY_ANSWERED', at: AT, result: success, paymentId: 'P1' })
    expect(JSON.parse(gw.seen[0]?.body ?? '{}').paymentMethod.paymentMethodMetaData.cardNo).toBe(CARD)
    expect(JSON.stringify(event)).not.toContain(CARD)
  })

  it('does not send a card pay without its card data, nor a verification without its OTP', async () => {
    const gw = fakeGateway({})
    expect(await gw.execute(cardPay)).toEqual({
      type: 'GATEWAY_UNANSWERED',
      at: AT,
      operation: 'pay',
      reason: 'network',
    })
    const verify = { kind: 'verifyAndCompletePayment', paymentId: 'P1', verifyRequestId: 'V1' } as const
    expect(await gw.execute(verify, {})).toMatchObject({
      type: 'GATEWAY_UNANSWERED',
      operation: 'verifyAndCompletePayment',
      requestId: 'V1',
      reason: 'network',
    })
    expect(gw.seen).toHaveLength(0)
  })

  it('sends a tokenized card pay (paymentMethodId) without card data', async () => {
    const gw = fakeGateway({ pay: { result: success, paymentId: 'P1' } })
    const tokenized = {
      ...cardPay,
      requestDetails: {
        ...cardPay.requestDetails,
        paymentMethod: { paymentMethodType: 'CARD', paymentMethodId: 'T1' },
      },
    }
    expect(await gw.execute(tokenized)).toMatchObject({ type: 'PAY_ANSWERED', paymentId: 'P1' })
    expect(gw.endpoints()).toEqual(['pay'])
  })

  it('looks the paymentId up before a capture or refund that lacks it', async () => {
    const gw = fakeGateway({
      inquiryPayment: { result: success, paymentId: 'P9', paymentStatus: 'SUCCESS' },
      capture: { result: success, captureAmount: { currency: 'USD', value: '1000' } },
    })
    const capture = { kind: 'capture', paymentRequestId: 'PAY-1', captureRequestId: 'C1', amount: usd } as const
    expect(await gw.execute(capture)).toMatchObject({ type: 'CAPTURE_ANSWERED', captureRequestId: 'C1', amount: usd })
    expect(gw.endpoints()).toEqual(['inquiryPayment', 'capture'])
    expect(JSON.parse(gw.seen[1]?.body ?? '{}')).toMatchObject({ paymentId: 'P9', captureRequestId: 'C1' })
    await gw.execute({ ...capture, paymentId: 'P9' })
    expect(gw.endpoints()).toEqual(['inquiryPayment', 'capture', 'capture'])
  })

  it('reports a failed lookup: the gateway’s code as the answer, no answer as never sent', async () => {
    const refund = { kind: 'refund', paymentRequestId: 'PAY-1', refundRequestId: 'R1', amount: usd } as const
    const missing = fakeGateway({ inquiryPayment: { result: { resultCode: 'ORDER_NOT_EXIST', resultStatus: 'F' } } })
    expect(await missing.execute(refund)).toMatchObject({
      type: 'REFUND_ANSWERED',
      refundRequestId: 'R1',
      result: { resultStatus: 'F', resultCode: 'ORDER_NOT_EXIST' },
    })
    const silent = fakeGateway({ inquiryPayment: 'timeout' })
    expect(await silent.execute(refund)).toMatchObject({
      type: 'GATEWAY_UNANSWERED',
      operation: 'refund',
      requestId: 'R1',
      reason: 'network',
    })
    expect(silent.endpoints()).toEqual(['inquiryPayment'])
  })

  it('answers an invalid id PARAM_ILLEGAL without calling, a timeout as unknown, and survives a defect', async () => {
    const gw = fakeGateway({ cancel: 'timeout', inquiryRefund: 'defect' })
    expect(await gw.execute({ kind: 'inquiryPayment', paymentRequestId: 'x'.repeat(65) })).toMatchObject({
      type: 'INQUIRY_ANSWERED',
      result: { resultStatus: 'F', resultCode: 'PARAM_ILLEGAL' },
    })
    expect(gw.seen).toHaveLength(0)
    expect(await gw.execute({ kind: 'cancel', paymentRequestId: 'PAY-1' })).toMatchObject({
      type: 'GATEWAY_UNANSWERED',
      operation: 'cancel',
      reason: 'timeout',
    })
    expect(await gw.execute({ kind: 'inquiryRefund', refundRequestId: 'R1' })).toMatchObject({
      type: 'GATEWAY_UNANSWERED',
      operation: 'inquiryRefund',
      requestId: 'R1',
      reason: 'timeout',
    })
  })

  it('asks by paymentId too when it is known', async () => {
    const gw = fakeGateway({ inquiryPayment: { result: success, paymentStatus: 'PROCESSING' } })
    await gw.execute({ kind: 'inquiryPayment', paymentRequestId: 'PAY-1', paymentId: 'P1' })
    expect(JSON.parse(gw.seen[0]?.body ?? '{}')).toEqual({ paymentRequestId: 'PAY-1', paymentId: 'P1' })
  })
})
