import type { GatewayOperation } from '@paychart/core/machine'

/**
 * Where each field of the gateway's answers and notifications ends up in paychart: the machine event it becomes
 * (and so the event log, the notification record and, where named, the payment's status), a field read to decide
 * something and not kept as such, or a named decision to drop it. Every field of the spec's samples is listed here;
 * `test/fields/field-destinations.test.ts` fails on a field that is not, and checks each `event` and `status` entry
 * by running the samples through `answerEvent` / `notificationEvent` and the engine.
 *
 * Paths are the wire's: dotted, `[]` for every element of an array; an amount (`{ currency, value }`) is one field.
 */
export type FieldDestination =
  /** Becomes the machine event's field at `event`, and the payment's status at `status` when given. */
  | { readonly event: string; readonly status?: string }
  /** Read to decide something (the outcome, which payment, which page), not kept as it is. */
  | { readonly read: string }
  /** Not kept, on purpose, and why. */
  | { readonly dropped: string }

/** The message a field comes in: an endpoint's answer, or a notification by its notifyType. */
export type MessageKind = GatewayOperation | 'PAYMENT_RESULT' | 'PAYMENT_PENDING' | 'CAPTURE_RESULT' | 'REFUND_RESULT'

const CARD_NUMBER = 'card data: the BIN and the last four are kept, never more of the number'
const CARD_SECRET = 'card data (masked by the gateway anyway): never kept'
const GATEWAY_TIME = 'the gateway’s clock for an act paychart records when it learns of it (the event’s `at`)'
const CRYPTOGRAM = '3-D Secure authentication data for the issuer and the scheme, not the merchant: never kept'
const ECHO = 'the request id paychart sent, echoed: it names the payment or operation the event is applied to'

/** Fields every message of a payment shares. */
const RESULT: Readonly<Record<string, FieldDestination>> = {
  'result.resultStatus': { event: 'result.resultStatus' },
  'result.resultCode': { event: 'result.resultCode' },
  'result.resultMessage': { event: 'result.resultMessage' },
}

const PAYMENT: Readonly<Record<string, FieldDestination>> = {
  ...RESULT,
  paymentRequestId: { read: ECHO },
  paymentId: { event: 'paymentId', status: 'paymentId' },
  paymentAmount: { event: 'amount' },
  paymentCreateTime: { dropped: GATEWAY_TIME },
  paymentTime: { dropped: GATEWAY_TIME },
  paymentMethodType: { event: 'paymentMethodType' },
}

