import type { PaymentSecrets } from '@paychart/core'
import { Redacted } from 'effect'

/**
 * What the buyer asked of the payment beside the card, none of it card data: 3-D Secure, a billing address for the
 * issuer's address check (AVS), and keeping the card for next time. Antom's `paymentMethodMetaData` fields.
 */
export interface CardOptions {
  readonly is3DSAuthentication?: true
  readonly billingAddress?: { readonly region: string; readonly zipCode: string; readonly address1?: string }
  readonly tokenizeMode?: 'ENABLED'
}

/** What the buyer typed, read from the posted form. Only the redacted secrets and the options leave this module. */
export type CardForm =
  | {
      readonly ok: true
      readonly secrets: PaymentSecrets
      readonly options: CardOptions
      readonly captureMode: 'AUTOMATIC' | 'MANUAL'
    }
  | { readonly ok: false; readonly field: string; readonly message: string }

type FormBody = Readonly<Record<string, unknown>>

const text = (form: FormBody, name: string): string => {
  const value = form[name]
  return typeof value === 'string' ? value.trim() : ''
}

const refuse = (field: string, message: string): CardForm => ({ ok: false, field, message })

/** The form's "Authorize only" box: the shop captures when it ships. */
export const captureModeOf = (form: FormBody): 'AUTOMATIC' | 'MANUAL' =>
  text(form, 'capture') === 'manual' ? 'MANUAL' : 'AUTOMATIC'

/**
 * Reads the card form: number (spaces and dashes allowed), expiry month and year, CVV, the holder's first and last
 * name (both or neither), the options (3-D Secure, billing address, save the card) and the capture choice. A refusal
 * names the field and never repeats what was typed.
 */
export const readCardForm = (form: FormBody): CardForm => {
  const cardNo = text(form, 'cardNo').replace(/[\s-]/g, '')
  if (!/^\d{12,19}$/.test(cardNo)) return refuse('cardNo', 'Enter the card number: 12 to 19 digits.')
  const month = text(form, 'expiryMonth')
  if (!/^(0?[1-9]|1[0-2])$/.test(month)) return refuse('expiryMonth', 'Enter the expiry month: 1 to 12.')
  const year = text(form, 'expiryYear')
  if (!/^(\d{2}|\d{4})$/.test(year)) return refuse('expiryYear', 'Enter the expiry year: two or four digits.')
  const cvv = text(form, 'cvv')
  if (!/^\d{3,4}$/.test(cvv)) return refuse('cvv', 'Enter the security code: 3 or 4 digits.')
  const firstName = text(form, 'firstName')
  const lastName = text(form, 'lastName')
  if ((firstName === '') !== (lastName === '')) {
    return refuse(firstName === '' ? 'firstName' : 'lastName', 'Enter both names on the card, or neither.')
  }
  if (firstName.length > 128 || lastName.length > 128) return refuse('lastName', 'A name is at most 128 characters.')
  const fields = {
    cardNo,
    cvv,
    expiryMonth: month.padStart(2, '0'),
    expiryYear: year.slice(-2),
    // Antom's cardholderName is { firstName, lastName }, not one string.
    ...(firstName === '' ? {} : { cardholderName: { firstName, lastName } }),
  }
  const address = billingAddress(form)
  if ('field' in address) return refuse(address.field, address.message)
  return {
    ok: true,
    secrets: { cardMetaData: Redacted.make(fields) },
    options: {
      ...(text(form, 'threeDs') === 'yes' ? { is3DSAuthentication: true } : {}),
      ...(address.value === undefined ? {} : { billingAddress: address.value }),
      ...(text(form, 'save') === 'yes' ? { tokenizeMode: 'ENABLED' } : {}),
    },
    captureMode: captureModeOf(form),
  }
}

/** The billing address for AVS: a two-letter country and a postcode, with an optional street; all or nothing. */
const billingAddress = (
  form: FormBody,
): { readonly value: CardOptions['billingAddress'] } | { readonly field: string; readonly message: string } => {
  const region = text(form, 'billingCountry').toUpperCase()
  const zipCode = text(form, 'billingZip')
  const address1 = text(form, 'billingStreet')
  if (zipCode === '' && address1 === '') return { value: undefined }
  if (!/^[A-Z]{2}$/.test(region))
    return { field: 'billingCountry', message: 'Enter the country as two letters, e.g. US.' }
  if (!/^[\w -]{2,16}$/.test(zipCode))
    return { field: 'billingZip', message: 'Enter the postcode: 2 to 16 letters or digits.' }
  if (address1.length > 256) return { field: 'billingStreet', message: 'The street is at most 256 characters.' }
  return { value: { region, zipCode, ...(address1 === '' ? {} : { address1 }) } }
}
