import type { HttpRequest } from '@paychart/antom'

export const cardNumber = '4054695723100768'
export const cvv = '737'

/** A signed pay request as core would hand it over: card data in the body, a signature in the headers. */
export const payRequest = (url: string): HttpRequest => ({
  method: 'POST',
  url,
  headers: {
    'content-type': 'application/json; charset=UTF-8',
    'client-id': 'SANDBOX_5YC1234',
    'request-time': '2025-01-01T00:00:00Z',
    signature: 'algorithm=RSA256,keyVersion=1,signature=c2lnbmF0dXJlLXNlY3JldA%3D%3D',
  },
  body: JSON.stringify({
    paymentRequestId: 'pay-0001',
    paymentAmount: { currency: 'USD', value: '1000' },
    paymentMethod: {
      paymentMethodType: 'CARD',
      paymentMethodMetaData: { cardNo: cardNumber, cvv, expiryYear: '30', expiryMonth: '12' },
    },
  }),
})

export const answer = (resultStatus: 'S' | 'F' | 'U', resultCode: string): string =>
  JSON.stringify({ result: { resultCode, resultStatus, resultMessage: resultCode.toLowerCase() } })

/** What undici throws for a network failure: `TypeError('fetch failed')` with a coded cause. */
export const fetchFailed = (code: string): TypeError =>
  new TypeError('fetch failed', { cause: Object.assign(new Error(`connect ${code} 10.0.0.1:443`), { code }) })
