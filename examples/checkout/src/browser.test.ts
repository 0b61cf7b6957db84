import { join } from 'node:path'
import { Hono } from 'hono'
import type { Browser, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  CHROMIUM_MISSING,
  chromiumInstalled,
  launchChromium,
  OUTPUT_DIR,
  type RunningCheckout,
  screenshot,
  startCheckout,
  waitForState,
} from './browser.fixtures.js'
import {
  AUTHENTICATION_REQUIRED_CARD,
  AVS_MISMATCH_3DS_CARD,
  DECLINE_CARD,
  MERCHANT,
  OTP_CARD,
  SUCCESS_CARD,
  THREE_DS_CARD,
} from './checkout.fixtures.js'
import { listen } from './listen.js'

const installed = chromiumInstalled()
// Without Chromium: skipped with the reason locally, a failure in CI (where it must be installed).
const skip = !installed && process.env.CI === undefined
if (skip) console.warn(`browser tests skipped: ${CHROMIUM_MISSING}`)

let browser: Browser
let checkout: RunningCheckout
let page: Page

/** Chromium and a checkout started with `options` for the describe block that calls it; both closed after it. */
const chromiumWith = (options: Parameters<typeof startCheckout>[0]) => {
  const started: { browser?: Browser; checkout?: RunningCheckout } = {}
  beforeAll(async () => {
    if (!installed) throw new Error(CHROMIUM_MISSING)
    ;[started.browser, started.checkout] = await Promise.all([launchChromium(), startCheckout(options)])
  }, 30_000)
  afterAll(async () => {
    await started.browser?.close()
    await started.checkout?.close()
  })
  return {
    newPage: () => (started.browser as Browser).newPage({ httpCredentials: MERCHANT }),
    url: () => (started.checkout as RunningCheckout).url,
  }
}

const payByCard = async (cardNo: string, options: { manual?: boolean; screenshot?: string; again?: boolean } = {}) => {
  if (options.again !== true) await page.goto(`${checkout.url}/`)
  await page.fill('#cardNo', cardNo)
  await page.fill('#cvv', '123')
  if (options.manual === true) await page.check('input[name="capture"]')
  if (options.screenshot !== undefined) await screenshot(page, options.screenshot)
  await page.click('button:has-text("Pay by card")')
}

/** Opens the merchant's page for the order on the result page. */
const openMerchantView = async () => {
  await page.click('text=See this payment as the merchant')
  await page.waitForURL(/\/payments\/MUG-/)
}

const timelineEvents = async () => page.locator('#timeline tbody td:nth-child(4) code').allTextContents()

/** The payment page's statechart once mermaid has drawn it; fails with the page's reason when it could not. */
const drawnStatechart = async () => {
  const figure = page.locator('#statechart')
  await page.waitForSelector('#statechart[data-rendered], #statechart[data-error]', { timeout: 20_000 })
  expect(await figure.getAttribute('data-error')).toBeNull()
  expect(await figure.getAttribute('data-rendered')).toBe('true')
  return figure
}

