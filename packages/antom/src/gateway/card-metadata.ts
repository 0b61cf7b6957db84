import type { PaymentSecrets } from '@paychart/core'
import * as Redacted from 'effect/Redacted'
import { SENSITIVE_FIELDS } from '../schemas/index.js'

type Fields = { readonly [field: string]: unknown }

const isObject = (value: unknown): value is Fields =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * The card fields of `secrets.cardMetaData` as `CardMetaData` wants them: each sensitive field (cardNo, cvv, expiry,
 * holder name) in its own `Redacted`, the rest (billingAddress, is3DSAuthentication...) as given. The revealed
 * object lives only for this call; nothing here is logged or kept.
 */
export const cardMetaDataOf = (secrets: PaymentSecrets | undefined): Fields | undefined => {
  if (secrets?.cardMetaData === undefined) return undefined
  const revealed = Redacted.value(secrets.cardMetaData)
  const fields: Record<string, unknown> = {}
  for (const [field, value] of Object.entries(revealed)) {
    if (value === undefined) continue
    fields[field] = SENSITIVE_FIELDS.has(field) && !Redacted.isRedacted(value) ? Redacted.make(value) : value
  }
  return fields
}

/** The merchant's non-secret `paymentMethod` from requestDetails, when it is an object. */
export const paymentMethodOf = (details: Fields | undefined): Fields | undefined => {
  const method = details?.paymentMethod
  return isObject(method) ? method : undefined
}

/** The non-secret metadata the merchant gave beside the method (is3DSAuthentication, billingAddress, ...). */
export const detailsMetaDataOf = (details: Fields | undefined): Fields | undefined => {
  const metaData = paymentMethodOf(details)?.paymentMethodMetaData
  return isObject(metaData) ? metaData : undefined
}
