import type { CurrencyCode, Money } from '@paychart/core'
import { CURRENCY_CODES, exponentOf, parseAmount, toWire } from '@paychart/core/money'
import * as Result from 'effect/Result'
import type { TamperField } from './faults.js'
import { isJsonObject } from './types.js'

/** What a tamper fault altered: the field, and its wire value before and after (the first money field, for amounts). */
export interface Tampered {
  readonly field: TamperField
  readonly original: string
  readonly reported: string
}

export interface TamperOutcome<B> {
  readonly body: B
  /** Undefined when the body had no such field: it goes out unchanged. */
  readonly tampered: Tampered | undefined
}

/** The money fields a tamper fault alters, in the order the first of them is reported. */
const MONEY_FIELDS = ['paymentAmount', 'captureAmount', 'refundAmount'] as const

/** Currencies swapped for each other (same number of decimals); any other goes to the first its exponent finds. */
const SWAPS: Readonly<Partial<Record<CurrencyCode, CurrencyCode>>> = {
  USD: 'EUR',
  EUR: 'USD',
  JPY: 'KRW',
  KRW: 'JPY',
  KWD: 'BHD',
  BHD: 'KWD',
  CLF: 'UYW',
  UYW: 'CLF',
}

export const otherCurrency = (currency: CurrencyCode): CurrencyCode =>
  SWAPS[currency] ??
  CURRENCY_CODES.find((code) => code !== currency && exponentOf(code) === exponentOf(currency)) ??
  currency

/** A different valid amount: a 24th of it, at least 1 minor unit, and never the amount itself. */
export const otherMinor = (minor: number): number => {
  const smaller = Math.max(1, Math.floor(minor / 24))
  return smaller === minor ? minor + 1 : smaller
}

/**
 * Another plausible id: the id with each digit replaced by its nines' complement (SIMPAY000001 → SIMPAY999998);
 * when that is the id itself or one `taken` knows, the id with a suffix, within the 64 characters of an id.
 */
export const otherId = (id: string, taken: (candidate: string) => boolean): string => {
  let candidate = id.replace(/\d/g, (digit) => String(9 - Number(digit)))
  for (let n = 1; candidate === id || taken(candidate); n++) candidate = `${id.slice(0, 56)}-TMP${n}`
  return candidate
}

const readMoney = (value: unknown): Money | undefined => {
  if (!isJsonObject(value)) return undefined
  const parsed = parseAmount({ currency: value.currency, value: value.value }, 'amount')
  return Result.isSuccess(parsed) ? parsed.success : undefined
}

type Lie = (amount: Money) => Money

/** Who lies: an answer to a call, or a notification's twin. Two independent lies never tell the same amount. */
export type Liar = 'answer' | 'notification'

/** Another currency with the same decimals than `otherCurrency` gives: what a lying notification tells. */
const anotherCurrency = (currency: CurrencyCode): CurrencyCode =>
  CURRENCY_CODES.find(
    (code) => code !== currency && code !== otherCurrency(currency) && exponentOf(code) === exponentOf(currency),
  ) ?? otherCurrency(currency)

const LIES: Readonly<Record<Liar, Readonly<Record<'amount' | 'currency', Lie>>>> = {
  answer: {
    amount: (amount) => ({ currency: amount.currency, minor: otherMinor(amount.minor) }),
    currency: (amount) => ({ currency: otherCurrency(amount.currency), minor: amount.minor }),
  },
  notification: {
    amount: (amount) => ({
      currency: amount.currency,
      minor: amount.minor + Math.max(1, Math.floor(amount.minor / 10)),
    }),
    currency: (amount) => ({ currency: anotherCurrency(amount.currency), minor: amount.minor }),
  },
}

const reportOf = (field: 'amount' | 'currency', amount: Money): string =>
  field === 'amount' ? String(amount.minor) : amount.currency

/** Every money field of `body` (and each transaction's `transactionAmount`) told as `lie` tells it. */
const tamperMoney = <B extends object>(body: B, field: 'amount' | 'currency', liar: Liar): TamperOutcome<B> => {
  const lie = LIES[liar][field]
  let first: Tampered | undefined
  const alter = (value: unknown): unknown => {
    const amount = readMoney(value)
    if (amount === undefined) return value
    const told = lie(amount)
    first ??= { field, original: reportOf(field, amount), reported: reportOf(field, told) }
    return toWire(told)
  }
  const record = body as Record<string, unknown>
  const altered: Record<string, unknown> = { ...record }
  for (const name of MONEY_FIELDS) if (name in record) altered[name] = alter(record[name])
  const transactions = record.transactions
  if (Array.isArray(transactions))
    altered.transactions = transactions.map((transaction: unknown) =>
      isJsonObject(transaction) && 'transactionAmount' in transaction
        ? { ...transaction, transactionAmount: alter(transaction.transactionAmount) }
        : transaction,
    )
  return first === undefined ? { body, tampered: undefined } : { body: altered as B, tampered: first }
}

const tamperPaymentId = <B extends object>(body: B, taken: (id: string) => boolean): TamperOutcome<B> => {
  const original = (body as Record<string, unknown>).paymentId
  if (typeof original !== 'string') return { body, tampered: undefined }
  const reported = otherId(original, taken)
  return { body: { ...body, paymentId: reported }, tampered: { field: 'paymentId', original, reported } }
}

/**
 * `body` with `field` lying: `amount` changes every money field (paymentAmount, captureAmount, refundAmount,
 * transactions[].transactionAmount) to another amount in the same currency; `currency` tells the same value in
 * another currency with the same decimals; `paymentId` names another id (one `taken` does not know). An answer and a
 * notification lie differently (a smaller amount and a larger one, two other currencies): two independent lies never
 * agree with each other. The body is copied, never changed in place.
 */
export const tamperBody = <B extends object>(
  body: B,
  field: TamperField,
  taken: (paymentId: string) => boolean,
  liar: Liar = 'answer',
): TamperOutcome<B> => (field === 'paymentId' ? tamperPaymentId(body, taken) : tamperMoney(body, field, liar))
