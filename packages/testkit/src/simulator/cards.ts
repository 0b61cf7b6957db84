/** What the simulated issuer does with a card. */
export type CardBehaviour =
  | { readonly kind: 'approve' }
  | { readonly kind: 'decline'; readonly resultCode: string }
  /** 3D Secure challenge: U PAYMENT_IN_PROCESS with a challenge URL, settled by `completeChallenge`. */
  | { readonly kind: 'challenge' }
  /** Declined with AUTHENTICATION_REQUIRED unless the request asks for 3DS, then challenged. */
  | { readonly kind: 'challengeRequired' }
  /** U PAYMENT_IN_PROCESS asking for an OTP, settled by `verifyAndCompletePayment`. */
  | { readonly kind: 'otp' }

export type CardBrand = 'VISA' | 'MASTERCARD' | 'AMEX' | 'JCB' | 'UNIONPAY' | 'UNKNOWN'

export interface TestCard {
  readonly number: string
  readonly brand: CardBrand
  readonly behaviour: CardBehaviour
  readonly description: string
  /** The issuer's AVS verdict when a billing address is sent; default Y (address and postcode match). */
  readonly avs?: string
  /** The issuer's CVV verdict when a CVV is sent; default M (match). */
  readonly cvv?: string
}

const approve = { kind: 'approve' } as const
const decline = (resultCode: string) => ({ kind: 'decline', resultCode }) as const

/**
 * The simulator's test cards. The first four are the gateway sandbox's own; the rest are the simulator's. Any other
 * Luhn-valid number of 12 to 19 digits is approved; any other number is declined with INVALID_CARD_NUMBER.
 */
export const TEST_CARDS: ReadonlyArray<TestCard> = [
  { number: '4054695723100768', brand: 'VISA', behaviour: approve, description: 'success (sandbox)' },
  { number: '5162774114974622', brand: 'MASTERCARD', behaviour: approve, description: 'success (sandbox)' },
  {
    number: '4054692760174822',
    brand: 'VISA',
    behaviour: decline('DO_NOT_HONOR'),
    description: 'decline (sandbox)',
  },
  {
    number: '5162770472561357',
    brand: 'MASTERCARD',
    behaviour: decline('DO_NOT_HONOR'),
    description: 'decline (sandbox)',
  },
  { number: '4000000000003220', brand: 'VISA', behaviour: { kind: 'challenge' }, description: '3DS challenge' },
  { number: '5200000000003225', brand: 'MASTERCARD', behaviour: { kind: 'challenge' }, description: '3DS challenge' },
  {
    number: '4000000000000606',
    brand: 'VISA',
    behaviour: { kind: 'challengeRequired' },
    description: 'AUTHENTICATION_REQUIRED unless is3DSAuthentication is true, then a 3DS challenge',
  },
  { number: '4000000000000705', brand: 'VISA', behaviour: { kind: 'otp' }, description: 'OTP verification' },
  {
    number: '4000000000000101',
    brand: 'VISA',
    behaviour: decline('CARD_NOT_SUPPORTED'),
    description: 'decline CARD_NOT_SUPPORTED',
  },
  {
    number: '4000000000000200',
    brand: 'VISA',
    behaviour: decline('INVALID_CARD_NUMBER'),
    description: 'decline INVALID_CARD_NUMBER (Luhn-valid, unknown to the issuer)',
  },
  {
    number: '4000000000000309',
    brand: 'VISA',
    behaviour: decline('RISK_REJECT'),
    description: 'decline RISK_REJECT',
  },
  {
    number: '4000000000000408',
    brand: 'VISA',
    behaviour: decline('FRAUD_REJECT'),
    description: 'decline FRAUD_REJECT',
  },
  {
    number: '4000000000000507',
    brand: 'VISA',
    behaviour: decline('INVALID_EXPIRATION_DATE'),
    description: 'decline INVALID_EXPIRATION_DATE',
  },
  { number: '4000000000000614', brand: 'VISA', behaviour: approve, avs: 'N', description: 'success, AVS mismatch (N)' },
  { number: '4000000000000622', brand: 'VISA', behaviour: approve, cvv: 'N', description: 'success, CVV mismatch (N)' },
  {
    number: '4000000000000630',
    brand: 'VISA',
    behaviour: { kind: 'challenge' },
    avs: 'N',
    description: '3DS challenge, AVS mismatch (N)',
  },
]

