import { validateRequestDetails } from '@paychart/antom'
import type { AttemptInput, Money, PaymentInput, PaymentSecrets } from '@paychart/core'
import { isCurrencyCode } from '@paychart/core/money'
import * as Data from 'effect/Data'
import * as Redacted from 'effect/Redacted'
import * as Result from 'effect/Result'

/** A request body that is not what the route takes: names the field, never echoes its value. */
export class RequestInvalid extends Data.TaggedError('RequestInvalid')<{
  readonly field: string
  readonly message: string
}> {}

export interface CreatePaymentRequest {
  readonly input: PaymentInput
  readonly secrets?: PaymentSecrets
}

export type Json = { readonly [key: string]: unknown }
export type Parsed<A> = { readonly ok: A } | { readonly error: RequestInvalid }

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value)

export const invalid = (field: string, message: string) => ({ error: new RequestInvalid({ field, message }) })

/** `{ currency, minor }`: an ISO 4217 code and a positive integer of minor units. */
export const money = (value: unknown, field: string): Parsed<Money> => {
  if (!isObject(value)) return invalid(field, 'must be { currency, minor }')
  if (!isCurrencyCode(value.currency)) return invalid(`${field}.currency`, 'must be an ISO 4217 currency code')
  if (typeof value.minor !== 'number' || !Number.isSafeInteger(value.minor) || value.minor <= 0) {
    return invalid(`${field}.minor`, 'must be a positive integer in minor units')
  }
  return { ok: { currency: value.currency, minor: value.minor } }
}

const CARD_FIELDS = ['cardNo', 'cvv', 'expiryMonth', 'expiryYear'] as const
const HOLDER_PARTS = ['firstName', 'middleName', 'lastName'] as const

/** Parses the raw text as a JSON object; the body itself is never part of the error. */
export const parseJsonObject = (text: string): Parsed<Json> => {
  try {
    const value: unknown = JSON.parse(text)
    return isObject(value) ? { ok: value } : invalid('(body)', 'must be a JSON object')
  } catch {
    return invalid('(body)', 'is not valid JSON')
  }
}

export const nonEmpty = (body: Json, field: string, max = 64): Parsed<string> => {
  const value = body[field]
  return typeof value === 'string' && value.length > 0 && value.length <= max
    ? { ok: value }
    : invalid(field, `must be a string of 1 to ${max} characters`)
}

const optionalString = (body: Json, field: string): Parsed<string | undefined> => {
  const value = body[field]
  return value === undefined || typeof value === 'string' ? { ok: value } : invalid(field, 'must be a string')
}

/** Antom's `cardholderName`: `{ firstName, middleName?, lastName }`, each part a non-empty string. */
const holderName = (value: unknown): Parsed<Record<string, string> | undefined> => {
  if (value === undefined) return { ok: undefined }
  const shape = 'must be { firstName, middleName?, lastName }'
  if (!isObject(value)) return invalid('card.cardholderName', shape)
  const parts: Record<string, string> = {}
  for (const part of HOLDER_PARTS) {
    const field = value[part]
    if (field === undefined && part === 'middleName') continue
    if (typeof field !== 'string' || field.length === 0) return invalid(`card.cardholderName.${part}`, shape)
    parts[part] = field
  }
  return { ok: parts }
}

const card = (value: unknown): Parsed<PaymentSecrets | undefined> => {
  if (value === undefined) return { ok: undefined }
  if (!isObject(value)) return invalid('card', 'must be an object')
  const fields: Record<string, string> = {}
  for (const name of CARD_FIELDS) {
    const field = value[name]
    if (typeof field !== 'string' || field.length === 0) return invalid(`card.${name}`, 'is required (a string)')
    fields[name] = field
  }
  const holder = holderName(value.cardholderName)
  if ('error' in holder) return holder
  return {
    ok: {
      cardMetaData: Redacted.make({ ...fields, ...(holder.ok === undefined ? {} : { cardholderName: holder.ok }) }),
    },
  }
}

