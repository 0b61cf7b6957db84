import type { Schema } from 'effect'
import { describe, expect, it } from 'vitest'
import { CancelRequest, CancelResponse } from './cancel.js'
import { CaptureRequest, CaptureResponse } from './capture.js'
import { ApiResult } from './common.js'
import * as built from './constructed-samples.fixtures.js'
import { decodeNotification, decodeResponse, decodeWire } from './decode.js'
import { encodeWire } from './encode.js'
import { InquiryPaymentRequest, InquiryPaymentResponse } from './inquiry.js'
import {
  CaptureNotification,
  NOTIFICATION_ACK_BODY,
  Notification,
  PaymentNotification,
  RefundNotification,
} from './notifications.js'
import { PayRequest, PayResponse } from './pay.js'
import { InquiryRefundRequest, InquiryRefundResponse, RefundRequest, RefundResponse } from './refund.js'
import { parse, runErr, runOk, withoutPaths } from './schemas.fixtures.js'
import { CreatePaymentSessionRequest, CreatePaymentSessionResponse } from './session.js'
import * as spec from './spec-samples.fixtures.js'
import { VerifyAndCompletePaymentRequest, VerifyAndCompletePaymentResponse } from './verify.js'

type Codec = Schema.Codec<unknown, unknown>

interface Sample {
  readonly name: string
  readonly schema: Codec
  readonly raw: string
  /** Fields of the sample the schema does not model: decoding drops them, so the round trip comes back without. */
  readonly dropped?: ReadonlyArray<string>
}

const SPEC_SAMPLES: ReadonlyArray<Sample> = [
  { name: 'pay request, card (card-authorization-api.txt)', schema: PayRequest, raw: spec.payCardRequest },
  { name: 'pay response, card (card-authorization-api.txt)', schema: PayResponse, raw: spec.payCardResponse },
  {
    name: 'notifyPayment, card (card-authorization-api.txt)',
    schema: PaymentNotification,
    raw: spec.notifyPaymentCard,
    dropped: ['paymentResultInfo.threeDSResult.caav'],
  },
  {
    name: 'createPaymentSession request (embedded-checkout-page.txt)',
    schema: CreatePaymentSessionRequest,
    raw: spec.createPaymentSessionRequest,
  },
  {
    name: 'createPaymentSession response (embedded-checkout-page.txt)',
    schema: CreatePaymentSessionResponse,
    raw: spec.createPaymentSessionResponse,
  },
  {
    name: 'notifyPayment, wallet (embedded-checkout-page.txt)',
    schema: PaymentNotification,
    raw: spec.notifyPaymentWallet,
    dropped: ['customsDeclarationAmount', 'pspCustomerInfo', 'pspPaymentId'],
  },
  {
    name: 'inquiryPayment response (embedded-checkout-page.txt)',
    schema: InquiryPaymentResponse,
    raw: spec.inquiryPaymentResponse,
  },
  { name: 'notifyPayment, 3DS (embedded-checkout-page.txt)', schema: PaymentNotification, raw: spec.notifyPayment3ds },
  {
    name: 'notifyPayment, card token (embedded-checkout-page.txt)',
    schema: PaymentNotification,
    raw: spec.notifyPaymentCardToken,
  },
]

const CONSTRUCTED: ReadonlyArray<Sample> = [
  { name: 'pay request, wallet', schema: PayRequest, raw: built.payWalletRequest },
  { name: 'pay response, in process', schema: PayResponse, raw: built.payInProcessResponse },
  { name: 'verifyAndCompletePayment request', schema: VerifyAndCompletePaymentRequest, raw: built.verifyRequest },
  { name: 'verifyAndCompletePayment response', schema: VerifyAndCompletePaymentResponse, raw: built.verifyResponse },
  { name: 'inquiryPayment request', schema: InquiryPaymentRequest, raw: built.inquiryPaymentRequest },
  { name: 'capture request', schema: CaptureRequest, raw: built.captureRequest },
  { name: 'capture response', schema: CaptureResponse, raw: built.captureResponse },
  { name: 'cancel request', schema: CancelRequest, raw: built.cancelRequest },
  { name: 'cancel response', schema: CancelResponse, raw: built.cancelResponse },
  { name: 'refund request', schema: RefundRequest, raw: built.refundRequest },
  { name: 'refund response', schema: RefundResponse, raw: built.refundResponse },
  { name: 'inquiryRefund request', schema: InquiryRefundRequest, raw: built.inquiryRefundRequest },
  { name: 'inquiryRefund response', schema: InquiryRefundResponse, raw: built.inquiryRefundResponse },
  { name: 'notifyCapture', schema: CaptureNotification, raw: built.notifyCapture },
  { name: 'notifyRefund', schema: RefundNotification, raw: built.notifyRefund },
  { name: 'notifyPayment, pending', schema: PaymentNotification, raw: built.notifyPaymentPending },
]

