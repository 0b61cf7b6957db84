import type { SimEndpoint } from '../types.js'
import type { Handler } from './answer.js'
import { cancel } from './cancel.js'
import { capture } from './capture.js'
import { createPaymentSession } from './create-payment-session.js'
import { inquiryPayment } from './inquiry-payment.js'
import { inquiryRefund } from './inquiry-refund.js'
import { pay } from './pay.js'
import { refund } from './refund.js'
import { verifyAndCompletePayment } from './verify-and-complete-payment.js'

export type { Handler } from './answer.js'
export { OTP_ACTION_FORM } from './pay.js'
export { VERIFY_METHOD_TYPE } from './verify-and-complete-payment.js'

export const HANDLERS: Readonly<Record<SimEndpoint, Handler>> = {
  pay,
  createPaymentSession,
  verifyAndCompletePayment,
  inquiryPayment,
  capture,
  cancel,
  refund,
  inquiryRefund,
}
