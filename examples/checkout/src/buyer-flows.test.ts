import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  AVS_MISMATCH_3DS_CARD,
  cardForm,
  DECLINE_CARD,
  form,
  type InProcessCheckout,
  inProcessCheckout,
  OTP_CARD,
  SUCCESS_CARD,
  THREE_DS_CARD,
} from './checkout.fixtures.js'

let world: InProcessCheckout
beforeEach(async () => {
  world = await inProcessCheckout()
})
afterEach(async () => {
  await world.close()
})

const idFrom = (url: string) => decodeURIComponent(/\/checkout\/([^/]+)\//.exec(url)?.[1] ?? '')
const merchantPage = async (id: string) => (await world.request(`/payments/${encodeURIComponent(id)}`)).text()
const timelineOn = (page: string) => /<table id="timeline">[\s\S]*?<\/table>/.exec(page)?.[0] ?? ''
const stateOn = (page: string) => /<span class="state" id="state">([a-zA-Z]+)<\/span>/.exec(page)?.[1]

describe('the product page', () => {
  it('shows the price, the card form, the wallet button and the test cards, with nothing fetched from elsewhere', async () => {
    const response = await world.request('/')
    expect(response.status).toBe(200)
    const page = await response.text()
    expect(page).toContain('24.00 USD')
    expect(page).toContain('action="/checkout/card"')
    expect(page).toContain('action="/checkout/wallet"')
    for (const number of [SUCCESS_CARD, DECLINE_CARD, THREE_DS_CARD, OTP_CARD]) expect(page).toContain(number)
    expect(page).not.toMatch(/<script|<link|src="http/)
  })
})

describe('the buyer', () => {
  it('pays by card: the result page says so; the merchant sees it captured once the notifications arrive', async () => {
    const { url, response } = await world.follow(await world.request('/checkout/card', cardForm(SUCCESS_CARD)))
    expect(url).toMatch(/^\/checkout\/MUG-[^/]+\/result$/)
    expect(response.status).toBe(200)
    const page = await response.text()
    expect(page).toContain('Payment successful')
    expect(page).toContain('You paid <strong>24.00 USD</strong>')

    const id = idFrom(url)
    expect(stateOn(await merchantPage(id))).toBe('capturing')
    expect(await world.deliver()).toBeGreaterThan(0)
    const merchant = await merchantPage(id)
    expect(stateOn(merchant)).toBe('captured')
    expect(timelineOn(merchant)).toContain('<code>PAY_ANSWERED</code>')
    const captureNotified = timelineOn(merchant)
      .split('<tr')
      .find((row) => row.includes('<code>CAPTURE_NOTIFIED</code>'))
    expect(captureNotified).toContain('data-source="notification"')
    expect(captureNotified).toContain('capturing → <strong>captured</strong>')
    const list = await (await world.request('/payments')).text()
    const listed = list.split('<tr').find((row) => row.includes(`data-payment="${id}"`)) ?? ''
    expect(listed).toContain('<span class="state">captured</span>')
    expect(listed).toContain('<code>CAPTURE_NOTIFIED</code>')
    // The backlog figures above the list: nothing waits once the capture is told.
    expect(list).toContain('<dd data-figure="unknownOutcomes">0</dd>')
    expect(list).toMatch(/<dd data-figure="payments">[^<]*captured 1/)
  })

  it('passes the simulator 3DS challenge and comes back to a successful result', async () => {
    const submitted = await world.request('/checkout/card', cardForm(THREE_DS_CARD))
    expect(submitted.status).toBe(303)
    const challengeUrl = submitted.headers.get('location') ?? ''
    expect(challengeUrl).toMatch(/^http:\/\/simulator\.local\/sim\/3ds\/SIMPAY\d+$/)
    const challenge = await world.request(challengeUrl)
    expect(await challenge.text()).toContain('3-D Secure challenge')

    const { url, response } = await world.follow(await world.request(challengeUrl, form({ outcome: 'pass' })))
    expect(url).toMatch(/\/result$/)
    expect(await response.text()).toContain('Payment successful')
    const merchant = await merchantPage(idFrom(url))
    expect(timelineOn(merchant)).toContain('<code>CUSTOMER_RETURNED</code>')
    expect(timelineOn(merchant)).toContain('next: threeDS')
  })

  it('fails the 3DS challenge and is told the payment was declined', async () => {
    const submitted = await world.request('/checkout/card', cardForm(THREE_DS_CARD))
    const challengeUrl = submitted.headers.get('location') ?? ''
    const { response } = await world.follow(await world.request(challengeUrl, form({ outcome: 'fail' })))
    const page = await response.text()
    expect(page).toContain('Payment declined')
    expect(page).toContain('USER_PAYMENT_VERIFICATION_FAILED')
  })

  it('types a wrong OTP, is asked again, then the right one pays', async () => {
    const { url, response } = await world.follow(await world.request('/checkout/card', cardForm(OTP_CARD)))
    expect(url).toMatch(/\/otp$/)
    const first = await response.text()
    expect(first).toContain('Enter the code we sent you')
    expect(first).not.toContain('role="alert"')
    const attempt1 = /name="verifyRequestId" value="([^"]+)"/.exec(first)?.[1] ?? ''
    expect(attempt1).toMatch(/-otp-1$/)

    const wrong = await world.follow(await world.request(url, form({ verifyRequestId: attempt1, otp: '000000' })))
    expect(wrong.url).toBe(url)
    const again = await wrong.response.text()
    expect(again).toContain('That code is not right')
    const attempt2 = /name="verifyRequestId" value="([^"]+)"/.exec(again)?.[1] ?? ''
    expect(attempt2).toMatch(/-otp-2$/)

    const code = world.sim.simulator.config.otpCode
    const right = await world.follow(await world.request(url, form({ verifyRequestId: attempt2, otp: code })))
    expect(right.url).toMatch(/\/result$/)
    expect(await right.response.text()).toContain('Payment successful')
    const merchant = await merchantPage(idFrom(url))
    expect(timelineOn(merchant).match(/<code>OTP_SUBMITTED<\/code>/g)).toHaveLength(2)
    expect(timelineOn(merchant)).toContain('F VERIFY_UNMATCHED')
    expect(merchant).not.toContain(code)
  })

  it('is declined with the gateway code, and nothing of the card is shown or stored', async () => {
    const { url, response } = await world.follow(await world.request('/checkout/card', cardForm(DECLINE_CARD)))
    const page = await response.text()
    expect(page).toContain('Payment declined')
    expect(page).toContain('DO_NOT_HONOR')
    const merchant = await merchantPage(idFrom(url))
    expect(stateOn(merchant)).toBe('failed')
    await world.deliver()
    for (const text of [page, merchant, await (await world.request('/payments')).text(), world.storedText()]) {
      expect(text).not.toContain(DECLINE_CARD)
    }
    expect(world.storedText()).toContain(idFrom(url))
  })

  it('pays with the wallet on the simulator wallet page', async () => {
    const submitted = await world.request('/checkout/wallet', form({ method: 'ALIPAY_CN' }))
    const walletUrl = submitted.headers.get('location') ?? ''
    expect(walletUrl).toMatch(/\/sim\/wallet\//)
    const { url, response } = await world.follow(await world.request(walletUrl, form({ outcome: 'pass' })))
    expect(await response.text()).toContain('Payment successful')
    await world.deliver()
    expect(stateOn(await merchantPage(idFrom(url)))).toBe('captured')
  })

  it('is refused a malformed card form without the number being repeated, and no payment is made', async () => {
    const response = await world.request('/checkout/card', cardForm('4111 1111 1111 1111', { cvv: '12' }))
    expect(response.status).toBe(400)
    const page = await response.text()
    expect(page).toContain('Enter the security code')
    expect(page).not.toContain('4111 1111')
    expect(page).not.toContain('4111111111111111')
    expect(await (await world.request('/payments')).text()).toContain('No payments yet')
  })

  it('gets a 404 page for an order that does not exist', async () => {
    const response = await world.request('/checkout/NOPE/result')
    expect(response.status).toBe(404)
    expect(await response.text()).toContain('No such order')
  })
})

