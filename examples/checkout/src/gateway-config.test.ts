import { describe, expect, it } from 'vitest'
import { gatewayFromEnv } from './gateway-config.js'

const all = {
  ANTOM_CLIENT_ID: 'SANDBOX_5Y3A2N2YEB3W05369',
  ANTOM_PRIVATE_KEY: '-----BEGIN PRIVATE KEY-----\\nMIIE\\n-----END PRIVATE KEY-----',
  ANTOM_PUBLIC_KEY: 'MIIBIjAN',
  ANTOM_HOST: 'https://open-sea-global.alipay.com',
}

describe('choosing the gateway from the environment', () => {
  it('is the simulator when no variable is set (blank counts as unset)', () => {
    expect(gatewayFromEnv({})).toEqual({ kind: 'simulator' })
    expect(gatewayFromEnv({ ANTOM_HOST: '  ' })).toEqual({ kind: 'simulator' })
  })

  it('is the sandbox when all four are set; a one-line PEM gets its line breaks back', () => {
    expect(gatewayFromEnv(all)).toEqual({
      kind: 'sandbox',
      config: {
        clientId: all.ANTOM_CLIENT_ID,
        merchantPrivateKey: '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----',
        antomPublicKey: 'MIIBIjAN',
        baseUrl: 'https://open-sea-global.alipay.com',
      },
    })
  })

  it('names what is missing when only some are set, rather than falling back to the simulator', () => {
    const { ANTOM_PUBLIC_KEY: _, ANTOM_HOST: __, ...some } = all
    expect(gatewayFromEnv(some)).toEqual({ kind: 'incomplete', missing: ['ANTOM_PUBLIC_KEY', 'ANTOM_HOST'] })
  })
})
