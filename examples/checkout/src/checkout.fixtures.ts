import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { TEST_CARDS } from '@paychart/testkit'
import { basicAuth } from 'hono/basic-auth'
import { type CheckoutApp, type CheckoutAppOptions, createCheckoutApp } from './app.js'
import { type InProcessSimulator, inProcessSimulator } from './simulated-gateway.js'
import { openCheckoutStore } from './store.js'

export const card = (description: string): string => {
  const found = TEST_CARDS.find((c) => c.description === description)
  if (found === undefined) throw new Error(`no test card "${description}"`)
  return found.number
}

/** The in-process shop's public origin: its forms are posted from it, as a browser on its pages does. */
export const SHOP_URL = 'http://localhost'
/** The merchant's credentials in tests (basic auth). */
export const MERCHANT = { username: 'merchant', password: 'test-only-password' }
export const merchantAuth = () => basicAuth(MERCHANT)
export const MERCHANT_AUTHORIZATION = `Basic ${btoa(`${MERCHANT.username}:${MERCHANT.password}`)}`

export const SUCCESS_CARD = card('success (sandbox)')
export const DECLINE_CARD = card('decline (sandbox)')
export const THREE_DS_CARD = card('3DS challenge')
export const OTP_CARD = card('OTP verification')
export const AVS_MISMATCH_3DS_CARD = card('3DS challenge, AVS mismatch (N)')
export const AUTHENTICATION_REQUIRED_CARD = card(
  'AUTHENTICATION_REQUIRED unless is3DSAuthentication is true, then a 3DS challenge',
)

export interface InProcessCheckout {
  readonly sim: InProcessSimulator
  readonly checkout: CheckoutApp
  /** GET or POST anywhere: the simulator's pages by their origin, the checkout otherwise. */
  readonly request: (url: string, init?: RequestInit) => Promise<Response>
  /** Follows redirects from `response` (303 to the simulator's pages and back) to the page they end on. */
  readonly follow: (response: Response) => Promise<{ readonly url: string; readonly response: Response }>
  readonly deliver: () => Promise<number>
  /** Every byte the store wrote (the database and its WAL), as text: to look for card data. */
  readonly storedText: () => string
  readonly close: () => Promise<void>
}

/** The checkout app in-process over the in-process simulator and the store main wires, in a temporary folder. */
export const inProcessCheckout = async (
  options: Pick<CheckoutAppOptions, 'checkoutSdk' | 'telemetry'> = {},
): Promise<InProcessCheckout> => {
  const sim = await inProcessSimulator()
  const dir = mkdtempSync(join(tmpdir(), 'paychart-checkout-'))
  const store = openCheckoutStore({ filename: join(dir, 'checkout.db') })
  const checkout = await createCheckoutApp({
    gateway: sim.gateway,
    transport: sim.transport,
    store,
    gatewayName: 'the gateway simulator',
    simulatorOtpCode: sim.simulator.config.otpCode,
    adminAuth: merchantAuth(),
    publicUrl: SHOP_URL,
    ...options,
  })
  // The merchant is signed in: every request to the shop carries their credentials (the buyer's pages ignore them).
  const asMerchant = (init: RequestInit | undefined): RequestInit => {
    const headers = new Headers(init?.headers)
    if (!headers.has('authorization')) headers.set('authorization', MERCHANT_AUTHORIZATION)
    return { ...init, headers }
  }
  const request = async (url: string, init?: RequestInit) =>
    url.startsWith(sim.gateway.baseUrl ?? '') ? sim.app.request(url, init) : checkout.app.request(url, asMerchant(init))
  const follow = async (first: Response) => {
    let response = first
    let url = ''
    for (let hops = 0; hops < 10 && response.status >= 300 && response.status < 400; hops++) {
      url = response.headers.get('location') ?? ''
      response = await request(url)
    }
    return { url, response }
  }
  return {
    sim,
    checkout,
    request,
    follow,
    deliver: () => sim.deliver(async (url, init) => checkout.app.request(url, init)),
    storedText: () =>
      readdirSync(dir)
        .map((name) => readFileSync(join(dir, name)).toString('latin1'))
        .join('\n'),
    close: async () => {
      await checkout.dispose()
      store.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** The card form as the browser posts it. */
export const cardForm = (cardNo: string, extra: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { origin: SHOP_URL },
  body: new URLSearchParams({
    cardNo,
    expiryMonth: '12',
    expiryYear: '30',
    cvv: '123',
    firstName: 'Ada',
    lastName: 'Lovelace',
    ...extra,
  }),
})

export const form = (fields: Record<string, string>): RequestInit => ({
  method: 'POST',
  headers: { origin: SHOP_URL },
  body: new URLSearchParams(fields),
})
