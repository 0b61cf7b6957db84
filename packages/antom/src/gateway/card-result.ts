import type { CardResult } from '@paychart/core'
import type { AcquirerInfo } from '../schemas/common.js'
import type { PaymentResultInfo } from '../schemas/payment-result.js'

type Compact<T> = { [K in keyof T]?: Exclude<T[K], undefined> }

/** `value` without its undefined keys; undefined when none is left. */
const compact = <T extends object>(value: T): Compact<T> | undefined => {
  const entries = Object.entries(value).filter(([, v]) => v !== undefined)
  return entries.length === 0 ? undefined : (Object.fromEntries(entries) as Compact<T>)
}

/** Where the gateway reports a card's result: pay, verify and inquiry answers, and the payment's notification. */
export interface CardResultSource {
  readonly paymentResultInfo?: PaymentResultInfo
  readonly acquirerInfo?: AcquirerInfo
}

/**
 * The card facts a merchant may keep from `paymentResultInfo` and `acquirerInfo`, as `{ card }` ready to spread into
 * an event (empty when the gateway told nothing). The masked card number, the expiry and the holder's name are left
 * out: a BIN and the last four are all of the card that is kept; so are the 3-D Secure cryptograms (cavv, xid, the
 * directory server's transaction id), which are for the issuer, not the merchant. See `FIELD_DESTINATIONS`.
 */
export const cardResultOf = ({ paymentResultInfo: info, acquirerInfo: acquirer }: CardResultSource) => {
  const threeDS = info?.threeDSResult
  const card: CardResult | undefined = compact({
    brand: info?.cardBrand,
    bin: info?.cardBin,
    lastFour: info?.lastFour,
    issuingCountry: info?.issuingCountry,
    issuerName: info?.issuerName,
    funding: info?.funding,
    category: info?.cardCategory,
    fingerprint: info?.fingerprint,
    avsResult: info?.avsResultRaw,
    cvvResult: info?.cvvResultRaw,
    networkTransactionId: info?.networkTransactionId,
    cardToken: info?.cardToken,
    threeDS: compact({
      version: threeDS?.threeDSVersion,
      eci: threeDS?.eci,
      type: threeDS?.threeDSType,
      offered: threeDS?.threeDSOffered === undefined ? undefined : String(threeDS.threeDSOffered) === 'true',
    }),
    acquirer: compact({
      name: acquirer?.acquirerName,
      transactionId: acquirer?.acquirerTransactionId,
      resultCode: acquirer?.acquirerResultCode,
    }),
  })
  return card === undefined ? {} : { card }
}
