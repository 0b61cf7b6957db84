import type { ResultStatus } from '@paychart/core/result-codes'

/** A JSON value as the simulator reads it from a parsed request body. */
export type Json = null | boolean | number | string | ReadonlyArray<Json> | { readonly [key: string]: Json }

export interface JsonObject {
  readonly [key: string]: Json
}

/** The `result` object of every gateway response and notification. */
export interface ResultObject {
  readonly resultCode: string
  readonly resultStatus: ResultStatus
  readonly resultMessage: string
}

/** A response body as the gateway would send it: a `result` and the endpoint's fields. */
export interface ResponseBody {
  readonly result: ResultObject
  readonly [field: string]: unknown
}

/** The endpoints the simulator answers, each `POST /ams/api/v1/payments/<name>`. */
export const SIM_ENDPOINTS = [
  'pay',
  'createPaymentSession',
  'verifyAndCompletePayment',
  'inquiryPayment',
  'capture',
  'cancel',
  'refund',
  'inquiryRefund',
] as const

export type SimEndpoint = (typeof SIM_ENDPOINTS)[number]

export const isSimEndpoint = (name: string): name is SimEndpoint =>
  (SIM_ENDPOINTS as ReadonlyArray<string>).includes(name)

export const isJsonObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
