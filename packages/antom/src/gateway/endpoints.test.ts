import { describe, expect, it } from 'vitest'
import { baseUrlOf } from './config.js'
import { endpointPath } from './endpoints.js'

describe('routing', () => {
  it('routes a SANDBOX_ client id to the sandbox paths', () => {
    expect(endpointPath('SANDBOX_5YBZ2M2ZJ8AJ01234', 'pay')).toBe('/ams/sandbox/api/v1/payments/pay')
    expect(endpointPath('5YBZ2M2ZJ8AJ01234', 'inquiryRefund')).toBe('/ams/api/v1/payments/inquiryRefund')
  })

  it('uses the configured region, North America by default, or an explicit base URL', () => {
    const keys = { clientId: 'C', merchantPrivateKey: 'k', antomPublicKey: 'p' }
    expect(baseUrlOf(keys)).toBe('https://open-na-global.alipay.com')
    expect(baseUrlOf({ ...keys, region: 'europe' })).toBe('https://open-de-global.alipay.com')
    expect(baseUrlOf({ ...keys, baseUrl: 'http://127.0.0.1:4010/' })).toBe('http://127.0.0.1:4010')
  })
})