// Each merchant page loads mermaid (3.6 MB) and draws the statechart, and `waitForState` reloads it: on a busy
// machine a test takes longer than vitest's default 5 seconds.
describe.skipIf(skip)('in Chromium, against the simulator as a real server', { timeout: 30_000 }, () => {
  beforeAll(async () => {
    if (!installed) throw new Error(CHROMIUM_MISSING)
    ;[browser, checkout] = await Promise.all([launchChromium(), startCheckout()])
  }, 30_000)
  afterAll(async () => {
    await browser?.close()
    await checkout?.close()
  })
  beforeEach(async () => {
    page = await browser.newPage({ httpCredentials: MERCHANT })
  })
  afterEach(async () => {
    await page.close()
  })

  it('a card payment succeeds: the buyer is told so, the merchant sees it captured', async () => {
    await payByCard(SUCCESS_CARD, { screenshot: 'product-page' })
    await page.waitForURL(/\/result$/)
    expect(await page.textContent('h1')).toBe('Payment successful')
    expect(await page.textContent('#outcome')).toContain('You paid 24.00 USD')
    await screenshot(page, 'card-success-buyer')

    await openMerchantView()
    await waitForState(page, 'captured')
    expect(await timelineEvents()).toEqual(expect.arrayContaining(['SUBMIT', 'PAY_ANSWERED', 'CAPTURE_NOTIFIED']))
    expect(await page.locator('#diagram li.current').textContent()).toBe('captured')
    await screenshot(page, 'card-success-merchant')
    expect(await page.content()).not.toContain(SUCCESS_CARD.slice(0, 12))
  })

  it('a page on another site that auto-submits the refund form, with the merchant signed in, refunds nothing', async () => {
    await payByCard(SUCCESS_CARD)
    await page.waitForURL(/\/result$/)
    await openMerchantView()
    await waitForState(page, 'captured')
    const paymentUrl = page.url().split('?')[0] ?? ''
    // The attacker's page: another origin (another port), a hidden form posted as soon as it loads.
    const attacker = await listen(
      new Hono().get('/', (c) =>
        c.html(`<!doctype html><form id="f" method="post" action="${paymentUrl}/refund">
<input name="amount" value="24.00"><input name="refundRequestId" value="forged-1"></form>
<script>document.getElementById('f').submit()</script>`),
      ),
      { port: 0 },
    )
    try {
      const refused = page.waitForResponse((response) => response.url() === `${paymentUrl}/refund`)
      await page.goto(`${attacker.url}/`)
      expect((await refused).status()).toBe(403)
    } finally {
      await attacker.close()
    }
    await page.goto(paymentUrl)
    expect(await page.textContent('#state')).toBe('captured')
    expect(await page.content()).toMatch(/<th>refunded<\/th><td>0\.00 USD<\/td>/)
  })

  it('a 3DS challenge on the simulator page, passed, brings the buyer back to a successful result', async () => {
    await payByCard(THREE_DS_CARD)
    await page.waitForURL(/\/sim\/3ds\//)
    expect(await page.textContent('h1')).toBe('3-D Secure challenge')
    await screenshot(page, '3ds-challenge')
    await page.click('button:has-text("Pass")')
    await page.waitForURL(/\/result$/)
    expect(await page.textContent('h1')).toBe('Payment successful')
    await screenshot(page, '3ds-buyer')

    await openMerchantView()
    await waitForState(page, 'captured')
    // The buyer's return inquires, unless the gateway's notification settled the payment first: then it writes nothing.
    expect(await timelineEvents()).toEqual(expect.arrayContaining(['SUBMIT', 'PAY_ANSWERED']))
    expect(await page.locator('#timeline').textContent()).toContain('next: threeDS')
    await screenshot(page, '3ds-merchant')
  })

  it('an OTP payment: one wrong code is refused, the right one pays', async () => {
    await payByCard(OTP_CARD)
    await page.waitForURL(/\/otp$/)
    await page.fill('#otp', '000000')
    await page.click('button:has-text("Confirm")')
    await page.waitForSelector('[role="alert"]')
    expect(await page.textContent('[role="alert"]')).toContain('That code is not right')
    await screenshot(page, 'otp-wrong-code')
    await page.fill('#otp', checkout.simulator.server.simulator.config.otpCode)
    await page.click('button:has-text("Confirm")')
    await page.waitForURL(/\/result$/)
    expect(await page.textContent('h1')).toBe('Payment successful')
    await screenshot(page, 'otp-buyer')

    await openMerchantView()
    await waitForState(page, 'captured')
    const events = await timelineEvents()
    expect(events.filter((e) => e === 'OTP_SUBMITTED')).toHaveLength(2)
    expect(events.filter((e) => e === 'VERIFY_ANSWERED')).toHaveLength(2)
    expect(await page.locator('#timeline').textContent()).toContain('F VERIFY_UNMATCHED')
    await screenshot(page, 'otp-merchant')
  })

  it('a declined card: the buyer sees the decline and its code, the merchant sees the payment failed', async () => {
    await payByCard(DECLINE_CARD)
    await page.waitForURL(/\/result$/)
    expect(await page.textContent('h1')).toBe('Payment declined')
    expect(await page.textContent('#outcome')).toContain('DO_NOT_HONOR')
    await screenshot(page, 'decline-buyer')

    await openMerchantView()
    await waitForState(page, 'failed')
    expect(await page.locator('#summary').textContent()).toContain('DO_NOT_HONOR')
    expect(await page.locator('#diagram').textContent()).toContain('is terminal')
    await screenshot(page, 'decline-merchant')
  })

  it('a declined card, then another card on the same order: a second attempt pays, grouped under the order', async () => {
    await payByCard(DECLINE_CARD)
    await page.waitForURL(/attempt-1\/result$/)
    expect(await page.textContent('h1')).toBe('Payment declined')
    await page.click('#pay-again')
    await page.waitForURL(/\/\?order=MUG-/)
    const order = new URL(page.url()).searchParams.get('order') ?? ''
    expect(await page.textContent('#retrying')).toContain(order)
    await payByCard(SUCCESS_CARD, { again: true })
    await page.waitForURL(/attempt-2\/result$/)
    expect(await page.textContent('h1')).toBe('Payment successful')
    await screenshot(page, 'retry-buyer')

    await page.goto(`${checkout.url}/payments`)
    const attempts = page.locator('#payments tbody tr[data-payment]', { hasText: order })
    expect(await attempts.count()).toBe(2)
    expect(await page.locator(`tr[data-order="${order}"] .order-state`).textContent()).toBe('paid')
    expect(await attempts.first().locator('.state').textContent()).toBe('failed')
    await screenshot(page, 'retry-merchant')
  })

  it('AUTHENTICATION_REQUIRED, then the same card again: the second attempt asks for 3DS, and the challenge pays', async () => {
    await payByCard(AUTHENTICATION_REQUIRED_CARD)
    await page.waitForURL(/attempt-1\/result$/)
    expect(await page.textContent('#outcome')).toContain('AUTHENTICATION_REQUIRED')
    expect(await page.textContent('#pay-again')).toBe('Try again with 3-D Secure')
    await page.click('#pay-again')
    await page.waitForURL(/\/\?order=MUG-/)
    await payByCard(AUTHENTICATION_REQUIRED_CARD, { again: true })
    await page.waitForURL(/\/sim\/3ds\//)
    await page.click('button:has-text("Pass")')
    await page.waitForURL(/attempt-2\/result$/)
    expect(await page.textContent('h1')).toBe('Payment successful')
    await screenshot(page, 'authentication-required-then-3ds')
  })

  it('the Checkout Page: the buyer picks a card on the gateway page and comes back paid', async () => {
    await page.goto(`${checkout.url}/`)
    await page.click('button:has-text("Pay on the Checkout Page")')
    await page.waitForURL(/\/sim\/checkout\//)
    await page.selectOption('#card', SUCCESS_CARD)
    await screenshot(page, 'checkout-page')
    await page.click('button:has-text("Pass")')
    await page.waitForURL(/attempt-1\/result$/)
    expect(await page.textContent('h1')).toBe('Payment successful')
    await openMerchantView()
    await waitForState(page, 'captured')
    expect(await timelineEvents()).toEqual(expect.arrayContaining(['SUBMIT', 'SESSION_ANSWERED']))
  })

  it('the Checkout Page: the buyer leaves it for the shop, opens it again while it is valid, and pays', async () => {
    await page.goto(`${checkout.url}/`)
    await page.click('button:has-text("Pay on the Checkout Page")')
    await page.waitForURL(/\/sim\/checkout\//)
    const gatewayPage = page.url()
    await page.click('button:has-text("Back to the merchant")')
    await page.waitForURL(/attempt-1\/result$/)
    expect(await page.textContent('h1')).toBe('Waiting for you')
    await screenshot(page, 'checkout-page-left')
    await page.click('text=Continue to the payment page')
    await page.waitForURL(gatewayPage)
    await page.selectOption('#card', SUCCESS_CARD)
    await page.click('button:has-text("Pass")')
    await page.waitForURL(/attempt-1\/result$/)
    await openMerchantView()
    await waitForState(page, 'captured')
  })

  it('a 3DS card whose address check fails: paid, and the merchant sees AVS N beside the 3-D Secure result', async () => {
    await page.goto(`${checkout.url}/`)
    await page.fill('#billingZip', '94107')
    await page.fill('#billingStreet', '1 Market St')
    await payByCard(AVS_MISMATCH_3DS_CARD, { again: true })
    await page.waitForURL(/\/sim\/3ds\//)
    await page.click('button:has-text("Pass")')
    await page.waitForURL(/\/result$/)
    expect(await page.textContent('h1')).toBe('Payment successful')
    await openMerchantView()
    expect(await page.textContent('#card-avs')).toBe('N address and postcode do not match')
    expect(await page.textContent('#card-3ds')).toMatch(/^version 2\.2\.0, ECI/)
    await screenshot(page, 'avs-mismatch-merchant')
    expect(await page.content()).not.toContain(AVS_MISMATCH_3DS_CARD.slice(0, 12))
  })

  it('a saved card pays a second order without the number being typed again', async () => {
    await page.goto(`${checkout.url}/`)
    await page.check('input[name="save"]')
    await payByCard(SUCCESS_CARD, { again: true })
    await page.waitForURL(/attempt-1\/result$/)
    expect(await page.textContent('#outcome')).toContain(`VISA •••• ${SUCCESS_CARD.slice(-4)}`)
    // The card is saved once the gateway's answer or notification names its token.
    for (let tries = 0; tries < 50; tries++) {
      await page.goto(`${checkout.url}/`)
      if ((await page.locator('#saved-cards').count()) > 0) break
      await page.waitForTimeout(100)
    }
    expect(await page.textContent('#saved-cards')).toContain(`VISA •••• ${SUCCESS_CARD.slice(-4)}`)
    expect(await page.inputValue('#cardNo')).toBe('')
    await screenshot(page, 'saved-card')
    await page.click('button:has-text("Pay with this card")')
    await page.waitForURL(/attempt-1\/result$/)
    expect(await page.textContent('h1')).toBe('Payment successful')
    await openMerchantView()
    await waitForState(page, 'captured')
    expect(await page.textContent('#card-cvv')).toContain('U')
    expect(await page.textContent('#card-saved')).toBe('no')
  })

  it('manual capture then a partial refund: authorized for the buyer; captured, then 5.00 refunded for the merchant', async () => {
    await payByCard(SUCCESS_CARD, { manual: true })
    await page.waitForURL(/\/result$/)
    expect(await page.textContent('h1')).toBe('Payment authorized')
    await screenshot(page, 'manual-capture-buyer')

    await openMerchantView()
    await waitForState(page, 'authorized')
    await page.click('button:has-text("Capture")')
    await page.waitForSelector('[role="status"]')
    expect(await page.textContent('[role="status"]')).toBe('Capture sent.')
    await waitForState(page, 'captured')
    await page.fill('#refund-amount', '5.00')
    await page.click('button:has-text("Refund")')
    await page.waitForSelector('[role="status"]')
    expect(await page.textContent('[role="status"]')).toBe('Refund sent.')
    const summary = page.locator('#summary')
    expect(await summary.locator('tr', { hasText: 'refunded' }).first().textContent()).toContain('5.00 USD')
    expect(await summary.locator('tr', { hasText: 'refundable' }).textContent()).toContain('19.00 USD')
    expect(await timelineEvents()).toEqual(expect.arrayContaining(['CAPTURE', 'CAPTURE_ANSWERED', 'REFUND']))
    await screenshot(page, 'manual-capture-refund-merchant')

    await page.click('text=Payments')
    expect(await page.locator('#payments tbody tr').count()).toBeGreaterThanOrEqual(5)
    await screenshot(page, 'payments-list')
  })

  it('the payment page draws the statechart with the path of a 3DS payment captured by hand', async () => {
    const assets = new Map<string, number>()
    page.on('response', (response) => {
      const { pathname } = new URL(response.url())
      if (pathname.startsWith('/assets/')) assets.set(pathname, response.status())
    })
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))

    await payByCard(THREE_DS_CARD, { manual: true })
    await page.waitForURL(/\/sim\/3ds\//)
    await page.click('button:has-text("Pass")')
    await page.waitForURL(/\/result$/)
    expect(await page.textContent('h1')).toBe('Payment authorized')
    await openMerchantView()
    // From here on the page is the shop's: nothing may come from elsewhere.
    const foreign: string[] = []
    page.on('request', (request) => {
      if (new URL(request.url()).origin !== new URL(checkout.url).origin) foreign.push(request.url())
    })
    await waitForState(page, 'authorized')
    await page.click('button:has-text("Capture")')
    await page.waitForSelector('[role="status"]')
    await waitForState(page, 'captured')

    const figure = await drawnStatechart()
    // Mermaid's entry, the chunks it imported and the page's script, all from the shop itself, and all came.
    const served = [...assets.keys()]
    expect(served).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\/assets\/mermaid-\d+\.\d+\.\d+\/mermaid\.esm\.min\.mjs$/),
        expect.stringMatching(/^\/assets\/statechart-[0-9a-f]+\.js$/),
      ]),
    )
    for (const path of served)
      expect(path).toMatch(/^\/assets\/(statechart-[0-9a-f]+\.js|mermaid-[\d.]+\/[\w./-]+\.mjs)$/)
    expect([...assets.values()].every((status) => status === 200 || status === 304)).toBe(true)
    expect(foreign).toEqual([])
    expect(errors).toEqual([])

    const svg = figure.locator('svg')
    expect(await svg.count()).toBe(1)
    const svgText = (await svg.textContent()) ?? ''
    for (const state of ['draft', 'pending', 'submitting', 'awaitingCustomer', 'authorized', 'capturing', 'captured'])
      expect(svgText).toContain(state)
    expect(await figure.locator('g.node.current').allTextContents()).toEqual(['captured'])
    const visited = await figure.locator('g.node.visited').allTextContents()
    expect(visited).toEqual(
      expect.arrayContaining(['draft', 'submitting', 'awaitingCustomer', 'authorized', 'capturing']),
    )
    expect(visited).not.toContain('captured')
    expect(visited).not.toContain('failed')

    // The arrows taken are thick, and their labels carry the timeline's numbers: every move in the timeline, once.
    const taken = ((await figure.getAttribute('data-taken')) ?? '').split(' ')
    const paths = figure.locator('path.transition.taken')
    expect(await paths.count()).toBe(taken.length)
    expect(await paths.first().evaluate((path) => getComputedStyle(path).strokeWidth)).toBe('3px')
    const labels = await paths.evaluateAll((drawn) =>
      drawn.map((path) => {
        const label = document.querySelector(`#statechart .label[data-id="${path.getAttribute('data-id')}"]`)
        return { taken: label?.classList.contains('taken') ?? false, text: label?.textContent?.trim() ?? '' }
      }),
    )
    expect(labels.every((label) => label.taken)).toBe(true)
    const numbered = labels.flatMap((label) => [...label.text.matchAll(/#(\d+)/g)].map((m) => Number(m[1])))
    const moves = await page
      .locator('#timeline tbody tr')
      .evaluateAll((rows) =>
        rows
          .filter((row) => row.querySelector('td:nth-child(5) strong') !== null)
          .map((row) => Number(row.querySelector('td')?.textContent)),
      )
    expect(numbered.sort((a, b) => a - b)).toEqual(moves.sort((a, b) => a - b))
    const text = labels.map((label) => label.text).join(' | ')
    for (const event of ['SUBMIT', 'PAY_ANSWERED', 'CAPTURE']) expect(text).toMatch(new RegExp(`#\\d+ ${event}`))

    await figure.screenshot({ path: join(OUTPUT_DIR, 'statechart.png') })
    await screenshot(page, 'statechart-merchant')
  })
})

describe.skipIf(skip)('in Chromium, the Checkout Page SDK as the real gateway is used', { timeout: 30_000 }, () => {
  const sdk = chromiumWith({ checkoutSdk: 'sandbox' })

  // The SDK's page itself comes from the gateway's servers, which this machine cannot reach: what is checked is
  // that the shop serves the SDK and its own script, that they load in a real browser, and that the SDK is handed
  // the session's data. Against the Antom sandbox the same page shows the Checkout Page.
  it('loads the SDK from the shop and starts mounting it with the session data', async () => {
    const sdkPage = await sdk.newPage()
    const errors: Array<string> = []
    sdkPage.on('pageerror', (error) => errors.push(error.message))
    // Nothing leaves this machine: what the SDK asks of the gateway's servers is refused in the browser.
    const local = new URL(sdk.url()).origin
    await sdkPage.route(
      (url) => url.origin !== local,
      (route) => route.abort(),
    )
    await sdkPage.goto(`${sdk.url()}/`)
    await sdkPage.click('button:has-text("Pay on the Checkout Page")')
    await sdkPage.waitForURL(/attempt-1\/pay$/)
    expect(await sdkPage.evaluate(() => typeof (window as { AMSCheckoutPage?: unknown }).AMSCheckoutPage)).toBe(
      'function',
    )
    const wrapper = sdkPage.locator('#ckp-embed-wrapper')
    expect(await wrapper.getAttribute('data-session')).toMatch(/^SIMSESSIONDATA&&SIMSES\d+/)
    expect(await wrapper.getAttribute('data-error')).not.toBe('the Checkout Page SDK did not load')
    expect(errors.filter((message) => message.includes('checkout-sdk'))).toEqual([])
    // The SDK mounts the gateway's page in a frame inside the wrapper (it cannot load here: no route to the gateway).
    await sdkPage.waitForSelector('#ckp-embed-wrapper iframe', { state: 'attached', timeout: 10_000 })
    const frameSrc = (await sdkPage.locator('#ckp-embed-wrapper iframe').first().getAttribute('src')) ?? ''
    console.info(`[checkout-sdk] the SDK framed ${new URL(frameSrc, sdk.url()).origin}`)
    expect(new URL(frameSrc, sdk.url()).origin).not.toBe(local)
    await screenshot(sdkPage, 'checkout-sdk')
    await sdkPage.close()
  })
})

describe.skipIf(skip)('in Chromium, Checkout Page sessions that close after a few seconds', { timeout: 30_000 }, () => {
  const short = chromiumWith({ sessionExpiryMs: 3_000 })

  it('a session left until it expires: the payment expires, and paying again opens a new session', async () => {
    const buyer = await short.newPage()
    await buyer.goto(`${short.url()}/`)
    await buyer.click('button:has-text("Pay on the Checkout Page")')
    await buyer.waitForURL(/\/sim\/checkout\//)
    const firstSession = buyer.url()
    await buyer.click('button:has-text("Back to the merchant")')
    await buyer.waitForURL(/attempt-1\/result$/)
    expect(await buyer.textContent('h1')).toBe('Waiting for you')
    // The engine's expiry timer fires on the relay's schedule; the result page then says so.
    const deadline = Date.now() + 15_000
    while ((await buyer.textContent('h1')) !== 'Payment expired') {
      if (Date.now() > deadline) throw new Error(`still ${await buyer.textContent('h1')}`)
      await buyer.waitForTimeout(250)
      await buyer.reload()
    }
    await screenshot(buyer, 'checkout-page-expired')
    await buyer.goto(firstSession)
    expect(await buyer.textContent('body')).toMatch(/expired/i)
    await buyer.goBack()
    await buyer.click('#pay-again')
    await buyer.waitForURL(/\/\?order=MUG-/)
    await buyer.click('button:has-text("Pay on the Checkout Page")')
    await buyer.waitForURL(/\/sim\/checkout\//)
    expect(buyer.url()).not.toBe(firstSession)
    await buyer.selectOption('#card', SUCCESS_CARD)
    await buyer.click('button:has-text("Pass")')
    await buyer.waitForURL(/attempt-2\/result$/)
    expect(await buyer.textContent('h1')).toBe('Payment successful')
    await buyer.close()
  })
})
