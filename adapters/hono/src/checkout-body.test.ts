import { Redacted } from 'effect'
import { describe, expect, it } from 'vitest'
import { parseCreatePayment } from './checkout-body.js'
import { PAY_DETAILS } from './hono.fixtures.js'

const CARD = { cardNo: '4054695723100768', cvv: '123', expiryMonth: '12', expiryYear: '30' }
const body = (card: Record<string, unknown>) => ({
  paymentRequestId: 'PAY-HOLDER',
  amount: { currency: 'USD', minor: 1_000 },
  paymentMethodType: 'CARD',
  requestDetails: PAY_DETAILS,
  card,
})

describe('the card of a checkout request', () => {
  it("takes the holder's name as Antom's { firstName, middleName?, lastName }, redacted with the card", () => {
    const parsed = parseCreatePayment(body({ ...CARD, cardholderName: { firstName: 'Ada', lastName: 'Lovelace' } }))
    if (!('ok' in parsed)) throw new Error(parsed.error.message)
    const card = parsed.ok.secrets?.cardMetaData
    expect(String(card)).not.toContain('Ada')
    expect(Redacted.value(card ?? Redacted.make({}))).toEqual({
      ...CARD,
      cardholderName: { firstName: 'Ada', lastName: 'Lovelace' },
    })
  })

  it.each([
    ['one string', 'Ada Lovelace', 'card.cardholderName'],
    ['a missing last name', { firstName: 'Ada' }, 'card.cardholderName.lastName'],
    ['an empty first name', { firstName: '', lastName: 'Lovelace' }, 'card.cardholderName.firstName'],
    [
      'a middle name that is not a string',
      { firstName: 'Ada', middleName: 7, lastName: 'L' },
      'card.cardholderName.middleName',
    ],
  ])('refuses %s, naming the field and never the card', (_what, cardholderName, field) => {
    const parsed = parseCreatePayment(body({ ...CARD, cardholderName }))
    if (!('error' in parsed)) throw new Error('accepted')
    expect(parsed.error.field).toBe(field)
    expect(JSON.stringify(parsed.error)).not.toContain(CARD.cardNo)
  })
})

describe('the card options of a checkout request', () => {
  const withMethod = (paymentMethod: Record<string, unknown>, card?: Record<string, unknown>) => ({
    ...body(card ?? CARD),
    requestDetails: { ...PAY_DETAILS, paymentMethod: { paymentMethodType: 'CARD', ...paymentMethod } },
  })

  it('keeps 3DS, the billing address, card-on-file and vaulting in the details, beside the redacted card', () => {
    const options = {
      is3DSAuthentication: true,
      tokenizeMode: 'ENABLED',
      billingAddress: { region: 'US', zipCode: '10001', address1: '1 Main St' },
    }
    const parsed = parseCreatePayment(withMethod({ paymentMethodMetaData: options }))
    if (!('ok' in parsed)) throw new Error(parsed.error.message)
    expect(parsed.ok.input.requestDetails?.paymentMethod).toEqual({
      paymentMethodType: 'CARD',
      paymentMethodMetaData: options,
    })
    expect(JSON.stringify(parsed.ok.input)).not.toContain(CARD.cardNo)
  })

  it('takes a saved card as paymentMethodId with no card data', () => {
    const { card: _card, ...noCard } = withMethod({
      paymentMethodId: 'SIMTOKEN-SIMMERCHANT-1',
      paymentMethodMetaData: { isCardOnFile: true },
    })
    const parsed = parseCreatePayment(noCard)
    if (!('ok' in parsed)) throw new Error(parsed.error.message)
    expect(parsed.ok.secrets).toBeUndefined()
  })

  it.each([
    [{ is3DSAuthentication: 'true' }, 'requestDetails.paymentMethod.paymentMethodMetaData.is3DSAuthentication'],
    [
      { billingAddress: { zipCode: '10001' } },
      'requestDetails.paymentMethod.paymentMethodMetaData.billingAddress.region',
    ],
    [{ cvv: '123' }, 'requestDetails.paymentMethod.paymentMethodMetaData.cvv'],
    [{ cardNo: CARD.cardNo }, 'requestDetails.paymentMethod.paymentMethodMetaData.cardNo'],
  ])('refuses %j in the details, naming the field and never a card value', (metaData, field) => {
    const parsed = parseCreatePayment(withMethod({ paymentMethodMetaData: metaData }))
    if (!('error' in parsed)) throw new Error('accepted')
    expect(parsed.error.field).toBe(field)
    expect(JSON.stringify(parsed.error)).not.toContain(CARD.cardNo)
    expect(JSON.stringify(parsed.error)).not.toContain('"123"')
  })
})

describe('the expiry of a checkout request', () => {
  it('takes paymentExpiresAt as epoch milliseconds into the payment input', () => {
    const parsed = parseCreatePayment({ ...body(CARD), paymentExpiresAt: 1_800_000_000_000 })
    if (!('ok' in parsed)) throw new Error(parsed.error.message)
    expect(parsed.ok.input.paymentExpiresAt).toBe(1_800_000_000_000)
  })

  it.each([
    ['text', '2026-12-05T10:00:00Z'],
    ['a fraction', 1_800_000_000_000.5],
    ['zero', 0],
  ])('refuses %s, naming paymentExpiresAt', (_what, paymentExpiresAt) => {
    const parsed = parseCreatePayment({ ...body(CARD), paymentExpiresAt })
    if (!('error' in parsed)) throw new Error('accepted')
    expect(parsed.error.field).toBe('paymentExpiresAt')
  })
})
