import * as Redacted from 'effect/Redacted'
import * as Schema from 'effect/Schema'
import * as SchemaTransformation from 'effect/SchemaTransformation'

/**
 * A value that is `Redacted` in memory and revealed only in the encoded JSON body. `wire` validates the revealed
 * value while encoding; give its checks their own `message` annotations, because those messages are the only text
 * about a sensitive field that an error may carry (see errors.ts: any other message is withheld).
 */
export const sensitive = <S extends Schema.Codec<unknown, unknown>>(wire: S) =>
  wire.pipe(
    Schema.decodeTo(
      Schema.declare<Redacted.Redacted<S['Type']>>(
        (input): input is Redacted.Redacted<S['Type']> => Redacted.isRedacted(input),
        { expected: 'a Redacted value' },
      ),
      SchemaTransformation.transform({
        decode: (value: S['Type']) => Redacted.make(value),
        encode: (redacted: Redacted.Redacted<S['Type']>) => Redacted.value(redacted),
      }),
    ),
  )

/**
 * Field names whose values are secret wherever they appear in a path. Errors about them carry only the messages
 * listed in `SENSITIVE_MESSAGES`.
 */
export const SENSITIVE_FIELDS: ReadonlySet<string> = new Set([
  'cardNo',
  'cvv',
  'expiryYear',
  'expiryMonth',
  'cardholderName',
  'otpValue',
])

/** The check messages of sensitive fields: written here, never containing the value, so safe to show. */
export const SAFE_MESSAGES = {
  cardNo: 'cardNo must be 12 to 19 digits',
  cvv: 'cvv must be 3 or 4 digits',
  expiryMonth: 'expiryMonth must be two digits, 01 to 12',
  expiryYear: 'expiryYear must be two digits',
  cardholderName: 'cardholderName must hold a first and a last name of at most 128 characters each',
  otpValue: 'otpValue must be 1 to 32 characters',
} as const

export const SENSITIVE_MESSAGES: ReadonlySet<string> = new Set(Object.values(SAFE_MESSAGES))
