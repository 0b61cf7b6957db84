import { describe, expect, it } from 'vitest'
import { MissingBindings, settingsFromBindings } from './bindings.js'
import worker from './worker.js'

const complete = {
  ANTOM_CLIENT_ID: ' SANDBOX_X ',
  ANTOM_PRIVATE_KEY: 'private-key-text',
  ANTOM_PUBLIC_KEY: 'public-key-text',
  ANTOM_HOST: 'http://127.0.0.1:4010',
  UNRELATED: 'ignored',
}

describe('settingsFromBindings', () => {
  it('reads the four bindings, trimmed', () => {
    expect(settingsFromBindings(complete)).toEqual({
      clientId: 'SANDBOX_X',
      merchantPrivateKey: 'private-key-text',
      antomPublicKey: 'public-key-text',
      baseUrl: 'http://127.0.0.1:4010',
    })
  })

  it('names every missing or blank binding and never echoes a value', () => {
    const attempt = () => settingsFromBindings({ ...complete, ANTOM_PUBLIC_KEY: '  ', ANTOM_HOST: undefined })
    expect(attempt).toThrow(MissingBindings)
    expect(attempt).toThrow('missing or empty bindings: ANTOM_PUBLIC_KEY, ANTOM_HOST')
    try {
      attempt()
    } catch (error) {
      expect(String(error)).not.toContain('private-key-text')
    }
  })
})

describe('the worker module', () => {
  it('answers 503 MissingBindings when the env lacks a binding', async () => {
    const response = await worker.fetch(new Request('https://shop.test/payments/X'), { ANTOM_CLIENT_ID: 'SANDBOX_X' })
    expect(response.status).toBe(503)
    expect(await response.json()).toEqual({
      error: {
        tag: 'MissingBindings',
        message: 'missing or empty bindings: ANTOM_PRIVATE_KEY, ANTOM_PUBLIC_KEY, ANTOM_HOST',
      },
    })
  })
})
