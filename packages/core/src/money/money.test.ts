import { Result, Schema, type SchemaIssue } from 'effect'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CURRENCY_EXPONENTS } from './currencies.data.js'
import {
  AmountOverflow,
  type AmountRejection,
  AmountUnderflow,
  CurrencyMismatch,
  InvalidAmount,
  UnknownCurrency,
} from './errors.js'
import {
  add,
  CURRENCY_CODES,
  type CurrencyCode,
  compare,
  equals,
  exponentOf,
  formatMajor,
  isCurrencyCode,
  isLessOrEqual,
  isZero,
  type Money,
  MoneySchema,
  money,
  moneyFromWire,
  parseAmount,
  parseMajor,
  sameCurrency,
  subtract,
  toWire,
  unsafeMoney,
  zero,
} from './money.js'

const MAX = Number.MAX_SAFE_INTEGER
const currencyArb = fc.constantFrom(...CURRENCY_CODES)
const minorArb = fc.maxSafeNat()
const moneyArb = fc.record({ currency: currencyArb, minor: minorArb })

const failure = <A, E>(result: Result.Result<A, E>): E => {
  if (Result.isSuccess(result)) throw new Error(`expected a failure, got ${JSON.stringify(result.success)}`)
  return result.failure
}
const success = <A, E>(result: Result.Result<A, E>): A => {
  if (Result.isFailure(result)) throw new Error(`expected a success, got ${String(result.failure)}`)
  return result.success
}

describe('currency data', () => {
  it('holds the active ISO 4217 codes with a minor unit', () => {
    expect(CURRENCY_CODES).toHaveLength(165)
    for (const code of CURRENCY_CODES) {
      expect(code).toMatch(/^[A-Z]{3}$/)
      expect([0, 2, 3, 4]).toContain(exponentOf(code))
    }
  })

  it.each<readonly [string, number]>([
    ...['JPY', 'KRW', 'VND', 'CLP', 'ISK', 'XAF', 'XOF', 'XPF', 'PYG', 'UGX', 'UYI'].map((c) => [c, 0] as const),
    ...['USD', 'EUR', 'IDR', 'GBP', 'CNY', 'VES', 'VED', 'ZWG', 'SLE', 'MRU', 'STN', 'XCG'].map((c) => [c, 2] as const),
    ...['BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND'].map((c) => [c, 3] as const),
    ['CLF', 4],
    ['UYW', 4],
  ])('%s has exponent %i', (code, exponent) => {
    expect(isCurrencyCode(code) && exponentOf(code)).toBe(exponent)
  })

  it.each([
    'XAU',
    'XAG',
    'XPD',
    'XPT',
    'XDR',
    'XTS',
    'XXX',
    'XSU',
    'XUA',
    'XBA',
    'ANG',
    'BGN',
    'HRK',
    'SLL',
    'ZWL',
    'VEF',
  ])('leaves out %s (no minor unit, or withdrawn)', (code) =>
    expect(Object.hasOwn(CURRENCY_EXPONENTS, code)).toBe(false),
  )
})

describe('isCurrencyCode', () => {
  it.each([['usd'], ['Usd'], [' USD'], ['USD '], [''], ['constructor'], ['__proto__'], ['toString'], [840], [null]])(
    'rejects %j',
    (input) => expect(isCurrencyCode(input)).toBe(false),
  )

  it('accepts every listed code', () => {
    for (const code of CURRENCY_CODES) expect(isCurrencyCode(code)).toBe(true)
  })
})