/** `paymentResultInfo` and `acquirerInfo`: the card results, on the status as `card`. */
const CARD: Readonly<Record<string, FieldDestination>> = {
  'paymentResultInfo.cardBrand': { event: 'card.brand', status: 'card.brand' },
  'paymentResultInfo.cardBin': { event: 'card.bin', status: 'card.bin' },
  'paymentResultInfo.lastFour': { event: 'card.lastFour', status: 'card.lastFour' },
  'paymentResultInfo.issuingCountry': { event: 'card.issuingCountry', status: 'card.issuingCountry' },
  'paymentResultInfo.issuerName': { event: 'card.issuerName', status: 'card.issuerName' },
  'paymentResultInfo.funding': { event: 'card.funding', status: 'card.funding' },
  'paymentResultInfo.cardCategory': { event: 'card.category', status: 'card.category' },
  'paymentResultInfo.fingerprint': { event: 'card.fingerprint', status: 'card.fingerprint' },
  'paymentResultInfo.avsResultRaw': { event: 'card.avsResult', status: 'card.avsResult' },
  'paymentResultInfo.cvvResultRaw': { event: 'card.cvvResult', status: 'card.cvvResult' },
  'paymentResultInfo.networkTransactionId': {
    event: 'card.networkTransactionId',
    status: 'card.networkTransactionId',
  },
  'paymentResultInfo.cardToken': { event: 'card.cardToken', status: 'card.cardToken' },
  'paymentResultInfo.threeDSResult.threeDSVersion': { event: 'card.threeDS.version', status: 'card.threeDS.version' },
  'paymentResultInfo.threeDSResult.eci': { event: 'card.threeDS.eci', status: 'card.threeDS.eci' },
  'paymentResultInfo.threeDSResult.threeDSType': { event: 'card.threeDS.type', status: 'card.threeDS.type' },
  'paymentResultInfo.threeDSResult.threeDSOffered': { event: 'card.threeDS.offered', status: 'card.threeDS.offered' },
  'paymentResultInfo.threeDSResult.cavv': { dropped: CRYPTOGRAM },
  // The spec's sample spells it `caav`.
  'paymentResultInfo.threeDSResult.caav': { dropped: CRYPTOGRAM },
  'paymentResultInfo.threeDSResult.xid': { dropped: CRYPTOGRAM },
  'paymentResultInfo.threeDSResult.dsTransactionId': { dropped: CRYPTOGRAM },
  'paymentResultInfo.cardNo': { dropped: CARD_NUMBER },
  'paymentResultInfo.cardholderName': { dropped: CARD_SECRET },
  'paymentResultInfo.expiryMonth': { dropped: CARD_SECRET },
  'paymentResultInfo.expiryYear': { dropped: CARD_SECRET },
  'paymentResultInfo.paymentMethodRegion': { dropped: 'the region of the card scheme (GLOBAL): nothing to act on' },
  'acquirerInfo.acquirerName': { event: 'card.acquirer.name', status: 'card.acquirer.name' },
  'acquirerInfo.acquirerTransactionId': { event: 'card.acquirer.transactionId', status: 'card.acquirer.transactionId' },
  'acquirerInfo.acquirerResultCode': { event: 'card.acquirer.resultCode', status: 'card.acquirer.resultCode' },
  'acquirerInfo.acquirerResultMessage': { dropped: 'the acquirer’s words for its result code, which is kept' },
  'acquirerInfo.acquirerMerchantId': { dropped: 'the merchant’s own id at the acquirer: its configuration' },
  'acquirerInfo.referenceRequestId': { dropped: ECHO },
}

const WALLET: Readonly<Record<string, FieldDestination>> = {
  pspPaymentId: { dropped: 'the wallet’s own payment id: the gateway’s paymentId is the reference paychart keeps' },
  'pspCustomerInfo.pspName': { dropped: 'the buyer’s wallet account: personal data paychart does not keep' },
  'pspCustomerInfo.pspCustomerId': { dropped: 'the buyer’s wallet account: personal data paychart does not keep' },
  customsDeclarationAmount: { dropped: 'for customs declaration, a service paychart does not model' },
}

const PAGES: Readonly<Record<string, FieldDestination>> = {
  normalUrl: { event: 'nextAction.url', status: 'customerAction.url' },
  applinkUrl: { read: 'a page for the buyer when normalUrl is absent: the first http(s) one is kept' },
  schemeUrl: {
    read: 'an app’s scheme URL: never a page to send a browser to, so kept only if it is http(s) and first',
  },
  appIdentifier: { dropped: 'the wallet app’s package name, for native apps; paychart drives web checkouts' },
  paymentActionForm: { read: 'decides that the buyer must enter an OTP (nextAction otp)' },
  orderCodeForm: { dropped: 'a QR code form for in-store scanning; paychart drives web and app checkouts' },
  paymentData: { dropped: 'data for the gateway’s client SDKs, which paychart does not drive' },
}

