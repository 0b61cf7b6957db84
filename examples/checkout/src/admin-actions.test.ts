import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { cardForm, form, type InProcessCheckout, inProcessCheckout, SUCCESS_CARD } from './checkout.fixtures.js'

let world: InProcessCheckout
beforeEach(async () => {
  world = await inProcessCheckout()
})
afterEach(async () => {
  await world.close()
})

const stateOn = (page: string) => /<span class="state" id="state">([a-zA-Z]+)<\/span>/.exec(page)?.[1]
const paymentPath = (id: string) => `/payments/${encodeURIComponent(id)}`

/** A card payment authorized for manual capture; its id. */
const authorize = async (): Promise<string> => {
  const { url, response } = await world.follow(
    await world.request('/checkout/card', cardForm(SUCCESS_CARD, { capture: 'manual' })),
  )
  expect(await response.text()).toContain('Payment authorized')
  return decodeURIComponent(/\/checkout\/([^/]+)\//.exec(url)?.[1] ?? '')
}

describe('the merchant', () => {
  it('captures a manual payment, then refunds part of it, and sees each step on the payment page', async () => {
    const id = await authorize()
    const authorized = await (await world.request(paymentPath(id))).text()
    expect(stateOn(authorized)).toBe('authorized')
    expect(authorized).toContain(`action="${paymentPath(id)}/capture"`)
    expect(authorized).toContain('<li class="current" aria-current="step" data-state="authorized">authorized</li>')

    const captured = await world.request(`${paymentPath(id)}/capture`, form({ amount: '24.00' }))
    expect(captured.status).toBe(303)
    expect(captured.headers.get('location')).toBe(`${paymentPath(id)}?done=capture`)
    await world.deliver()
    const afterCapture = await (await world.request(`${paymentPath(id)}?done=capture`)).text()
    expect(afterCapture).toContain('Capture sent.')
    expect(stateOn(afterCapture)).toBe('captured')
    expect(afterCapture).toContain('<code>capture MUG-')
    const refundId = /name="refundRequestId" value="([^"]+)"/.exec(afterCapture)?.[1] ?? ''
    expect(refundId).toBe(`${id}-refund-1`)

    const refunded = await world.request(
      `${paymentPath(id)}/refund`,
      form({ amount: '5.00', refundRequestId: refundId }),
    )
    expect(refunded.status).toBe(303)
    await world.deliver()
    const afterRefund = await (await world.request(paymentPath(id))).text()
    expect(stateOn(afterRefund)).toBe('captured')
    expect(afterRefund).toMatch(/<th>refunded<\/th><td>5\.00 USD<\/td>/)
    expect(afterRefund).toMatch(/<th>refundable<\/th><td>19\.00 USD<\/td>/)
    expect(afterRefund).toContain(`refund ${refundId}`)
    expect(afterRefund).toContain('<code>REFUND</code>')

    // The same form sent again is the same refund (same request id), not a second one.
    await world.request(`${paymentPath(id)}/refund`, form({ amount: '5.00', refundRequestId: refundId }))
    expect(await (await world.request(paymentPath(id))).text()).toMatch(/<th>refunded<\/th><td>5\.00 USD<\/td>/)
  })

  it('is told why a refund above what is left is refused, and nothing moves', async () => {
    const id = await authorize()
    await world.request(`${paymentPath(id)}/capture`, form({ amount: '24.00' }))
    await world.deliver()
    const refused = await world.request(`${paymentPath(id)}/refund`, form({ amount: '30.00' }))
    expect(refused.status).toBe(409)
    const page = await refused.text()
    expect(page).toContain('role="alert"')
    expect(page).toContain('REFUND rejected')
    expect(page).toMatch(/<th>refunded<\/th><td>0\.00 USD<\/td>/)
  })

  it('is refused an amount that is not money, before the engine hears of it', async () => {
    const id = await authorize()
    const refused = await world.request(`${paymentPath(id)}/capture`, form({ amount: '24,5' }))
    expect(refused.status).toBe(400)
    const page = await refused.text()
    expect(page).toContain('Enter an amount in USD')
    expect(stateOn(page)).toBe('authorized')
  })

  it('is told, never "sent", when a refund form is sent again under its id with another amount', async () => {
    const id = await authorize()
    await world.request(`${paymentPath(id)}/capture`, form({ amount: '24.00' }))
    await world.deliver()
    const refundId = `${id}-refund-1`
    expect(
      (await world.request(`${paymentPath(id)}/refund`, form({ amount: '5.00', refundRequestId: refundId }))).status,
    ).toBe(303)
    const other = await world.request(`${paymentPath(id)}/refund`, form({ amount: '7.00', refundRequestId: refundId }))
    expect(other.status).toBe(409)
    const page = await other.text()
    expect(page).toContain(`refundRequestId ${refundId} was used for 5.00 USD; this refund asks for 7.00 USD`)
    expect(page).not.toContain('Refund sent.')
    await world.deliver()
    expect(await (await world.request(paymentPath(id))).text()).toMatch(/<th>refunded<\/th><td>5\.00 USD<\/td>/)
  })

  it('is told when a second capture asks another amount, and nothing changes', async () => {
    const id = await authorize()
    expect((await world.request(`${paymentPath(id)}/capture`, form({ amount: '5.00' }))).status).toBe(303)
    const again = await world.request(`${paymentPath(id)}/capture`, form({ amount: '24.01' }))
    expect(again.status).toBe(409)
    expect(await again.text()).not.toContain('Capture sent.')
  })

  it('refuses a form body over its limit before reading it', async () => {
    const id = await authorize()
    const huge = await world.request(`${paymentPath(id)}/refund`, form({ amount: '1.00', padding: 'x'.repeat(20_000) }))
    expect(huge.status).toBe(413)
  })

  it('cancels an authorized payment; the buyer then sees it cancelled', async () => {
    const id = await authorize()
    const cancelled = await world.request(`${paymentPath(id)}/cancel`, form({}))
    expect(cancelled.status).toBe(303)
    await world.deliver()
    const page = await (await world.request(paymentPath(id))).text()
    expect(stateOn(page)).toBe('cancelled')
    expect(page).toContain('No action applies')
    expect(await (await world.request(`/checkout/${id}/result`)).text()).toContain('Payment cancelled')
  })

  it('gets a 404 for a payment that does not exist, and the webhook refuses an unsigned notification', async () => {
    expect((await world.request('/payments/NOPE')).status).toBe(404)
    expect((await world.request('/payments/NOPE/capture', form({ amount: '1.00' }))).status).toBe(404)
    const unsigned = await world.request('/antom/notify/payment', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ notifyType: 'PAYMENT_RESULT' }),
    })
    expect(unsigned.status).toBe(401)
  })
})