describe('parseAmount', () => {
  it('reads the wire form', () => {
    expect(success(parseAmount({ currency: 'USD', value: '1099' }, 'paymentAmount'))).toEqual({
      currency: 'USD',
      minor: 1099,
    })
    expect(success(parseAmount({ currency: 'JPY', value: '0' }, 'x'))).toEqual({ currency: 'JPY', minor: 0 })
    expect(success(parseAmount({ currency: 'KWD', value: String(MAX) }, 'x')).minor).toBe(MAX)
  })

  it.each<[unknown, AmountRejection]>([
    [1099, 'not-a-string'],
    [null, 'not-a-string'],
    [undefined, 'not-a-string'],
    ['', 'empty'],
    [' 1', 'whitespace'],
    ['1 ', 'whitespace'],
    ['1 000', 'whitespace'],
    ['\t1', 'whitespace'],
    ['1\u00a0000', 'whitespace'],
    ['-1', 'negative'],
    ['-0', 'negative'],
    ['+1', 'plus-sign'],
    ['1e3', 'exponent'],
    ['1E3', 'exponent'],
    ['1.5e2', 'exponent'],
    ['1e-3', 'exponent'],
    ['10.5', 'fraction'],
    ['10.', 'fraction'],
    ['.5', 'fraction'],
    ['10.00', 'fraction'],
    ['0x10', 'not-digits'],
    ['1_000', 'not-digits'],
    ['1,000', 'not-digits'],
    ['Infinity', 'not-digits'],
    ['NaN', 'not-digits'],
    ['e3', 'not-digits'],
    ['１２', 'not-digits'],
    ['١٢', 'not-digits'],
    ['1.2.3', 'not-digits'],
    ['00', 'leading-zero'],
    ['0100', 'leading-zero'],
    ['9007199254740992', 'overflow'],
    ['9007199254740993', 'overflow'],
    ['99999999999999999999999', 'overflow'],
  ])('rejects value %j as %s, naming the field', (value, reason) => {
    const error = failure(parseAmount({ currency: 'USD', value }, 'paymentAmount'))
    expect(error).toBeInstanceOf(InvalidAmount)
    expect(error).toMatchObject({ _tag: 'InvalidAmount', field: 'paymentAmount.value', reason, input: value })
    expect(error.message).toContain('paymentAmount.value')
  })

  it.each([['usd'], ['XAU'], ['US'], ['USDD'], [''], [840], [undefined], ['constructor']])(
    'rejects currency %j, naming the field',
    (currency) => {
      const error = failure(parseAmount({ currency, value: '100' }, 'refundAmount'))
      expect(error).toBeInstanceOf(UnknownCurrency)
      expect(error).toMatchObject({ field: 'refundAmount.currency', input: currency })
      expect(error.message).toContain('refundAmount.currency')
    },
  )

  it('round-trips toWire for every currency and safe integer', () => {
    fc.assert(
      fc.property(moneyArb, (m) => {
        expect(success(parseAmount(toWire(m), 'amount'))).toEqual(m)
      }),
    )
  })

  it('accepts exactly the canonical digit strings up to MAX_SAFE_INTEGER', () => {
    const canonical = (s: string) => /^(0|[1-9]\d*)$/.test(s) && BigInt(s) <= BigInt(MAX)
    const candidates = fc.oneof(
      fc.string(),
      fc.string({ unit: fc.constantFrom('0', '1', '9', '.', 'e', '-', '+', ' ', '\n'), maxLength: 20 }),
      fc.bigInt({ min: 0n, max: 2n ** 60n }).map(String),
      fc.tuple(fc.constantFrom('', '0', '00', '-', '+', ' '), minorArb).map(([prefix, n]) => `${prefix}${n}`),
    )
    fc.assert(
      fc.property(candidates, (value) => {
        const result = parseAmount({ currency: 'EUR', value }, 'paymentAmount')
        if (canonical(value)) {
          expect(success(result)).toEqual({ currency: 'EUR', minor: Number(value) })
        } else {
          expect(failure(result)).toMatchObject({ field: 'paymentAmount.value', input: value })
        }
      }),
    )
  })

  it('rejects every non-string value', () => {
    fc.assert(
      fc.property(
        fc.anything({ withBigInt: true }).filter((v) => typeof v !== 'string'),
        (value) => {
          expect(failure(parseAmount({ currency: 'USD', value }, 'amount'))).toMatchObject({
            field: 'amount.value',
            reason: 'not-a-string',
          })
        },
      ),
    )
  })

  it('rejects every string that is not a listed code', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          currencyArb.map((c) => c.toLowerCase()),
        ),
        (currency) => {
          fc.pre(!isCurrencyCode(currency))
          expect(failure(parseAmount({ currency, value: '1' }, 'amount'))).toBeInstanceOf(UnknownCurrency)
        },
      ),
    )
  })
})

