import * as Schema from 'effect/Schema'
import { limited, nonEmpty } from './common.js'
import { ENUMS, FIELD_LIMITS } from './field-limits.data.js'
import { Address } from './order.js'
import { SAFE_MESSAGES, sensitive } from './sensitive.js'

const optional = Schema.optionalKey

const digits = (pattern: RegExp, message: string) => Schema.String.check(Schema.isPattern(pattern, { message }))

const namePart = Schema.String.check(
  Schema.isMinLength(1, { message: SAFE_MESSAGES.cardholderName }),
  Schema.isMaxLength(FIELD_LIMITS.name.maxLength, { message: SAFE_MESSAGES.cardholderName }),
)

const HolderName = Schema.Struct({
  firstName: namePart,
  middleName: optional(namePart),
  lastName: namePart,
})

/**
 * What a merchant may ask of a card payment beside the card itself (card-authorization-api.txt, "More features"):
 * 3D Secure, an address for AVS, a payment with a stored card (card-on-file), vaulting the card for later. None of it
 * is card data: it may travel in `requestDetails` and be stored with the payment.
 */
export const CardOptions = Schema.Struct({
  billingAddress: optional(Address),
  is3DSAuthentication: optional(Schema.Boolean),
  isCardOnFile: optional(Schema.Boolean),
  enableAuthenticationUpgrade: optional(Schema.Boolean),
  tokenizeMode: optional(Schema.Literals(ENUMS.tokenizeMode)),
})
export type CardOptions = typeof CardOptions.Type

/**
 * Raw card data for `pay` (card-authorization-api.txt, "Card information to be collected"). Number, CVV, expiry and
 * holder name are `Redacted`: `String(cardNo)` and `JSON.stringify` show `<redacted>`; only `encodeRequest` reveals
 * them, into the JSON body. A token payment sends `paymentMethodId` instead and leaves this out.
 */
export const CardMetaData = Schema.Struct({
  cardNo: sensitive(digits(/^\d{12,19}$/, SAFE_MESSAGES.cardNo)),
  cvv: optional(sensitive(digits(/^\d{3,4}$/, SAFE_MESSAGES.cvv))),
  expiryMonth: sensitive(digits(/^(0[1-9]|1[0-2])$/, SAFE_MESSAGES.expiryMonth)),
  expiryYear: sensitive(digits(/^\d{2}$/, SAFE_MESSAGES.expiryYear)),
  cardholderName: optional(sensitive(HolderName)),
  ...CardOptions.fields,
})
export type CardMetaData = typeof CardMetaData.Type

export const CardPaymentMethod = Schema.Struct({
  paymentMethodType: Schema.Literal('CARD'),
  paymentMethodMetaData: CardMetaData,
})
export type CardPaymentMethod = typeof CardPaymentMethod.Type

/** A card the gateway vaulted: its `cardToken` as `paymentMethodId`, no card data (no CVV is asked again). */
export const SavedCardPaymentMethod = Schema.Struct({
  paymentMethodType: Schema.Literal('CARD'),
  paymentMethodId: nonEmpty(FIELD_LIMITS.paymentMethodId.maxLength),
  paymentMethodMetaData: optional(CardOptions),
})
export type SavedCardPaymentMethod = typeof SavedCardPaymentMethod.Type

/** JSON data passed through as given (e.g. a wallet's `payerEmail`, Mercado Pago's `cpf`). */
export const MetaData = Schema.Record(Schema.String, Schema.Unknown)

const OtherMethodType = Schema.String.check(
  Schema.isMaxLength(FIELD_LIMITS.paymentMethodType.maxLength),
  Schema.isPattern(/^[A-Z][A-Z0-9_]*$/, { message: 'Expected an upper-case payment method type, e.g. ALIPAY_CN' }),
  Schema.makeFilter((type: string) => (type === 'CARD' ? 'CARD is a CardPaymentMethod' : undefined)),
)

/** Wallets and every other method: the type (ALIPAY_CN, GCASH, ...) and whatever metadata the method asks for. */
export const OtherPaymentMethod = Schema.Struct({
  paymentMethodType: OtherMethodType,
  paymentMethodId: optional(nonEmpty(FIELD_LIMITS.paymentMethodId.maxLength)),
  paymentMethodMetaData: optional(MetaData),
})
export type OtherPaymentMethod = typeof OtherPaymentMethod.Type

export const PaymentMethod = Schema.Union([CardPaymentMethod, SavedCardPaymentMethod, OtherPaymentMethod])
export type PaymentMethod = typeof PaymentMethod.Type

/** `paymentMethodType` as the gateway reports it back (MIXEDCARD, CARD, ALIPAY_CN, ...). */
export const ReportedMethodType = limited('paymentMethodType')
