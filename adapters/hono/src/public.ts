export { ACK_BODY, type AntomAnswer, antomAnswer } from './answers.js'
export {
  type CreatePaymentRequest,
  parseAttempt,
  parseCreatePayment,
  parseOtp,
  RequestInvalid,
  type StartAttemptRequest,
} from './checkout-body.js'
export { type CheckoutRoutesOptions, checkoutRoutes } from './checkout-routes.js'
export { type HealthRoutesOptions, healthRoutes } from './health-routes.js'
export { type ErrorBody, errorResponseOf } from './json-errors.js'
export { type CaptureRequest, parseCapture, parseRefund, type RefundRequest } from './merchant-body.js'
export { type MerchantRoutesOptions, merchantRoutes } from './merchant-routes.js'
export {
  type AntomSignatureOptions,
  antomSignature,
  type BodyLimitOptions,
  bodyLimit,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_TOLERANCE_MS,
  type RawBodyEnv,
} from './middleware.js'
export type { EngineRunner } from './run.js'
export {
  answerSdkEvent,
  isSdkEventCode,
  reopenableSession,
  SDK_EVENT_CODES,
  type SdkEventAnswer,
  type SdkEventCode,
} from './sdk-events.js'
