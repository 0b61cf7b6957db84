import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createCheckoutApp } from './app.js'
import { cardForm, merchantAuth, SHOP_URL, SUCCESS_CARD } from './checkout.fixtures.js'
import { inProcessSimulator } from './simulated-gateway.js'
import { openCheckoutStore } from './store.js'

let cleanup: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const step of cleanup) await step()
  cleanup = []
})

describe('a merchant key that does not import', () => {
  it('fails start() at boot, and a payment attempt answers a bare 500 that repeats nothing of the card', async () => {
    const sim = await inProcessSimulator()
    const dir = mkdtempSync(join(tmpdir(), 'paychart-bad-key-'))
    const store = openCheckoutStore({ filename: join(dir, 'checkout.db') })
    const checkout = await createCheckoutApp({
      gateway: { ...sim.gateway, merchantPrivateKey: 'not a key' },
      transport: sim.transport,
      store,
      adminAuth: merchantAuth(),
      publicUrl: SHOP_URL,
    })
    cleanup = [() => checkout.dispose(), () => store.close(), () => rmSync(dir, { recursive: true, force: true })]

    await expect(checkout.start()).rejects.toThrow()
    expect((await checkout.app.request('/')).status).toBe(200)
    const paid = await checkout.app.request('/checkout/card', cardForm(SUCCESS_CARD))
    expect(paid.status).toBe(500)
    const page = await paid.text()
    expect(page).toContain('the request could not be completed')
    expect(page).not.toContain(SUCCESS_CARD)
  })
})