export const luhnValid = (digits: string): boolean => {
  let sum = 0
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i])
    if (i % 2 === 1) {
      d *= 2
      if (d > 9) d -= 9
    }
    sum += d
  }
  return sum % 10 === 0
}

export const brandOf = (digits: string): CardBrand => {
  if (digits.startsWith('4')) return 'VISA'
  const two = Number(digits.slice(0, 2))
  const four = Number(digits.slice(0, 4))
  if ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)) return 'MASTERCARD'
  if (two === 34 || two === 37) return 'AMEX'
  if (two === 35) return 'JCB'
  if (two === 62) return 'UNIONPAY'
  return 'UNKNOWN'
}

/** All that the simulator keeps of a card: its brand, BIN and last four digits, and the issuer's verdicts. */
export interface CardFacts {
  readonly brand: CardBrand
  /** The issuer's identification number: the first six digits. */
  readonly bin: string
  readonly last4: string
  /** Whether the issuer challenged the buyer with 3D Secure. */
  readonly threeDs: boolean
  /** The AVS result reported for this payment: the issuer's verdict, or U when no billing address was sent. */
  readonly avsResult: string
  /** The CVV result reported for this payment: the issuer's verdict, or U when no CVV was sent (a saved card). */
  readonly cvvResult: string
}

/** What the payment sent for the issuer to check. */
export interface CardChecks {
  readonly billingAddress: boolean
  readonly cvv: boolean
}

/** The facts as this payment reports them: a verdict only for what was sent to check. */
export const checkedAs = (facts: CardFacts, issuer: Pick<TestCard, 'avs' | 'cvv'>, checks: CardChecks): CardFacts => ({
  ...facts,
  avsResult: checks.billingAddress ? (issuer.avs ?? 'Y') : 'U',
  cvvResult: checks.cvv ? (issuer.cvv ?? 'M') : 'U',
})

/** The issuer's verdicts for a card number. */
export const issuerOf = (cardNo: string): Pick<TestCard, 'avs' | 'cvv'> =>
  TEST_CARDS.find((card) => card.number === cardNo.replace(/[\s-]/g, '')) ?? {}

/**
 * Reads a card number (spaces and dashes ignored) into what to keep of it and what the issuer does; the AVS and CVV
 * verdicts are for what `checks` says was sent.
 */
export const examineCard = (
  cardNo: string,
  checks: CardChecks = { billingAddress: false, cvv: true },
): { readonly facts: CardFacts; readonly behaviour: CardBehaviour } => {
  const digits = cardNo.replace(/[\s-]/g, '')
  const known = TEST_CARDS.find((card) => card.number === digits)
  const threeDs = known?.behaviour.kind === 'challenge' || known?.behaviour.kind === 'challengeRequired'
  const facts = checkedAs(
    {
      brand: known?.brand ?? brandOf(digits),
      bin: digits.slice(0, 6),
      last4: digits.slice(-4),
      threeDs,
      avsResult: 'U',
      cvvResult: 'U',
    },
    known ?? {},
    checks,
  )
  if (known !== undefined) return { facts, behaviour: known.behaviour }
  const wellFormed = /^\d{12,19}$/.test(digits) && luhnValid(digits)
  return { facts, behaviour: wellFormed ? approve : decline('INVALID_CARD_NUMBER') }
}

/** The masked number the gateway reports back: `************0768`. */
export const maskedNumber = (facts: CardFacts): string => `${'*'.repeat(12)}${facts.last4}`
