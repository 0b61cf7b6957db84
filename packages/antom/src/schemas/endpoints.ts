import { CancelRequest, CancelResponse } from './cancel.js'
import { CaptureRequest, CaptureResponse } from './capture.js'
import { InquiryPaymentRequest, InquiryPaymentResponse } from './inquiry.js'
import { PayRequest, PayResponse } from './pay.js'
import { InquiryRefundRequest, InquiryRefundResponse, RefundRequest, RefundResponse } from './refund.js'
import { CreatePaymentSessionRequest, CreatePaymentSessionResponse } from './session.js'
import { VerifyAndCompletePaymentRequest, VerifyAndCompletePaymentResponse } from './verify.js'

/** Each endpoint's request and response schema, keyed by the last segment of its path (`/v1/payments/<name>`). */
export const ENDPOINT_SCHEMAS = {
  pay: { request: PayRequest, response: PayResponse },
  createPaymentSession: { request: CreatePaymentSessionRequest, response: CreatePaymentSessionResponse },
  verifyAndCompletePayment: { request: VerifyAndCompletePaymentRequest, response: VerifyAndCompletePaymentResponse },
  inquiryPayment: { request: InquiryPaymentRequest, response: InquiryPaymentResponse },
  capture: { request: CaptureRequest, response: CaptureResponse },
  cancel: { request: CancelRequest, response: CancelResponse },
  refund: { request: RefundRequest, response: RefundResponse },
  inquiryRefund: { request: InquiryRefundRequest, response: InquiryRefundResponse },
} as const

export type Endpoint = keyof typeof ENDPOINT_SCHEMAS

export const ENDPOINTS = Object.keys(ENDPOINT_SCHEMAS) as ReadonlyArray<Endpoint>

/** What a caller hands to `encodeRequest(endpoint, ...)`: Money amounts, branded ids, Redacted card data. */
export type RequestOf<E extends Endpoint> = (typeof ENDPOINT_SCHEMAS)[E]['request']['Type']
/** The request as JSON on the wire. */
export type WireRequestOf<E extends Endpoint> = (typeof ENDPOINT_SCHEMAS)[E]['request']['Encoded']
/** What `decodeEndpointResponse(endpoint, ...)` yields. */
export type ResponseOf<E extends Endpoint> = (typeof ENDPOINT_SCHEMAS)[E]['response']['Type']
