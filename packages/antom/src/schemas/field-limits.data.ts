/**
 * The wire facts the schemas enforce, committed as this project's own data: maximum lengths (in characters) and
 * enumerated values. Each entry names where it comes from:
 *
 * - `pay-checkout-payment.txt`, `verifyAndCompletePayment.txt`, `embedded-checkout-page.txt`,
 *   `card-authorization-api.txt`: the gateway specification documents this project is built from.
 * - `spec/README.md`: the facts gathered beside those documents (capture, cancel, refund, inquiryRefund, notifyRefund).
 * - `antom-reference`: Antom's public API reference (docs.antom.com), consulted for endpoints the specification only
 *   names; the field names agree with spec/README.md.
 * - `assumption`: the specification gives no length. Ids get 64 like every id the specification does bound; other
 *   free text gets a generous bound of our own so that nothing unbounded reaches the gateway.
 * - `ISO/IEC 7812`, `ISO 3166`, `RFC 5321`: an external standard, where the spec names the standard but no length.
 */
export type FactSource =
  | 'pay-checkout-payment.txt'
  | 'verifyAndCompletePayment.txt'
  | 'embedded-checkout-page.txt'
  | 'card-authorization-api.txt'
  | 'spec/README.md'
  | 'antom-reference'
  | 'assumption'
  | 'ISO/IEC 7812'
  | 'ISO 3166'
  | 'RFC 5321'

export interface FieldLimit {
  readonly maxLength: number
  readonly source: FactSource
}

const PAY = 'pay-checkout-payment.txt'
const VERIFY = 'verifyAndCompletePayment.txt'
const REFERENCE = 'antom-reference'
const ASSUMED = 'assumption'

const limit = (maxLength: number, source: FactSource): FieldLimit => ({ maxLength, source })

export const FIELD_LIMITS = {
  // pay (Checkout Payment): request
  paymentRequestId: limit(64, PAY),
  merchantRegion: limit(2, PAY),
  merchantAccountId: limit(32, PAY),
  userRegion: limit(2, PAY),
  appId: limit(32, PAY),
  paymentNotifyUrl: limit(2048, PAY),
  paymentRedirectUrl: limit(2048, PAY),
  // pay (Checkout Payment): response
  paymentId: limit(64, PAY),
  paymentData: limit(20000, PAY),
  appIdentifier: limit(128, PAY),
  applinkUrl: limit(2048, PAY),
  normalUrl: limit(2048, PAY),
  schemeUrl: limit(2048, PAY),
  /** A JSON document in a string, telling the client what to collect (an OTP, a code to show). */
  paymentActionForm: limit(16000, REFERENCE),
  // verifyAndCompletePayment
  verifyRequestId: limit(64, VERIFY),
  verifyMethodType: limit(32, REFERENCE),
  otpValue: limit(32, REFERENCE),
  // ApiResult, in every response and notification
  resultCode: limit(64, REFERENCE),
  resultMessage: limit(256, REFERENCE),
  // capture and notifyCapture
  captureRequestId: limit(64, REFERENCE),
  captureId: limit(64, REFERENCE),
  acquirerReferenceNo: limit(64, REFERENCE),
  // refund, inquiryRefund and notifyRefund
  refundRequestId: limit(64, REFERENCE),
  refundId: limit(64, REFERENCE),
  refundReason: limit(256, REFERENCE),
  refundNotifyUrl: limit(1024, REFERENCE),
  referenceRefundId: limit(64, REFERENCE),
  // createPaymentSession: the session id is Antom's; core bounds it at 512 (ids.ts), the spec gives no length.
  paymentSessionId: limit(512, ASSUMED),
  paymentSessionData: limit(20000, ASSUMED),
  // Card data (card-authorization-api.txt names the fields, not their lengths).
  cardNo: limit(19, 'ISO/IEC 7812'),
  // Order, Env, Goods, Buyer, Shipping, Address, UserName: the spec collapses their child parameters.
  region: limit(2, 'ISO 3166'),
  email: limit(254, 'RFC 5321'),
  referenceOrderId: limit(64, ASSUMED),
  referenceGoodsId: limit(64, ASSUMED),
  referenceBuyerId: limit(64, ASSUMED),
  paymentMethodType: limit(64, ASSUMED),
  paymentMethodId: limit(256, ASSUMED),
  transactionId: limit(64, ASSUMED),
  shortText: limit(64, ASSUMED),
  name: limit(128, ASSUMED),
  text: limit(256, ASSUMED),
  description: limit(1024, ASSUMED),
  header: limit(2048, ASSUMED),
  url: limit(2048, ASSUMED),
} as const satisfies Record<string, FieldLimit>

export type LimitedField = keyof typeof FIELD_LIMITS

/** Enumerated values, each with its source. */
export const ENUMS = {
  /** pay-checkout-payment.txt, "ApiResult process logic". */
  resultStatus: ['S', 'F', 'U'],
  /** spec/README.md: inquiryPayment's paymentStatus. */
  paymentStatus: ['SUCCESS', 'FAIL', 'PROCESSING', 'CANCELLED', 'PENDING'],
  /** pay-checkout-payment.txt: productCode is fixed for Checkout Payment. */
  productCode: ['CASHIER_PAYMENT'],
  /** embedded-checkout-page.txt: createPaymentSession's productScene. */
  productScene: ['CHECKOUT_PAYMENT'],
  /** card-authorization-api.txt: paymentFactor.captureMode. */
  captureMode: ['AUTOMATIC', 'MANUAL'],
  /** pay-checkout-payment.txt names APP, WAP and MINI_APP; WEB is from antom-reference. */
  terminalType: ['WEB', 'WAP', 'APP', 'MINI_APP'],
  /** card-authorization-api.txt sample (IOS); ANDROID from antom-reference. */
  osType: ['IOS', 'ANDROID'],
  /** antom-reference: verifyMethod.verifyMethodType. */
  verifyMethodType: ['SMS_OTP'],
  /** embedded-checkout-page.txt (PAYMENT_RESULT, CAPTURE_RESULT), spec/README.md (REFUND_RESULT), antom-reference. */
  paymentNotifyType: ['PAYMENT_RESULT', 'PAYMENT_PENDING'],
  captureNotifyType: ['CAPTURE_RESULT'],
  refundNotifyType: ['REFUND_RESULT'],
  /** antom-reference: inquiryRefund's refundStatus; notifyRefund only ever carries SUCCESS or FAIL. */
  refundStatus: ['SUCCESS', 'FAIL', 'PROCESSING'],
  notifiedRefundStatus: ['SUCCESS', 'FAIL'],
  /**
   * embedded-checkout-page.txt shows CAPTURE; the others are antom-reference. Documentation only: a transaction
   * type the gateway adds later must not make a whole inquiry undecodable, so the schema accepts any string.
   */
  knownTransactionType: ['PAYMENT', 'CAPTURE', 'REFUND', 'CANCEL', 'AUTHORIZATION', 'VOID'],
  /**
   * embedded-checkout-page.txt, "APO tokenization": ASKFORCONSENT on a session shows the save-a-card button.
   * ENABLED and DISABLED (vault the card, or do not, without asking) are antom-reference.
   */
  tokenizeMode: ['ASKFORCONSENT', 'ENABLED', 'DISABLED'],
} as const