const roundTrip = ({ schema, raw, name }: Sample) => {
  const decoded = runOk(decodeResponse(schema, raw, name))
  const encoded = runOk(encodeWire(schema, decoded, name))
  return { decoded, encoded }
}

describe.each([
  ['samples from the specification', SPEC_SAMPLES],
  ['constructed samples', CONSTRUCTED],
])('%s round-trip', (_, samples) => {
  it.each(samples.map((sample) => [sample.name, sample] as const))('%s', (_, sample) => {
    const { encoded } = roundTrip(sample)
    expect(encoded).toEqual(withoutPaths(parse(sample.raw), sample.dropped ?? []))
    // and the wire form decodes again to the same wire form
    expect(
      runOk(encodeWire(sample.schema, runOk(decodeWire(sample.schema, encoded, sample.name)), sample.name)),
    ).toEqual(encoded)
  })
})

describe('decoded values', () => {
  it('reads amounts as Money in minor units', () => {
    const { decoded } = roundTrip(SPEC_SAMPLES[0] as Sample)
    expect((decoded as PayRequest).paymentAmount).toEqual({ currency: 'EUR', minor: 30000 })
    expect((decoded as PayRequest).order.goods?.[0]?.goodsUnitAmount).toEqual({ currency: 'EUR', minor: 30000 })
  })

  it('reads the inquiry transactions and the payment status', () => {
    const inquiry = runOk(decodeResponse(InquiryPaymentResponse, spec.inquiryPaymentResponse, 'inquiryPayment'))
    expect(inquiry.paymentStatus).toBe('SUCCESS')
    expect(inquiry.transactions?.map((t) => [t.transactionType, t.transactionStatus])).toEqual([['CAPTURE', 'SUCCESS']])
    expect(inquiry.transactions?.[0]?.transactionAmount).toEqual({ currency: 'USD', minor: 110 })
  })

  it('tells notifications apart by notifyType', () => {
    const kinds = [spec.notifyPaymentCard, built.notifyCapture, built.notifyRefund, built.notifyPaymentPending].map(
      (raw) => runOk(decodeNotification(raw)),
    )
    expect(kinds.map((n) => n.notifyType)).toEqual([
      'PAYMENT_RESULT',
      'CAPTURE_RESULT',
      'REFUND_RESULT',
      'PAYMENT_PENDING',
    ])
    const [, capture, refund] = kinds
    expect(capture?.notifyType === 'CAPTURE_RESULT' && capture.captureAmount).toEqual({ currency: 'EUR', minor: 30000 })
    expect(refund?.notifyType === 'REFUND_RESULT' && refund.refundStatus).toBe('SUCCESS')
  })

  it('the Notification union decodes each kind by itself', () => {
    for (const raw of [spec.notifyPayment3ds, built.notifyCapture, built.notifyRefund]) {
      expect(runOk(decodeWire(Notification, parse(raw), 'notification')).notifyType).toBe(parse(raw).notifyType)
    }
    expect(runErr(decodeWire(Notification, { ...parse(built.notifyRefund), notifyType: 'X' }, 'n'))._tag).toBe(
      'WireDecodeError',
    )
  })

  it('acknowledges a notification with the body the specification fixes', () => {
    expect(JSON.parse(NOTIFICATION_ACK_BODY)).toEqual(parse(spec.notificationAck))
    expect(runOk(decodeWire(ApiResult, parse(NOTIFICATION_ACK_BODY).result, 'ack')).resultStatus).toBe('S')
  })
})
