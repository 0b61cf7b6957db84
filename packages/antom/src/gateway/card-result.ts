import type { CardResult } from '@paychart/core'
import type { AcquirerInfo } from '../schemas/common.js'
import type { PaymentResultInfo } from '../schemas/payment-result.js'

const present = <T extends object>(value: T): T | undefined =>
  Object.values(value).some((v) => v !== undefined) ? value : undefined

/** `value` without its undefined keys, typed as the optional keys they are. */
const defined = <T extends object>(value: T): { [K in keyof T]?: Exclude<T[K], undefined> } =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>
  }

/**
 * The card facts a merchant may keep from `paymentResultInfo` and `acquirerInfo`. The masked card number, the
 * expiry and the holder's name are left out: a BIN and the last four are all of the card that is kept.
 */
export const cardResultOf = (
  info: PaymentResultInfo | undefined,
  acquirer: AcquirerInfo | undefined,
): CardResult | undefined => {
  const threeDS = info?.threeDSResult
  const result = defined({
    brand: info?.cardBrand,
    bin: info?.cardBin,
    lastFour: info?.lastFour,
    issuingCountry: info?.issuingCountry,
    funding: info?.funding,
    avsResult: info?.avsResultRaw,
    cvvResult: info?.cvvResultRaw,
    networkTransactionId: info?.networkTransactionId,
    cardToken: info?.cardToken,
    threeDS:
      threeDS === undefined
        ? undefined
        : present(defined({ version: threeDS.threeDSVersion, eci: threeDS.eci, type: threeDS.threeDSType })),
    acquirer:
      acquirer === undefined
        ? undefined
        : present(
            defined({
              name: acquirer.acquirerName,
              transactionId: acquirer.acquirerTransactionId,
              resultCode: acquirer.acquirerResultCode,
            }),
          ),
  })
  return present(result)
}
