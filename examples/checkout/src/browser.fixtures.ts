import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type Browser, chromium, type Page } from 'playwright-core'
import { type CheckoutApp, type CheckoutAppOptions, createCheckoutApp } from './app.js'
import { merchantAuth } from './checkout.fixtures.js'
import { freePort, type Listening, listen } from './listen.js'
import { type LocalSimulator, startLocalSimulator } from './simulated-gateway.js'
import { type CheckoutStore, openCheckoutStore } from './store.js'

/** Debian's Chromium; `CHROMIUM_PATH` points elsewhere. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
export const CHROMIUM_MISSING = `${CHROMIUM} is missing: install Debian's chromium package (apt-get install -y chromium)`

/** Where screenshots go: examples/checkout/test-output/ (ignored by git). */
export const OUTPUT_DIR = fileURLToPath(new URL('../test-output/', import.meta.url))

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
]

export const launchChromium = (): Promise<Browser> => chromium.launch({ executablePath: CHROMIUM, args: ARGS })
export const chromiumInstalled = (): boolean => existsSync(CHROMIUM)

export interface RunningCheckout {
  /** The checkout's own origin, e.g. http://127.0.0.1:43123 */
  readonly url: string
  readonly simulator: LocalSimulator
  readonly close: () => Promise<void>
}

/**
 * Everything as `npm run demo` runs it, on free ports: the simulator as an HTTP server with its pages and its
 * notification loop, the SQLite store in a temporary folder, the checkout on Node with the relay running.
 */
export const startCheckout = async (
  options: Pick<CheckoutAppOptions, 'checkoutSdk' | 'sessionExpiryMs'> = {},
): Promise<RunningCheckout> => {
  const dir = mkdtempSync(join(tmpdir(), 'paychart-browser-'))
  const simulator = await startLocalSimulator({ notifyEveryMs: 100 })
  let store: CheckoutStore | undefined
  let checkout: CheckoutApp | undefined
  let server: Listening | undefined
  const close = async () => {
    await server?.close()
    await simulator.close()
    await checkout?.dispose()
    store?.close()
    rmSync(dir, { recursive: true, force: true })
  }
  try {
    store = openCheckoutStore({ filename: join(dir, 'checkout.db') })
    const port = await freePort()
    checkout = await createCheckoutApp({
      gateway: simulator.gateway,
      store,
      gatewayName: 'the gateway simulator',
      simulatorOtpCode: simulator.server.simulator.config.otpCode,
      relay: { every: '200 millis' },
      adminAuth: merchantAuth(),
      publicUrl: `http://127.0.0.1:${port}`,
      ...options,
    })
    await checkout.start()
    server = await listen(checkout.app, { port })
    return { url: server.url, simulator, close }
  } catch (error) {
    await close()
    throw error
  }
}

/** Saves a full-page screenshot as test-output/<name>.png; returns its path. */
export const screenshot = async (page: Page, name: string): Promise<string> => {
  mkdirSync(OUTPUT_DIR, { recursive: true })
  const path = join(OUTPUT_DIR, `${name}.png`)
  await page.screenshot({ path, fullPage: true })
  return path
}

/** Reloads the merchant's payment page until it shows `state` (notifications arrive on their own schedule). */
export const waitForState = async (page: Page, state: string, timeoutMs = 10_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const shown = await page.locator('#state').textContent()
    if (shown === state) return
    if (Date.now() > deadline) throw new Error(`the payment page shows ${shown}, not ${state}`)
    await page.waitForTimeout(150)
    await page.reload()
  }
}
