import { inspect } from 'node:util'
import { Redacted } from 'effect'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import * as built from './constructed-samples.fixtures.js'
import { encodeRequest } from './encode.js'
import type { WireEncodeError } from './errors.js'
import { PayRequest } from './pay.js'
import type { CardMetaData } from './payment-method.js'
import { replayable } from './replayable.fixtures.js'
import { parse, runErr, runOk, typedFrom } from './schemas.fixtures.js'
import { payCardRequest } from './spec-samples.fixtures.js'
import { VerifyAndCompletePaymentRequest } from './verify.js'

const base = typedFrom(PayRequest, parse(payCardRequest))
const card = (base.paymentMethod as { readonly paymentMethodMetaData: CardMetaData }).paymentMethodMetaData

const withCard = (patch: Partial<Record<keyof CardMetaData, unknown>>): PayRequest =>
  ({ ...base, paymentMethod: { ...base.paymentMethod, paymentMethodMetaData: { ...card, ...patch } } }) as PayRequest

/** Every way an error might be shown: message, JSON, String, util.inspect, stack, and its issues. */
const renderings = (error: WireEncodeError): ReadonlyArray<string> => [
  error.message,
  JSON.stringify(error),
  String(error),
  inspect(error, { depth: 10 }),
  String(error.stack),
  JSON.stringify(error.issues),
]

const expectNowhere = (error: WireEncodeError, secret: string) => {
  for (const text of renderings(error)) expect(text).not.toContain(secret)
}

const CARD_PATH = 'paymentMethod.paymentMethodMetaData'
const SECRET_NUMBER = '4117347806156383'

describe('card data in a pay request', () => {
  it('is Redacted: JSON.stringify, String, template literals and inspect show no card value', () => {
    const shown = [JSON.stringify(base), String(card.cardNo), `${card.cvv}`, inspect(base, { depth: 10 })]
    for (const text of shown) {
      for (const secret of [SECRET_NUMBER, '"850"', 'Tom', 'Jay']) expect(text).not.toContain(secret)
    }
    expect(JSON.stringify(base.paymentMethod)).toContain('<redacted>')
  })

  it('is revealed in the encoded body, and only there', () => {
    const body = JSON.parse(runOk(encodeRequest('pay', base)))
    expect(body.paymentMethod.paymentMethodMetaData).toMatchObject({
      cardNo: SECRET_NUMBER,
      cvv: '850',
      expiryMonth: '12',
      expiryYear: '29',
      cardholderName: { firstName: 'Tom', lastName: 'Jay' },
    })
  })

  it.each([
    ['an over-long cardNo', { cardNo: Redacted.make('41173478061563831234') }, 'cardNo', '41173478061563831234'],
    ['a cardNo with a letter', { cardNo: Redacted.make('4117347806156X83') }, 'cardNo', '4117347806156X83'],
    ['a cardNo with spaces', { cardNo: Redacted.make('4117 3478 0615 6383') }, 'cardNo', '4117 3478 0615 6383'],
    ['a plain-string cardNo', { cardNo: SECRET_NUMBER }, 'cardNo', SECRET_NUMBER],
    ['a 5-digit cvv', { cvv: Redacted.make('85012') }, 'cvv', '85012'],
    ['expiryMonth 13', { expiryMonth: Redacted.make('13') }, 'expiryMonth', '"13"'],
    ['a 4-digit expiryYear', { expiryYear: Redacted.make('2029') }, 'expiryYear', '2029'],
    [
      'an over-long holder name',
      { cardholderName: Redacted.make({ firstName: 'Tomasz'.repeat(30), lastName: 'Jay' }) },
      'cardholderName.firstName',
      'TomaszTomasz',
    ],
  ])('%s is refused without its value in the error', (_, patch, field, secret) => {
    const error = runErr(encodeRequest('pay', withCard(patch)))
    expect(error._tag).toBe('WireEncodeError')
    expect(error.path).toBe(`${CARD_PATH}.${field}`)
    expectNowhere(error, secret)
  })

  it('names the rule broken, in our own words', () => {
    const error = runErr(encodeRequest('pay', withCard({ cardNo: Redacted.make('1234567890123456789012') })))
    expect(error.message).toBe('cardNo must be 12 to 19 digits')
  })

  it('an OTP is refused without its value in the error', () => {
    const request = typedFrom(VerifyAndCompletePaymentRequest, parse(built.verifyRequest))
    const otp = 'otp-'.repeat(10)
    const error = runErr(
      encodeRequest('verifyAndCompletePayment', {
        ...request,
        verifyMethod: { ...request.verifyMethod, otpValue: Redacted.make(otp) },
      }),
    )
    expect(error.path).toBe('verifyMethod.otpValue')
    expectNowhere(error, otp)
  })
})

describe('card data properties', () => {
  const digits = (min: number, max: number) =>
    fc.array(fc.constantFrom(...'0123456789'), { minLength: min, maxLength: max }).map((d) => d.join(''))

  const invalidNumbers = fc.oneof(
    digits(20, 40),
    fc.tuple(digits(12, 19), fc.constantFrom(' ', '-', '/', '.', 'X', 'é'), fc.nat()).map(([number, char, at]) => {
      const i = at % (number.length + 1)
      return number.slice(0, i) + char + number.slice(i)
    }),
  )

  it('no invalid card number ever appears in the error', () => {
    fc.assert(
      fc.property(invalidNumbers, (number) => {
        const error = runErr(encodeRequest('pay', withCard({ cardNo: Redacted.make(number) })))
        expect(error.path).toBe(`${CARD_PATH}.cardNo`)
        expectNowhere(error, number)
        expectNowhere(error, number.replace(/\D/g, '').slice(0, 12))
      }),
      replayable('invalid card numbers stay out of errors', 200),
    )
  })

  it('every valid card number reaches the body and nothing else', () => {
    fc.assert(
      fc.property(digits(12, 19), (number) => {
        const request = withCard({ cardNo: Redacted.make(number) })
        expect(JSON.stringify(request)).not.toContain(number)
        expect(JSON.parse(runOk(encodeRequest('pay', request))).paymentMethod.paymentMethodMetaData.cardNo).toBe(number)
      }),
      replayable('valid card numbers reach the body', 200),
    )
  })
})