describe('error messages', () => {
  it.each<[unknown, string]>([
    ['10.5', '"10.5"'],
    [{ value: 1 }, 'an object'],
    [Symbol('s'), 'a symbol'],
    [() => 1, 'a function'],
    [12.5, '12.5'],
    ['9'.repeat(50), `"${'9'.repeat(40)}…"`],
  ])('show the input %s as %s', (input, shown) => {
    expect(new InvalidAmount({ field: 'f', reason: 'not-a-string', input }).message).toBe(
      `f must be a string (got ${shown})`,
    )
  })

  it('name the field and the operands', () => {
    const mismatch = new CurrencyMismatch({ field: 'refundAmount', expected: 'USD', actual: 'EUR' })
    expect(mismatch.message).toBe('refundAmount must be in USD (got EUR)')
    expect(new AmountUnderflow({ field: 'refundAmount', currency: 'USD', left: 5, right: 7 }).message).toBe(
      'refundAmount: 7 USD minor units is more than the 5 available',
    )
    expect(new AmountOverflow({ field: 'total', currency: 'JPY', left: MAX, right: 1 }).message).toContain('total:')
  })

  it('serialise their data to JSON', () => {
    const error = failure(parseAmount({ currency: 'USD', value: '1.5' }, 'paymentAmount'))
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      _tag: 'InvalidAmount',
      field: 'paymentAmount.value',
      reason: 'fraction',
      input: '1.5',
    })
  })
})

describe('money', () => {
  it('builds a Money from trusted numbers', () => {
    expect(success(money('USD', 1099))).toEqual({ currency: 'USD', minor: 1099 })
    expect(success(money('USD', MAX)).minor).toBe(MAX)
    expect(Object.is(success(money('USD', -0)).minor, 0)).toBe(true)
  })

  it.each<[number, AmountRejection]>([
    [1.5, 'not-an-integer'],
    [Number.NaN, 'not-an-integer'],
    [Number.POSITIVE_INFINITY, 'not-an-integer'],
    [-1, 'negative'],
    [-(2 ** 60), 'negative'],
    [MAX + 1, 'overflow'],
    [2 ** 60, 'overflow'],
  ])('rejects %d as %s', (minor, reason) => {
    expect(failure(money('USD', minor, 'captureAmount'))).toMatchObject({
      field: 'captureAmount',
      reason,
      input: minor,
    })
  })

  it('rejects a currency that slipped past the types', () => {
    expect(failure(money('usd' as CurrencyCode, 1))).toBeInstanceOf(UnknownCurrency)
  })

  it('unsafeMoney throws the typed error', () => {
    expect(unsafeMoney('KWD', 1099)).toEqual({ currency: 'KWD', minor: 1099 })
    expect(() => unsafeMoney('USD', -5)).toThrow(InvalidAmount)
    expect(() => unsafeMoney('USD', -5)).toThrow('amount must not be negative (got -5)')
  })

  it('zero is zero', () => {
    expect(zero('JPY')).toEqual({ currency: 'JPY', minor: 0 })
    expect(isZero(zero('JPY'))).toBe(true)
    expect(isZero(unsafeMoney('JPY', 1))).toBe(false)
  })
})

