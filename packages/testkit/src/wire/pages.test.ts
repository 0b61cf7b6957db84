import { describe, expect, it } from 'vitest'
import { createSimulator, MINUTE, manualClock } from '../simulator/index.js'
import { payBody, SUCCESS_VISA, sessionBody, THREE_DS_VISA } from '../simulator/simulator.fixtures.js'
import { createSimulatorApp } from './app.js'
import { escapeHtml } from './html.js'
import type { SimulatorKeys } from './keys.js'

// The pages never sign anything: keys that are never imported will do.
const keys: SimulatorKeys = {
  merchantPrivateKey: '',
  merchantPublicKey: '',
  gatewayPrivateKey: '',
  gatewayPublicKey: '',
}

const setup = () => {
  const clock = manualClock()
  const simulator = createSimulator({ now: clock.now, baseUrl: 'https://sim.test' })
  const app = createSimulatorApp({ simulator, keys, clientId: 'SANDBOX_PAGES' })
  return { simulator, app, clock }
}

const pathOf = (url: unknown) => new URL(String(url)).pathname
const choose = (fields: Record<string, string>) => ({ method: 'POST', body: new URLSearchParams(fields) })

describe('customer pages', () => {
  it('3DS: the challenge page shows the amount and Pass / Fail; Pass authorizes and redirects with 303', async () => {
    const { simulator, app } = setup()
    const answer = simulator.request('pay', payBody({ cardNo: THREE_DS_VISA, captureMode: 'MANUAL', value: '1099' }))
    const path = pathOf(answer.normalUrl)
    expect(path).toMatch(/^\/sim\/3ds\//)

    const page = await app.request(path)
    const html = await page.text()
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toMatch(/^text\/html/)
    expect(html).toContain('<title>3-D Secure challenge')
    expect(html).toContain('10.99 USD')
    expect(html).toContain('<button type="submit" name="outcome" value="pass">Pass</button>')
    expect(html).toContain('<button type="submit" name="outcome" value="fail">Fail</button>')

    const passed = await app.request(path, choose({ outcome: 'pass' }))
    expect(passed.status).toBe(303)
    expect(passed.headers.get('location')).toBe('https://merchant.test/return')
    expect(simulator.payment('PAY-1')?.status).toBe('authorized')
    expect(simulator.dueNotifications().map((d) => [d.notifyType, d.body.result.resultCode])).toEqual([
      ['PAYMENT_RESULT', 'SUCCESS'],
    ])

    const again = await app.request(path)
    expect(again.status).toBe(409)
    expect(await again.text()).not.toContain('<button')
  })

  it('3DS: Fail fails the payment with USER_PAYMENT_VERIFICATION_FAILED', async () => {
    const { simulator, app } = setup()
    const answer = simulator.request('pay', payBody({ cardNo: THREE_DS_VISA }))
    const failed = await app.request(pathOf(answer.normalUrl), choose({ outcome: 'fail' }))
    expect(failed.status).toBe(303)
    expect(simulator.payment('PAY-1')).toMatchObject({
      status: 'failed',
      resultCode: 'USER_PAYMENT_VERIFICATION_FAILED',
    })
  })

  it('refuses a form without an outcome, an unknown payment, and an expired one', async () => {
    const { simulator, app, clock } = setup()
    const answer = simulator.request('pay', payBody({ cardNo: THREE_DS_VISA }))
    const path = pathOf(answer.normalUrl)
    expect((await app.request(path, choose({ outcome: 'maybe' }))).status).toBe(400)
    expect((await app.request('/sim/3ds/NOPE')).status).toBe(404)
    expect((await app.request('/sim/3ds/NOPE', choose({ outcome: 'pass' }))).status).toBe(404)
    clock.advance(15 * MINUTE)
    const late = await app.request(path, choose({ outcome: 'pass' }))
    expect(late.status).toBe(410)
    expect(await late.text()).toContain('role="alert"')
  })

  it('wallet: the page offers Pass, Fail and Leave pending; Pass pays', async () => {
    const { simulator, app } = setup()
    const answer = simulator.request('pay', payBody({ method: 'ALIPAY_CN' }))
    const path = pathOf(answer.normalUrl)
    const html = await (await app.request(path)).text()
    expect(html).toContain('>Leave pending</button>')
    expect(html).toContain('ALIPAY_CN')
    const paid = await app.request(path, choose({ outcome: 'pass' }))
    expect(paid.status).toBe(303)
    expect(simulator.payment('PAY-1')?.status).toBe('captured')
  })

  it('checkout: the buyer picks a test card or a wallet, labelled; a card pays the session', async () => {
    const { simulator, app } = setup()
    const answer = simulator.request('createPaymentSession', sessionBody({ captureMode: 'MANUAL' }))
    const path = pathOf(answer.normalUrl)
    const html = await (await app.request(path)).text()
    expect(html).toContain('60.00 SGD')
    expect(html).toContain('<label for="card">Test card</label>')
    expect(html).toContain(`<option value="${SUCCESS_VISA}" selected>`)
    expect(html).toContain('<input type="radio" name="method" value="GCASH">')
    expect(html).toContain('<legend>Payment method</legend>')

    const paid = await app.request(path, choose({ method: 'CARD', card: SUCCESS_VISA, outcome: 'pass' }))
    expect(paid.status).toBe(303)
    expect(paid.headers.get('location')).toBe('https://merchant.test/return')
    expect(simulator.payment('SES-1')).toMatchObject({ status: 'authorized', card: { brand: 'VISA', last4: '0768' } })
    expect((await app.request(path)).status).toBe(409)
  })

  it('checkout: a wallet chosen on the page pays with that method; a declining card fails', async () => {
    const { simulator, app } = setup()
    const first = simulator.request('createPaymentSession', sessionBody({ paymentRequestId: 'SES-W' }))
    await app.request(pathOf(first.normalUrl), choose({ method: 'GCASH', card: SUCCESS_VISA, outcome: 'pass' }))
    expect(simulator.payment('SES-W')).toMatchObject({ paymentMethodType: 'GCASH', status: 'captured' })
    const second = simulator.request('createPaymentSession', sessionBody({ paymentRequestId: 'SES-D' }))
    await app.request(pathOf(second.normalUrl), choose({ method: 'CARD', card: '4054692760174822', outcome: 'pass' }))
    expect(simulator.payment('SES-D')).toMatchObject({ status: 'failed', resultCode: 'DO_NOT_HONOR' })
  })

  it('checkout: the buyer may go back to the merchant, the session still open, and come back to pay', async () => {
    const { simulator, app } = setup()
    const path = pathOf(simulator.request('createPaymentSession', sessionBody()).normalUrl)
    expect(await (await app.request(path)).text()).toContain('value="back"')
    const left = await app.request(path, choose({ outcome: 'back' }))
    expect(left.status).toBe(303)
    expect(left.headers.get('location')).toBe('https://merchant.test/return')
    expect(simulator.payment('SES-1')).toBeUndefined()
    expect((await app.request(path)).status).toBe(200)
    await app.request(path, choose({ method: 'CARD', card: SUCCESS_VISA, outcome: 'pass' }))
    expect(simulator.payment('SES-1')?.status).toBe('captured')
  })

  it('checkout: lists the saved cards the session names by brand and last four, and asks to save a new one', async () => {
    const { simulator, app } = setup()
    const vaulting = payBody({ cardNo: SUCCESS_VISA })
    ;(vaulting.paymentMethod as { paymentMethodMetaData: object }).paymentMethodMetaData = {
      ...(vaulting.paymentMethod as { paymentMethodMetaData: object }).paymentMethodMetaData,
      tokenizeMode: 'ENABLED',
    }
    const token = String((simulator.request('pay', vaulting).paymentResultInfo as { cardToken: string }).cardToken)
    const session = simulator.request('createPaymentSession', {
      ...sessionBody({ paymentRequestId: 'SES-S' }),
      savedPaymentMethods: [{ paymentMethodType: 'CARD', paymentMethodId: token }],
      availablePaymentMethod: { paymentMethodMetaData: { tokenizeMode: 'ASKFORCONSENT' } },
    })
    const path = pathOf(session.normalUrl)
    const html = await (await app.request(path)).text()
    expect(html).toContain(`value="${token}"> VISA •••• 0768`)
    expect(html).toContain('name="saveCard"')
    await app.request(path, choose({ method: 'CARD', savedCard: token, outcome: 'pass' }))
    expect(simulator.payment('SES-S')).toMatchObject({ status: 'captured', card: { last4: '0768', cvvResult: 'U' } })
  })

  it('escapes what it shows', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;')
  })
})
