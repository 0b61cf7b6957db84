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
})