describe('formatMajor and parseMajor', () => {
  it.each<[CurrencyCode, number, string]>([
    ['USD', 1099, '10.99'],
    ['USD', 5, '0.05'],
    ['USD', 0, '0.00'],
    ['USD', 100, '1.00'],
    ['JPY', 1099, '1099'],
    ['JPY', 0, '0'],
    ['KWD', 1099, '1.099'],
    ['KWD', 1, '0.001'],
    ['CLF', 12345, '1.2345'],
    ['USD', MAX, '90071992547409.91'],
  ])('formats %s %i as %s', (currency, minor, text) => {
    expect(formatMajor({ currency, minor })).toBe(text)
    expect(success(parseMajor(text, currency, 'price'))).toEqual({ currency, minor })
  })

  it.each<[string, CurrencyCode, number]>([
    ['10.5', 'USD', 1050],
    ['10', 'USD', 1000],
    ['0', 'KWD', 0],
    ['1.1', 'UYW', 11000],
  ])('reads %s %s with fewer fraction digits than the exponent', (text, currency, minor) => {
    expect(success(parseMajor(text, currency, 'price'))).toEqual({ currency, minor })
  })

  it.each<[unknown, CurrencyCode, AmountRejection]>([
    [10.99, 'USD', 'not-a-string'],
    ['', 'USD', 'empty'],
    ['10.999', 'USD', 'too-many-fraction-digits'],
    ['10.990', 'USD', 'too-many-fraction-digits'],
    ['1.0', 'JPY', 'too-many-fraction-digits'],
    ['1.0001', 'KWD', 'too-many-fraction-digits'],
    ['.5', 'USD', 'not-digits'],
    ['5.', 'USD', 'not-digits'],
    ['1,5', 'USD', 'not-digits'],
    ['01.00', 'USD', 'leading-zero'],
    ['-1.00', 'USD', 'negative'],
    ['+1.00', 'USD', 'plus-sign'],
    ['1e2', 'USD', 'exponent'],
    [' 1.00', 'USD', 'whitespace'],
    ['90071992547409.92', 'USD', 'overflow'],
    ['9007199254740992', 'JPY', 'overflow'],
  ])('rejects %j %s as %s', (text, currency, reason) => {
    const error = failure(parseMajor(text, currency, 'displayPrice'))
    expect(error).toMatchObject({ field: 'displayPrice', reason, input: text })
    expect(error.message).toContain('displayPrice')
  })

  it('round-trips for every currency and safe integer', () => {
    fc.assert(
      fc.property(moneyArb, (m) => {
        const text = formatMajor(m)
        const exponent = exponentOf(m.currency)
        expect(text).toMatch(exponent === 0 ? /^\d+$/ : new RegExp(`^\\d+\\.\\d{${exponent}}$`))
        expect(BigInt(text.replace('.', ''))).toBe(BigInt(m.minor))
        expect(success(parseMajor(text, m.currency, 'price'))).toEqual(m)
      }),
    )
  })
})

describe('arithmetic', () => {
  // Independent amounts are almost never equal or adjacent, so those cases are generated on purpose.
  const pairArb = fc
    .tuple(currencyArb, minorArb, minorArb, fc.constantFrom('any', 'equal', 'next'))
    .map(([currency, a, b, how]): [Money, Money] => [
      { currency, minor: a },
      { currency, minor: how === 'any' ? b : how === 'equal' ? a : Math.min(a + 1, MAX) },
    ])
  const otherCurrencyArb = fc.tuple(moneyArb, moneyArb).filter(([a, b]) => a.currency !== b.currency)

  it('add sums, or reports overflow past MAX_SAFE_INTEGER', () => {
    fc.assert(
      fc.property(pairArb, ([a, b]) => {
        const sum = BigInt(a.minor) + BigInt(b.minor)
        const result = add(a, b, 'total')
        if (sum <= BigInt(MAX)) expect(success(result)).toEqual({ currency: a.currency, minor: Number(sum) })
        else
          expect(failure(result)).toEqual(
            new AmountOverflow({ field: 'total', currency: a.currency, left: a.minor, right: b.minor }),
          )
      }),
    )
    expect(failure(add(unsafeMoney('USD', MAX), unsafeMoney('USD', 1)))).toBeInstanceOf(AmountOverflow)
  })

  it('subtract never goes below zero', () => {
    fc.assert(
      fc.property(pairArb, ([a, b]) => {
        const result = subtract(a, b, 'refundAmount')
        if (b.minor <= a.minor) expect(success(result)).toEqual({ currency: a.currency, minor: a.minor - b.minor })
        else expect(failure(result)).toBeInstanceOf(AmountUnderflow)
      }),
    )
    expect(failure(subtract(unsafeMoney('USD', 500), unsafeMoney('USD', 501), 'refundAmount'))).toMatchObject({
      _tag: 'AmountUnderflow',
      field: 'refundAmount',
      left: 500,
      right: 501,
    })
  })

  it('subtract undoes add', () => {
    fc.assert(
      fc.property(pairArb, ([a, b]) => {
        const sum = add(a, b)
        fc.pre(Result.isSuccess(sum))
        expect(success(subtract(success(sum), b))).toEqual(a)
      }),
    )
  })

  it('compare orders by minor units, and isLessOrEqual agrees', () => {
    fc.assert(
      fc.property(pairArb, ([a, b]) => {
        const order = success(compare(a, b))
        expect(order).toBe(Math.sign(a.minor - b.minor))
        expect(success(compare(b, a))).toBe(-order || 0)
        expect(success(isLessOrEqual(a, b))).toBe(a.minor <= b.minor)
        expect(equals(a, b)).toBe(order === 0)
      }),
    )
  })

  it('reports a currency mismatch from every binary operation, naming the field', () => {
    fc.assert(
      fc.property(otherCurrencyArb, ([a, b]) => {
        const expected = new CurrencyMismatch({ field: 'refundAmount', expected: a.currency, actual: b.currency })
        expect(failure(add(a, b, 'refundAmount'))).toEqual(expected)
        expect(failure(subtract(a, b, 'refundAmount'))).toEqual(expected)
        expect(failure(compare(a, b, 'refundAmount'))).toEqual(expected)
        expect(failure(isLessOrEqual(a, b, 'refundAmount'))).toEqual(expected)
        expect(sameCurrency(a, b)).toBe(false)
        expect(equals(a, b)).toBe(false)
      }),
    )
    expect(failure(add(unsafeMoney('USD', 1), unsafeMoney('EUR', 1))).message).toBe('amount must be in USD (got EUR)')
  })

  it('equals needs the same currency and amount', () => {
    expect(equals(unsafeMoney('USD', 1), unsafeMoney('USD', 1))).toBe(true)
    expect(equals(unsafeMoney('USD', 1), unsafeMoney('USD', 2))).toBe(false)
    expect(sameCurrency(unsafeMoney('USD', 1), unsafeMoney('USD', 2))).toBe(true)
  })
})

