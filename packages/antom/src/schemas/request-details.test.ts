import * as Result from 'effect/Result'
import { describe, expect, it } from 'vitest'
import { validateRequestDetails } from './request-details.js'

const order = {
  referenceOrderId: 'ORDER-1',
  orderDescription: 'Cappuccino',
  orderAmount: { currency: 'USD', minor: 1099 },
}
const payDetails = {
  order,
  env: { terminalType: 'WEB' },
  settlementStrategy: { settlementCurrency: 'USD' },
  paymentRedirectUrl: 'https://shop.example/return',
}

const fieldOf = (result: ReturnType<typeof validateRequestDetails>) =>
  Result.isFailure(result) ? result.failure.field : undefined

describe('validateRequestDetails', () => {
  it('accepts what a pay and a session need, and returns the details as given', () => {
    expect(Result.getOrThrow(validateRequestDetails('pay', payDetails))).toBe(payDetails)
    const session = { order, paymentRedirectUrl: 'https://shop.example/return' }
    expect(Result.isSuccess(validateRequestDetails('checkoutSession', session))).toBe(true)
  })

  it('names the first missing field of each flow', () => {
    expect(fieldOf(validateRequestDetails('pay', undefined))).toBe('requestDetails.order')
    const { env: _env, ...noEnv } = payDetails
    expect(fieldOf(validateRequestDetails('pay', noEnv))).toBe('requestDetails.env')
    expect(fieldOf(validateRequestDetails('checkoutSession', { order }))).toBe('requestDetails.paymentRedirectUrl')
  })

  it('names a malformed nested field', () => {
    const bad = { ...payDetails, order: { ...order, orderAmount: { currency: 'USD', minor: 10.99 } } }
    expect(fieldOf(validateRequestDetails('pay', bad))).toBe('requestDetails.order.orderAmount.minor')
    const noUrl = { ...payDetails, paymentRedirectUrl: '' }
    expect(fieldOf(validateRequestDetails('pay', noUrl))).toBe('requestDetails.paymentRedirectUrl')
  })

  it("takes a card payment's options field by field: 3DS, billing address, card-on-file, vaulting, a saved card", () => {
    const method = (paymentMethodMetaData: object, extra: object = {}) => ({
      ...payDetails,
      paymentMethod: { paymentMethodType: 'CARD', ...extra, paymentMethodMetaData },
    })
    const options = {
      is3DSAuthentication: true,
      isCardOnFile: false,
      tokenizeMode: 'ENABLED',
      billingAddress: { region: 'US', city: 'Springfield', zipCode: '62701', address1: '1 Main St' },
    }
    expect(Result.isSuccess(validateRequestDetails('pay', method(options)))).toBe(true)
    const saved = method({ isCardOnFile: true }, { paymentMethodId: 'SIMTOKEN-1' })
    expect(Result.isSuccess(validateRequestDetails('pay', saved))).toBe(true)
    expect(fieldOf(validateRequestDetails('pay', method({ is3DSAuthentication: 'yes' })))).toBe(
      'requestDetails.paymentMethod.paymentMethodMetaData.is3DSAuthentication',
    )
    expect(fieldOf(validateRequestDetails('pay', method({ billingAddress: { region: 'USA' } })))).toBe(
      'requestDetails.paymentMethod.paymentMethodMetaData.billingAddress.region',
    )
    const longCity = { billingAddress: { region: 'US', city: 'x'.repeat(1000) } }
    expect(fieldOf(validateRequestDetails('pay', method(longCity)))).toBe(
      'requestDetails.paymentMethod.paymentMethodMetaData.billingAddress.city',
    )
    expect(fieldOf(validateRequestDetails('pay', method({ tokenizeMode: 'ALWAYS' })))).toBe(
      'requestDetails.paymentMethod.paymentMethodMetaData.tokenizeMode',
    )
  })

  it('keeps card data out of the details, naming the field and never its value', () => {
    const details = {
      ...payDetails,
      paymentMethod: { paymentMethodType: 'CARD', paymentMethodMetaData: { cardNo: '4054695723100768' } },
    }
    const result = validateRequestDetails('pay', details)
    expect(fieldOf(result)).toBe('requestDetails.paymentMethod.paymentMethodMetaData.cardNo')
    expect(JSON.stringify(Result.isFailure(result) ? result.failure : {})).not.toContain('4054695723100768')
  })

  it("passes another method's own metadata through as given", () => {
    const wallet = { ...payDetails, paymentMethod: { paymentMethodType: 'PIX', paymentMethodMetaData: { cpf: '123' } } }
    expect(Result.isSuccess(validateRequestDetails('pay', wallet))).toBe(true)
  })
})