describe('saved cards and card results', () => {
  const cookieOf = (response: Response) => /buyer=[^;]+/.exec(response.headers.get('set-cookie') ?? '')?.[0] ?? ''
  const withCookie = (init: RequestInit, cookie: string): RequestInit => ({
    ...init,
    headers: { ...(init.headers as Record<string, string> | undefined), cookie },
  })

  it('keeps a card the buyer asked to save, and pays a second order with it without the number', async () => {
    const cookie = cookieOf(await world.request('/'))
    expect(cookie).toMatch(/^buyer=buyer-/)
    const first = await world.request('/checkout/card', withCookie(cardForm(SUCCESS_CARD, { save: 'yes' }), cookie))
    const { url } = await world.follow(first)
    await world.deliver()
    expect(await (await world.request(url)).text()).toContain(`VISA •••• ${SUCCESS_CARD.slice(-4)}`)

    const product = await (await world.request('/', { headers: { cookie } })).text()
    expect(product).toContain('id="saved-cards"')
    expect(product).toContain(`VISA •••• ${SUCCESS_CARD.slice(-4)}`)
    expect(product).not.toContain('SIMTOKEN')
    const savedId = /name="savedCard" value="(\d+)"/.exec(product)?.[1] ?? ''
    const second = await world.request('/checkout/saved-card', withCookie(form({ savedCard: savedId }), cookie))
    const paid = await world.follow(second)
    expect(await paid.response.text()).toContain('Payment successful')
    await world.deliver()
    const merchant = await merchantPage(idFrom(paid.url))
    expect(stateOn(merchant)).toBe('captured')
    expect(merchant).toContain('<td id="card-cvv"><code>U</code>')
    expect(world.sim.simulator.calls().filter((call) => call.endpoint === 'pay')).toHaveLength(2)
    expect(world.storedText()).not.toContain(SUCCESS_CARD)
  })

  it('saves nothing the buyer did not ask to save, and shows another buyer none of it', async () => {
    const cookie = cookieOf(await world.request('/'))
    await world.follow(await world.request('/checkout/card', withCookie(cardForm(SUCCESS_CARD), cookie)))
    await world.deliver()
    expect(await (await world.request('/', { headers: { cookie } })).text()).not.toContain('id="saved-cards"')

    await world.follow(
      await world.request('/checkout/card', withCookie(cardForm(SUCCESS_CARD, { save: 'yes' }), cookie)),
    )
    await world.deliver()
    const stranger = cookieOf(await world.request('/'))
    expect(await (await world.request('/', { headers: { cookie: stranger } })).text()).not.toContain('id="saved-cards"')
    const stolen = await world.request('/checkout/saved-card', withCookie(form({ savedCard: '1' }), stranger))
    expect(stolen.status).toBe(400)
  })

  it('shows the merchant the issuer verdicts: an address that does not match, a 3-D Secure result', async () => {
    const submitted = await world.request(
      '/checkout/card',
      cardForm(AVS_MISMATCH_3DS_CARD, { billingCountry: 'US', billingZip: '94107', billingStreet: '1 Market St' }),
    )
    const challengeUrl = submitted.headers.get('location') ?? ''
    const { url } = await world.follow(await world.request(challengeUrl, form({ outcome: 'pass' })))
    const merchant = await merchantPage(idFrom(url))
    expect(merchant).toContain('<td id="card-avs"><code>N</code> address and postcode do not match</td>')
    expect(merchant).toContain('<td id="card-cvv"><code>M</code> matches</td>')
    expect(merchant).toMatch(/<td id="card-3ds">version 2\.2\.0, ECI \d+<\/td>/)
    expect(merchant).not.toContain(AVS_MISMATCH_3DS_CARD)
  })

  it('refuses a billing address it cannot send, naming the field', async () => {
    const response = await world.request(
      '/checkout/card',
      cardForm(SUCCESS_CARD, { billingZip: '1', billingCountry: 'US' }),
    )
    expect(response.status).toBe(400)
    expect(await response.text()).toContain('Enter the postcode')
  })
})