describe('schemas', () => {
  const Request = Schema.Struct({ paymentAmount: moneyFromWire('paymentAmount') })
  const decode = Schema.decodeUnknownResult(Request)
  const encode = Schema.encodeUnknownResult(Request)

  const typedError = (issue: SchemaIssue.Issue): unknown => {
    if (issue._tag === 'InvalidValue') return issue.annotations?.error
    if (issue._tag === 'Pointer' || issue._tag === 'Encoding') return typedError(issue.issue)
    if (issue._tag === 'Composite') return issue.issues.map(typedError).find((e) => e !== undefined)
    return undefined
  }

  it('decodes the wire form and encodes it back', () => {
    fc.assert(
      fc.property(moneyArb, (m) => {
        const wire = { paymentAmount: toWire(m) }
        expect(success(decode(wire))).toEqual({ paymentAmount: m })
        expect(success(encode({ paymentAmount: m }))).toEqual(wire)
      }),
    )
  })

  it.each([
    [{ currency: 'USD', value: '10.5' }, 'value', InvalidAmount, 'paymentAmount.value must be an integer'],
    [{ currency: 'usd', value: '1050' }, 'currency', UnknownCurrency, 'paymentAmount.currency must be an active'],
    [{ currency: 'USD', value: '01' }, 'value', InvalidAmount, 'paymentAmount.value must not have leading zeros'],
  ])('fails on %j at the offending key, with the typed error', (paymentAmount, key, errorClass, text) => {
    const error = failure(decode({ paymentAmount }))
    expect(error.message).toContain(text)
    expect(error.message).toContain(`["paymentAmount"]["${key}"]`)
    expect(typedError(error.issue)).toBeInstanceOf(errorClass)
  })

  it('rejects a value that is not a string before parsing it', () => {
    const error = failure(decode({ paymentAmount: { currency: 'USD', value: 1050 } }))
    expect(error.message).toContain('["paymentAmount"]["value"]')
  })

  it('refuses to encode an invalid Money', () => {
    expect(Result.isFailure(encode({ paymentAmount: { currency: 'USD', minor: -1 } }))).toBe(true)
    expect(Result.isFailure(encode({ paymentAmount: { currency: 'USD', minor: 1.5 } }))).toBe(true)
    expect(Result.isFailure(encode({ paymentAmount: { currency: 'XAU', minor: 1 } }))).toBe(true)
  })

  it('MoneySchema validates a restored snapshot', () => {
    const restore = Schema.decodeUnknownResult(MoneySchema)
    fc.assert(
      fc.property(moneyArb, (m) => {
        expect(success(restore(JSON.parse(JSON.stringify(m))))).toEqual(m)
      }),
    )
    expect(Result.isFailure(restore({ currency: 'USD', minor: MAX + 1 }))).toBe(true)
    expect(Result.isFailure(restore({ currency: 'ABC', minor: 1 }))).toBe(true)
    expect(Result.isFailure(restore({ currency: 'USD', minor: '1' }))).toBe(true)
  })
})
