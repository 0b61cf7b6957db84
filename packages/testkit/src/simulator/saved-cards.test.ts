import { describe, expect, it } from 'vitest'
import { codeOf, payBody, SUCCESS_VISA, sessionBody, setup } from './simulator.fixtures.js'
import { cardVault } from './vault.js'

const ADDRESS = { region: 'US', city: 'Springfield', zipCode: '62701', address1: '1 Main St' }

/** A pay body whose card metadata gets `extra` (billing address, tokenizeMode, ...). */
const cardPay = (cardNo: string, extra: Record<string, unknown>, paymentRequestId = 'PAY-1') => {
  const body = payBody({ cardNo, paymentRequestId })
  const method = body.paymentMethod as { paymentMethodMetaData: Record<string, unknown> }
  method.paymentMethodMetaData = { ...method.paymentMethodMetaData, ...extra }
  return body
}

const tokenPay = (token: string, paymentRequestId: string, extra: Record<string, unknown> = {}) => ({
  ...payBody({ paymentRequestId }),
  paymentMethod: {
    paymentMethodType: 'CARD',
    paymentMethodId: token,
    paymentMethodMetaData: { isCardOnFile: true, ...extra },
  },
})

const resultInfo = (body: unknown) => (body as { paymentResultInfo?: Record<string, unknown> }).paymentResultInfo

describe('the issuer checks what the payment sent', () => {
  it.each([
    ['a billing address and a CVV', SUCCESS_VISA, { billingAddress: ADDRESS }, 'Y', 'M'],
    ['no billing address: AVS unavailable', SUCCESS_VISA, {}, 'U', 'M'],
    ['the AVS-mismatch card', '4000000000000614', { billingAddress: ADDRESS }, 'N', 'M'],
    ['the CVV-mismatch card', '4000000000000622', { billingAddress: ADDRESS }, 'Y', 'N'],
  ])('reports AVS and CVV for %s', (_what, cardNo, extra, avs, cvv) => {
    const { sim } = setup()
    const body = sim.request('pay', cardPay(cardNo, extra))
    expect(codeOf(body)).toBe('S SUCCESS')
    expect(resultInfo(body)).toMatchObject({ avsResultRaw: avs, cvvResultRaw: cvv })
  })

  it('challenges the 3DS card whose address mismatches, and reports N with the 3DS result once paid', () => {
    const { sim } = setup()
    expect(codeOf(sim.request('pay', cardPay('4000000000000630', { billingAddress: ADDRESS })))).toBe(
      'U PAYMENT_IN_PROCESS',
    )
    sim.completeChallenge('SIMPAY000001', 'pass')
    const [notification] = sim.dueNotifications()
    expect(notification?.body.paymentResultInfo).toMatchObject({
      avsResultRaw: 'N',
      cvvResultRaw: 'M',
      threeDSResult: { threeDSVersion: '2.2.0' },
    })
  })
})

describe('saved cards', () => {
  it('issues a token once a payment that asked for one (tokenizeMode ENABLED) is paid, and none otherwise', () => {
    const { sim } = setup()
    const first = sim.request('pay', cardPay(SUCCESS_VISA, { tokenizeMode: 'ENABLED' }))
    expect(resultInfo(first)?.cardToken).toMatch(/^SIMTOKEN\d+$/)
    const second = sim.request('pay', cardPay(SUCCESS_VISA, {}, 'PAY-2'))
    expect(resultInfo(second)?.cardToken).toBeUndefined()
  })

  it('pays a second payment with the token, without card data and without a CVV to check', () => {
    const { sim } = setup()
    const token = String(resultInfo(sim.request('pay', cardPay(SUCCESS_VISA, { tokenizeMode: 'ENABLED' })))?.cardToken)
    const body = sim.request('pay', tokenPay(token, 'PAY-2', { billingAddress: ADDRESS }))
    expect(codeOf(body)).toBe('S SUCCESS')
    expect(resultInfo(body)).toMatchObject({ lastFour: SUCCESS_VISA.slice(-4), avsResultRaw: 'Y', cvvResultRaw: 'U' })
    expect(JSON.stringify(body)).not.toContain(SUCCESS_VISA)
  })

  it('refuses a token whose payment never paid', () => {
    const { sim } = setup()
    const declined = sim.request('pay', cardPay('4054692760174822', { tokenizeMode: 'ENABLED' }))
    expect(codeOf(declined)).toBe('F DO_NOT_HONOR')
    expect(resultInfo(declined)?.cardToken).toBeUndefined()
    expect(codeOf(sim.request('pay', tokenPay('SIMTOKEN00000001', 'PAY-2')))).toBe('F INVALID_PAYMENT_METHOD_META_DATA')
  })

  it("refuses another merchant's token, even through one gateway's vault", () => {
    const vault = cardVault()
    const shopA = setup({ vault, merchantId: 'MERCHANT-A' }).sim
    const shopB = setup({ vault, merchantId: 'MERCHANT-B' }).sim
    const token = String(
      resultInfo(shopA.request('pay', cardPay(SUCCESS_VISA, { tokenizeMode: 'ENABLED' })))?.cardToken,
    )
    expect(codeOf(shopB.request('pay', tokenPay(token, 'PAY-B')))).toBe('F INVALID_PAYMENT_METHOD_META_DATA')
    expect(codeOf(shopA.request('pay', tokenPay(token, 'PAY-A')))).toBe('S SUCCESS')
  })

  it("lists a session's saved cards on the Checkout Page, pays with one, and vaults a new one with consent", () => {
    const { sim } = setup()
    const token = String(resultInfo(sim.request('pay', cardPay(SUCCESS_VISA, { tokenizeMode: 'ENABLED' })))?.cardToken)
    const session = (paymentRequestId: string, extra: Record<string, unknown>) =>
      String(sim.request('createPaymentSession', { ...sessionBody({ paymentRequestId }), ...extra }).paymentSessionId)
    const withSaved = session('PAY-2', {
      savedPaymentMethods: [
        { paymentMethodType: 'CARD', paymentMethodId: token },
        { paymentMethodType: 'CARD', paymentMethodId: 'SIMTOKEN99999999' },
      ],
    })
    expect(sim.session(withSaved)?.savedCards).toEqual([{ token, brand: 'VISA', last4: SUCCESS_VISA.slice(-4) }])
    const paid = sim.completeCheckout(withSaved, { method: 'CARD', savedCard: token })
    expect(paid.ok && paid.payment.status).toBe('captured')

    const consent = session('PAY-3', {
      availablePaymentMethod: { paymentMethodMetaData: { tokenizeMode: 'ASKFORCONSENT' } },
    })
    sim.completeCheckout(consent, { method: 'CARD', card: '5162774114974622', saveCard: true })
    const notified = sim.dueNotifications().find((n) => n.body.paymentRequestId === 'PAY-3')
    expect(notified?.body.paymentResultInfo).toMatchObject({ cardToken: expect.stringMatching(/^SIMTOKEN/) })
  })

  it('pays nothing with a token the session did not list', () => {
    const { sim } = setup()
    const id = String(sim.request('createPaymentSession', sessionBody({ paymentRequestId: 'PAY-2' })).paymentSessionId)
    const done = sim.completeCheckout(id, { method: 'CARD', savedCard: 'SIMTOKEN00000001' })
    expect(done.ok && done.payment.resultCode).toBe('INVALID_PAYMENT_METHOD_META_DATA')
  })
})