/**
 * `{ paymentRequestId, amount: { currency, minor }, flow?, paymentMethodType?, captureMode?, merchantReference?,
 * paymentExpiresAt? (epoch ms; the engine checks it against the gateway's caps), requestDetails?, card? }`. The card goes beside the payment as a redacted secret, never into its input; card data
 * inside `requestDetails` is refused. A saved card is `requestDetails.paymentMethod.paymentMethodId` and no `card`.
 */
export const parseCreatePayment = (body: Json): Parsed<CreatePaymentRequest> => {
  const id = nonEmpty(body, 'paymentRequestId')
  if ('error' in id) return id
  const attempt = parseAttempt(body)
  if ('error' in attempt) return attempt
  const { input, secrets } = attempt.ok
  return { ok: { input: { paymentRequestId: id.ok, ...input }, ...(secrets === undefined ? {} : { secrets }) } }
}

export interface StartAttemptRequest {
  readonly input: AttemptInput
  readonly secrets?: PaymentSecrets
  readonly replaceOpen: boolean
}

/**
 * An order's next attempt: the body of a create without `paymentRequestId` (the order names its attempts), and
 * `replaceOpen?: boolean` (cancel the open attempt first: the buyer chose another way to pay).
 */
export const parseAttempt = (body: Json): Parsed<StartAttemptRequest> => {
  const replaceOpen = body.replaceOpen
  if (replaceOpen !== undefined && typeof replaceOpen !== 'boolean') return invalid('replaceOpen', 'must be a boolean')
  const amount = money(body.amount, 'amount')
  if ('error' in amount) return amount
  const flow = body.flow
  if (flow !== undefined && flow !== 'pay' && flow !== 'checkoutSession') {
    return invalid('flow', "must be 'pay' or 'checkoutSession'")
  }
  const captureMode = body.captureMode
  if (captureMode !== undefined && captureMode !== 'AUTOMATIC' && captureMode !== 'MANUAL') {
    return invalid('captureMode', "must be 'AUTOMATIC' or 'MANUAL'")
  }
  const method = optionalString(body, 'paymentMethodType')
  if ('error' in method) return method
  const reference = optionalString(body, 'merchantReference')
  if ('error' in reference) return reference
  const expiresAt = body.paymentExpiresAt
  if (expiresAt !== undefined && !(Number.isSafeInteger(expiresAt) && (expiresAt as number) > 0)) {
    return invalid('paymentExpiresAt', 'must be a time in epoch milliseconds')
  }
  const details = body.requestDetails
  if (details !== undefined && !isObject(details)) return invalid('requestDetails', 'must be an object')
  // What the gateway call needs, checked before any payment exists (a missing field is a 400 naming it, not a
  // payment failed by the gateway). Card options (3DS, billing address, card-on-file, vaulting) and a saved card's
  // paymentMethodId travel in the details, checked field by field; card data there is refused, it goes in `card`.
  const checked = validateRequestDetails(flow ?? 'pay', details)
  if (Result.isFailure(checked)) return invalid(checked.failure.field, checked.failure.message)
  const secrets = card(body.card)
  if ('error' in secrets) return secrets
  const input: AttemptInput = {
    amount: amount.ok,
    ...(flow === undefined ? {} : { flow }),
    ...(captureMode === undefined ? {} : { captureMode }),
    ...(method.ok === undefined ? {} : { paymentMethodType: method.ok }),
    ...(reference.ok === undefined ? {} : { merchantReference: reference.ok }),
    ...(expiresAt === undefined ? {} : { paymentExpiresAt: expiresAt as number }),
    requestDetails: checked.success,
  }
  const request = { input, replaceOpen: replaceOpen === true }
  return { ok: secrets.ok === undefined ? request : { ...request, secrets: secrets.ok } }
}

/** `{ verifyRequestId, otp }`; the code is redacted at once. */
export const parseOtp = (
  body: Json,
): Parsed<{ readonly verifyRequestId: string; readonly otp: Redacted.Redacted<string> }> => {
  const verifyRequestId = nonEmpty(body, 'verifyRequestId')
  if ('error' in verifyRequestId) return verifyRequestId
  const otp = body.otp
  if (typeof otp !== 'string' || !/^[0-9A-Za-z]{1,16}$/.test(otp)) return invalid('otp', 'must be a short code')
  return { ok: { verifyRequestId: verifyRequestId.ok, otp: Redacted.make(otp) } }
}