describe('the Checkout Page', () => {
  it('lets the buyer leave it and open it again while the session is valid, then pay', async () => {
    const opened = await world.request('/checkout/page', form({}))
    const pageUrl = opened.headers.get('location') ?? ''
    expect(pageUrl).toMatch(/\/sim\/checkout\//)
    const left = await world.follow(await world.request(pageUrl, form({ outcome: 'back' })))
    expect(left.url).toMatch(/\/result$/)
    const result = await left.response.text()
    expect(result).toContain('Continue to the payment page')
    expect(result).toContain(`href="${pageUrl}"`)
    // Back again at once: the engine does not ask the gateway twice within seconds; the notification tells it.
    const paid = await world.follow(await world.request(pageUrl, form({ outcome: 'pass', card: SUCCESS_CARD })))
    await world.deliver()
    expect(await (await world.request(paid.url)).text()).toContain('Payment successful')
  })
})

describe('the Checkout Page embedded with the web SDK (as against the real gateway)', () => {
  let embedded: InProcessCheckout
  beforeEach(async () => {
    embedded = await inProcessCheckout({ checkoutSdk: 'sandbox' })
  })
  afterEach(async () => {
    await embedded.close()
  })
  const report = (id: string, code: string) =>
    embedded.request(`/checkout/${encodeURIComponent(id)}/sdk-events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code }),
    })

  it('mounts the SDK with the session data on the shop page, from scripts the shop serves itself', async () => {
    const opened = await embedded.request('/checkout/page', form({}))
    const pageUrl = opened.headers.get('location') ?? ''
    expect(pageUrl).toMatch(/^\/checkout\/MUG-[^/]+-attempt-1\/pay$/)
    const page = await (await embedded.request(pageUrl)).text()
    const id = idFrom(pageUrl)
    const session = embedded.sim.simulator.session(String(/SIMSES\d+/.exec(page)?.[0]))
    expect(session?.paymentRequestId).toBe(id)
    expect(page).toContain('data-environment="sandbox"')
    const scripts = [...page.matchAll(/<script src="([^"]+)"><\/script>/g)].map((m) => m[1] ?? '')
    expect(scripts).toHaveLength(2)
    expect(scripts[0]).toMatch(/^\/assets\/ams-checkout-\d+\.\d+\.\d+\.min\.js$/)
    for (const script of scripts) {
      const served = await embedded.request(script)
      expect(served.status).toBe(200)
      expect(served.headers.get('content-type')).toContain('text/javascript')
    }
    expect(await (await embedded.request(scripts[0] ?? '')).text()).toContain('AMSCheckoutPage')
  })

  it('answers the SDK events: a cancel mounts the same session again, a success asks the gateway first', async () => {
    const pageUrl = (await embedded.request('/checkout/page', form({}))).headers.get('location') ?? ''
    const id = idFrom(pageUrl)
    expect(await (await report(id, 'SDK_PAYMENT_CANCEL')).json()).toEqual({ show: 'reopen', next: pageUrl })
    // The SDK says it paid; nothing moves until the gateway says so, and it does not yet: the buyer has not paid.
    const early = await (await report(id, 'SDK_PAYMENT_SUCCESSFUL')).json()
    expect(early).toEqual({ show: 'result', next: `/checkout/${encodeURIComponent(id)}/result` })
    expect(await (await embedded.request(early.next)).text()).not.toContain('Payment successful')
    expect((await report(id, 'NOT_AN_EVENT')).status).toBe(400)
  })
})