export const FIELD_DESTINATIONS: Readonly<Record<MessageKind, Readonly<Record<string, FieldDestination>>>> = {
  pay: { ...PAYMENT, ...CARD, ...PAGES },
  verifyAndCompletePayment: {
    ...PAYMENT,
    ...CARD,
    verifyRequestId: { read: ECHO },
  },
  createPaymentSession: {
    ...RESULT,
    paymentSessionId: { event: 'paymentSessionId', status: 'paymentSessionId' },
    paymentSessionData: { event: 'paymentSessionData', status: 'customerAction.paymentSessionData' },
    paymentSessionExpiryTime: { event: 'paymentSessionExpiresAt', status: 'customerAction.expiresAt' },
    normalUrl: { event: 'normalUrl', status: 'customerAction.url' },
  },
  inquiryPayment: {
    ...PAYMENT,
    ...CARD,
    ...WALLET,
    paymentStatus: { event: 'paymentStatus' },
    paymentResultCode: { event: 'paymentResultCode' },
    paymentResultMessage: { dropped: 'the words for paymentResultCode, which is kept' },
    acquirerReferenceNo: { dropped: 'the acquirer’s reference for a bank transfer: shown in the gateway’s dashboard' },
    'transactions[].transactionType': { read: 'picks the CAPTURE transaction, whose outcome is kept' },
    'transactions[].transactionStatus': { event: 'capture.status' },
    'transactions[].transactionAmount': { event: 'capture.amount' },
    'transactions[].transactionRequestId': { event: 'capture.captureRequestId' },
    'transactions[].transactionId': { dropped: 'the gateway’s id of the capture: its captureRequestId is kept' },
    'transactions[].transactionTime': { dropped: GATEWAY_TIME },
    'transactions[].transactionResult.resultStatus': { read: 'the same outcome as transactionStatus, which is kept' },
    'transactions[].transactionResult.resultCode': { dropped: 'the code of the transaction’s status, which is kept' },
    'transactions[].transactionResult.resultMessage': { dropped: 'the words for that code' },
    'transactions[].acquirerInfo.acquirerMerchantId': { dropped: 'the merchant’s own id at the acquirer' },
    'transactions[].acquirerInfo.acquirerName': { dropped: 'the payment’s acquirer, kept from its own acquirerInfo' },
    'transactions[].acquirerInfo.referenceRequestId': { dropped: ECHO },
  },
  capture: {
    ...RESULT,
    captureRequestId: { read: ECHO },
    captureId: { dropped: 'the gateway’s id of the capture: its captureRequestId is what paychart names it by' },
    paymentId: { read: 'the payment captured, which the command named' },
    captureAmount: { event: 'amount', status: 'captured' },
    captureTime: { dropped: GATEWAY_TIME },
  },
  cancel: {
    ...RESULT,
    paymentId: { read: 'the payment cancelled, which the command named' },
    paymentRequestId: { read: ECHO },
    cancelTime: { dropped: GATEWAY_TIME },
  },
  refund: {
    ...RESULT,
    refundRequestId: { read: ECHO },
    refundId: { dropped: 'the gateway’s id of the refund: its refundRequestId is what paychart names it by' },
    paymentId: { read: 'the payment refunded, which the command named' },
    refundAmount: { event: 'amount' },
    refundTime: { dropped: GATEWAY_TIME },
  },
  inquiryRefund: {
    ...RESULT,
    refundStatus: { event: 'refundStatus' },
    refundRequestId: { read: ECHO },
    refundId: { dropped: 'the gateway’s id of the refund: its refundRequestId is what paychart names it by' },
    refundAmount: { event: 'amount' },
  },
  PAYMENT_RESULT: { ...PAYMENT, ...CARD, ...WALLET, notifyType: { event: 'notifyType' } },
  PAYMENT_PENDING: { ...PAYMENT, ...CARD, ...WALLET, notifyType: { event: 'notifyType' } },
  CAPTURE_RESULT: {
    ...RESULT,
    notifyType: { read: 'makes the event CAPTURE_NOTIFIED' },
    captureRequestId: { event: 'captureRequestId' },
    captureId: { dropped: 'the gateway’s id of the capture: its captureRequestId is what paychart names it by' },
    paymentId: { event: 'paymentId' },
    captureAmount: { event: 'amount' },
    captureTime: { dropped: GATEWAY_TIME },
  },
  REFUND_RESULT: {
    ...RESULT,
    notifyType: { read: 'makes the event REFUND_NOTIFIED' },
    refundStatus: { read: 'a FAIL makes the event’s result F REFUND_FAILED' },
    refundRequestId: { event: 'refundRequestId' },
    refundId: { dropped: 'the gateway’s id of the refund: its refundRequestId is what paychart names it by' },
    paymentId: { event: 'paymentId' },
    refundAmount: { event: 'amount' },
    refundTime: { dropped: GATEWAY_TIME },
  },
}
