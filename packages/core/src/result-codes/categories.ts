import type { ResultCode } from './result-code-data.js'

/** What the caller must do about a result, read from the specification's "Further action" column. */
export type ActionCategory =
  /** The call succeeded. */
  | 'success'
  /** Send the same request again, same request id. */
  | 'retrySameRequest'
  /** Start over with a new request id. */
  | 'retryNewRequest'
  /** The customer must pay another way or verify again. */
  | 'customerAction'
  /** The merchant's integration, keys, contract or account must be fixed. */
  | 'merchantConfiguration'
  /** Do not retry: people (support, risk, an appeal) have to look at it. */
  | 'stopAndEscalate'
  /** The outcome is not known yet: find it out (redirect, notification, inquiry) before doing anything else. */
  | 'outcomeUnknown'

export type ErrorCategory = Exclude<ActionCategory, 'success'>

export const categories = {
  SUCCESS: 'success',

  REQUEST_TRAFFIC_EXCEED_LIMIT: 'retrySameRequest',
  UNKNOWN_EXCEPTION: 'retrySameRequest',

  AUTHENTICATION_REQUIRED: 'retryNewRequest',
  ORDER_IS_CANCELED: 'retryNewRequest',
  ORDER_IS_CLOSED: 'retryNewRequest',
  REPEAT_REQ_INCONSISTENT: 'retryNewRequest',

  CARD_NOT_SUPPORTED: 'customerAction',
  DO_NOT_HONOR: 'customerAction',
  // pay: the user refreshes the payment code; verifyAndCompletePayment: the buyer initiates the payment again.
  EXPIRED_CODE: 'customerAction',
  IDENTITY_AGE_NOT_ENOUGH: 'customerAction',
  IDENTITY_VERIFY_FAILED: 'customerAction',
  INVALID_CARD_NUMBER: 'customerAction',
  INVALID_CPF: 'customerAction',
  INVALID_EXPIRATION_DATE: 'customerAction',
  INVALID_IDENTITY_STATUS: 'customerAction',
  INVALID_PAYMENT_CODE: 'customerAction',
  // The limit is the contract's or the payment method's: a lower amount or another method can pay.
  PAYMENT_AMOUNT_EXCEED_LIMIT: 'customerAction',
  // The limit is the payment method's: another method can pay.
  PAYMENT_COUNT_EXCEED_LIMIT: 'customerAction',
  SELECTED_CARD_BRAND_NOT_AVAILABLE: 'customerAction',
  USER_AMOUNT_EXCEED_LIMIT: 'customerAction',
  USER_BALANCE_NOT_ENOUGH: 'customerAction',
  USER_KYC_NOT_QUALIFIED: 'customerAction',
  // The wallet account cannot pay (support only explains why): the customer pays another way.
  USER_NOT_EXIST: 'customerAction',
  USER_PAYMENT_VERIFICATION_FAILED: 'customerAction',
  USER_STATUS_ABNORMAL: 'customerAction',
  VERIFY_TIMES_EXCEED_LIMIT: 'customerAction',
  VERIFY_UNMATCHED: 'customerAction',

  ACCESS_DENIED: 'merchantConfiguration',
  // The currency is not enabled for the merchant (the contract), not something the customer chose wrongly.
  CURRENCY_NOT_SUPPORT: 'merchantConfiguration',
  INVALID_ACCESS_TOKEN: 'merchantConfiguration',
  INVALID_CONTRACT: 'merchantConfiguration',
  INVALID_MERCHANT_STATUS: 'merchantConfiguration',
  INVALID_PAYMENT_METHOD_META_DATA: 'merchantConfiguration',
  KEY_NOT_FOUND: 'merchantConfiguration',
  MERCHANT_KYB_NOT_QUALIFIED: 'merchantConfiguration',
  MERCHANT_NOT_REGISTERED: 'merchantConfiguration',
  NO_INTERFACE_DEF: 'merchantConfiguration',
  // verifyAndCompletePayment: the currency does not match the payment method or the contract.
  NO_PAY_OPTIONS: 'merchantConfiguration',
  // A wrong paymentId. For inquiryPayment it also means the buyer has not submitted the order yet.
  ORDER_NOT_EXIST: 'merchantConfiguration',
  PARAM_ILLEGAL: 'merchantConfiguration',
  PAYMENT_NOT_QUALIFIED: 'merchantConfiguration',
  SETTLE_CONTRACT_NOT_MATCH: 'merchantConfiguration',

  FRAUD_REJECT: 'stopAndEscalate',
  // Declined by the issuer for the amount; the only further action given is contacting support.
  INVALID_AMOUNT: 'stopAndEscalate',
  // The order cannot move from its current status: inquire about it or contact support, do not retry.
  ORDER_STATUS_INVALID: 'stopAndEscalate',
  // Final: the goods cannot be sold in the country and no appeal is allowed.
  PAYMENT_PROHIBITED: 'stopAndEscalate',
  PROCESS_FAIL: 'stopAndEscalate',
  RISK_REJECT: 'stopAndEscalate',
  SYSTEM_ERROR: 'stopAndEscalate',

  PAYMENT_IN_PROCESS: 'outcomeUnknown',
} as const satisfies Record<ResultCode, ActionCategory>

export type CategoryOf<C extends ResultCode> = (typeof categories)[C]
