import type { PaymentInput } from './context.js'
import { maxRequestedExpiryMs, takesCaptureMode } from './policy.js'
import { isStorableText } from './storable-text.js'

/** A field of a PaymentInput that the gateway would refuse, or that would make the payment and its call disagree. */
export interface InputProblem {
  /** The field, as the merchant wrote it: `captureMode`, `requestDetails.paymentFactor.captureMode`... */
  readonly field: string
  readonly reason: string
}

const objectAt = (value: unknown, key: string): { readonly [key: string]: unknown } | undefined => {
  const inner = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined
  return typeof inner === 'object' && inner !== null ? (inner as Record<string, unknown>) : undefined
}

/**
 * A saved payment method's id (`requestDetails.paymentMethod.paymentMethodId`, a card token): the pay sends it
 * instead of card data, so it needs no secrets.
 */
export const savedPaymentMethodId = (details: unknown): string | undefined => {
  const id = objectAt(details, 'paymentMethod')?.paymentMethodId
  return typeof id === 'string' && id !== '' ? id : undefined
}

/** The method as the pay will name it: the input's own, else the one in `requestDetails.paymentMethod`. */
const methodOf = (input: PaymentInput): string | undefined => {
  const given = objectAt(input.requestDetails, 'paymentMethod')?.paymentMethodType
  return input.paymentMethodType ?? (typeof given === 'string' ? given : undefined)
}

const captureModeProblem = (input: PaymentInput): InputProblem | undefined => {
  const flow = input.flow ?? 'pay'
  const mode = input.captureMode ?? 'AUTOMATIC'
  if (mode === 'MANUAL' && !takesCaptureMode(flow, methodOf(input))) {
    return {
      field: 'captureMode',
      reason: `MANUAL is for a card (paymentMethodType CARD) or a Checkout Page session; ${methodOf(input) ?? 'no method'} is captured by the gateway`,
    }
  }
  const factorMode = objectAt(input.requestDetails, 'paymentFactor')?.captureMode
  if (factorMode !== undefined && factorMode !== mode) {
    return {
      field: 'requestDetails.paymentFactor.captureMode',
      reason: `is ${String(factorMode)} but captureMode is ${mode}: the payment and its gateway call hold one capture mode, set it in captureMode`,
    }
  }
  return undefined
}

const HOUR = 3_600_000
const spoken = (ms: number) => (ms >= HOUR ? `${ms / HOUR} hours` : `${ms / 60_000} minutes`)

const expiryProblem = (input: PaymentInput, at: number): InputProblem | undefined => {
  const expiresAt = input.paymentExpiresAt
  if (expiresAt === undefined) return undefined
  if (!Number.isSafeInteger(expiresAt) || expiresAt <= at) {
    return { field: 'paymentExpiresAt', reason: 'must be a time (epoch ms) after now' }
  }
  if ((input.flow ?? 'pay') !== 'pay') return undefined
  const cap = maxRequestedExpiryMs(methodOf(input))
  if (expiresAt - at >= cap) {
    return {
      field: 'paymentExpiresAt',
      reason: `must be less than ${spoken(cap)} after the pay request for ${methodOf(input) ?? 'this method'}, as the gateway requires`,
    }
  }
  return undefined
}

const BUYER_IDS = ['referenceBuyerId', 'buyerPhoneNo', 'buyerEmail'] as const

/**
 * The embedded Checkout Page refuses a card at the buyer's submit when the session names no buyer: a session that may
 * be paid by card carries `order.buyer` with one of referenceBuyerId, buyerPhoneNo or buyerEmail.
 */
const buyerProblem = (input: PaymentInput): InputProblem | undefined => {
  if ((input.flow ?? 'pay') !== 'checkoutSession') return undefined
  const method = methodOf(input)
  if (method !== undefined && method !== 'CARD') return undefined
  const buyer = objectAt(objectAt(input.requestDetails, 'order'), 'buyer')
  if (BUYER_IDS.some((id) => typeof buyer?.[id] === 'string' && buyer[id] !== '')) return undefined
  return {
    field: 'requestDetails.order.buyer',
    reason: `must hold one of ${BUYER_IDS.join(', ')} when a card may pay the session`,
  }
}

const MAX_DEPTH = 32

/** The path of the first string (a value or a key) in `value` that a stored payment could not hold. */
const unstorableAt = (value: unknown, path: string, depth: number): string | undefined => {
  if (typeof value === 'string') return isStorableText(value) ? undefined : path
  if (typeof value !== 'object' || value === null || depth > MAX_DEPTH) return undefined
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = unstorableAt(item, `${path}[${i}]`, depth + 1)
      if (found !== undefined) return found
    }
    return undefined
  }
  for (const [key, inner] of Object.entries(value)) {
    const at = path === '' ? key : `${path}.${key}`
    const found = isStorableText(key) ? unstorableAt(inner, at, depth + 1) : at
    if (found !== undefined) return found
  }
  return undefined
}

const textProblem = (input: PaymentInput): InputProblem | undefined => {
  const field = unstorableAt(input, '', 0)
  if (field === undefined) return undefined
  return {
    field,
    reason: 'must not contain U+0000 or half of a surrogate pair: the payment is stored and sent as JSON',
  }
}

/** What is wrong with `input` for a payment created at `at`, before anything is stored or sent; undefined when nothing. */
export const inputProblem = (input: PaymentInput, at: number): InputProblem | undefined =>
  textProblem(input) ?? captureModeProblem(input) ?? expiryProblem(input, at) ?? buyerProblem(input)
