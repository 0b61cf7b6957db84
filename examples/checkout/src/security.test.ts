import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createCheckoutApp } from './app.js'
import {
  cardForm,
  form,
  type InProcessCheckout,
  inProcessCheckout,
  MERCHANT_AUTHORIZATION,
  SUCCESS_CARD,
} from './checkout.fixtures.js'
import { engineCall } from './routes/engine-call.js'
import { inProcessSimulator } from './simulated-gateway.js'
import { openCheckoutStore } from './store.js'

let world: InProcessCheckout
beforeEach(async () => {
  world = await inProcessCheckout()
})
afterEach(async () => {
  await world.close()
})

const EVIL = 'https://evil.example'
const paymentPath = (id: string) => `/payments/${encodeURIComponent(id)}`

/** A card payment captured automatically; its id. */
const captured = async (): Promise<string> => {
  const { url } = await world.follow(await world.request('/checkout/card', cardForm(SUCCESS_CARD)))
  await world.deliver()
  return decodeURIComponent(/\/checkout\/([^/]+)\//.exec(url)?.[1] ?? '')
}

const statusOf = async (id: string) => {
  const read = await engineCall(world.checkout.run, (engine) => engine.status(id))
  if (!read.ok) throw new Error(`no status for ${id}: ${read.message}`)
  return read.value
}

describe('the merchant pages', () => {
  it('answer 401 to anyone without the merchant credentials, pages and actions alike', async () => {
    const id = await captured()
    const bare = (path: string, init?: RequestInit) => world.checkout.app.request(path, init)
    expect((await bare('/payments')).status).toBe(401)
    expect((await bare(paymentPath(id))).status).toBe(401)
    const refund = await bare(`${paymentPath(id)}/refund`, form({ amount: '5.00', refundRequestId: `${id}-x` }))
    expect(refund.status).toBe(401)
    expect((await statusOf(id)).refunded.minor).toBe(0)
    const signedIn = await bare('/payments', { headers: { authorization: MERCHANT_AUTHORIZATION } })
    expect(signedIn.status).toBe(200)
  })

  it('leave the health probes open, with counts and ages only: no payment id, no amount', async () => {
    const id = await captured()
    const ready = await world.checkout.app.request('/health/ready')
    expect(ready.status).toBe(200)
    const text = await ready.text()
    expect(JSON.parse(text)).toMatchObject({ ready: true, store: { up: true }, unknownOutcomes: 0 })
    expect(text).not.toContain(id)
    expect((await world.checkout.app.request('/health/live')).status).toBe(200)
  })

  it('refuse a refund form auto-submitted from another origin, even with the merchant signed in: 403, no refund', async () => {
    const id = await captured()
    expect((await statusOf(id)).state).toBe('captured')
    const forged = await world.request(`${paymentPath(id)}/refund`, {
      method: 'POST',
      headers: { origin: EVIL, 'sec-fetch-site': 'cross-site' },
      body: new URLSearchParams({ amount: '24.00', refundRequestId: `${id}-forged` }),
    })
    expect(forged.status).toBe(403)
    await world.deliver()
    const after = await statusOf(id)
    expect(after.state).toBe('captured')
    expect(after.refunded.minor).toBe(0)
  })

  it('refuse a form that names no origin at all', async () => {
    const id = await captured()
    const { headers: _origin, ...noOrigin } = form({ amount: '24.00', refundRequestId: `${id}-blind` })
    expect((await world.request(`${paymentPath(id)}/refund`, noOrigin)).status).toBe(403)
    expect((await statusOf(id)).refunded.minor).toBe(0)
  })
})

describe('the buyer pages', () => {
  it('refuse a card form posted from another origin: 403 before any payment is made', async () => {
    const forged = await world.request('/checkout/card', {
      ...cardForm(SUCCESS_CARD),
      headers: { origin: EVIL, 'sec-fetch-site': 'cross-site' },
    })
    expect(forged.status).toBe(403)
    expect(world.sim.simulator.calls()).toEqual([])
  })

  it('send the security headers: own scripts only, never framed, nosniff, no referrer', async () => {
    for (const path of ['/', '/payments']) {
      const response = await world.request(path)
      const csp = response.headers.get('content-security-policy') ?? ''
      expect(csp).toContain("script-src 'self'")
      expect(csp).toContain("frame-ancestors 'none'")
      expect(csp).toContain("object-src 'none'")
      expect(csp).not.toMatch(/script-src[^;]*unsafe/)
      expect(response.headers.get('x-frame-options')).toBe('DENY')
      expect(response.headers.get('x-content-type-options')).toBe('nosniff')
      expect(response.headers.get('referrer-policy')).toBe('no-referrer')
    }
  })
})

describe('createCheckoutApp', () => {
  it('refuses to build without the merchant authentication, naming the option', async () => {
    const sim = await inProcessSimulator()
    const dir = mkdtempSync(join(tmpdir(), 'paychart-no-auth-'))
    const store = openCheckoutStore({ filename: join(dir, 'checkout.db') })
    try {
      const options = { gateway: sim.gateway, transport: sim.transport, store, publicUrl: 'http://localhost' }
      // @ts-expect-error adminAuth is required: what a JavaScript caller could still leave out
      await expect(createCheckoutApp(options)).rejects.toThrow(/adminAuth is required/)
    } finally {
      store.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
