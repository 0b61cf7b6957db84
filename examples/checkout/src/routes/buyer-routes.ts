import type { PaymentSecrets } from '@paychart/core'
import type { EngineRunner } from '@paychart/hono'
import { Redacted } from 'effect'
import { type Context, Hono } from 'hono'
import { nextStepUrl, resultUrl } from '../buyer-urls.js'
import { readCardForm } from '../card-form.js'
import type { OrderBook } from '../orders.js'
import { otpPage } from '../pages/otp-page.js'
import { problemPage } from '../pages/problem-page.js'
import { productPage, type TestCard } from '../pages/product-page.js'
import { resultPage } from '../pages/result-page.js'
import { newPaymentRequestId, PRODUCT, paymentInput, WALLET_METHOD } from '../product.js'
import { type EngineResult, engineCall } from './engine-call.js'
import { nextOtpAttempt } from './otp-attempt.js'

export interface BuyerRoutesOptions {
  readonly run: EngineRunner
  readonly orders: OrderBook
  readonly testCards: ReadonlyArray<TestCard>
  readonly gatewayName: string
  /** The simulator's OTP, shown on the OTP page; absent for the real sandbox. */
  readonly simulatorOtpCode?: string
  /** This app's public origin for the gateway's redirect and notify URLs; default the request's own origin. */
  readonly publicUrl?: string
  readonly now?: () => number
}

const failed = (c: Context, result: Extract<EngineResult<unknown>, { ok: false }>) =>
  c.html(
    problemPage(result.tag === 'PaymentNotFound' ? 'No such order' : 'The payment could not go on', result.message),
    result.status,
  )

const field = (form: Record<string, unknown>, name: string): string => {
  const value = form[name]
  return typeof value === 'string' ? value.trim() : ''
}

/**
 * What the buyer sees: the product page, the card and wallet checkouts, the way back from the gateway's pages, the OTP
 * form and the result. Card data is read from the form into redacted secrets and handed to the engine, which keeps
 * it in memory beside the pay call; it is never stored, logged or shown again.
 */
export const buyerRoutes = (options: BuyerRoutesOptions): Hono => {
  const { run, orders, now = Date.now } = options
  const app = new Hono()
  const baseUrl = (c: Context) => options.publicUrl ?? new URL(c.req.url).origin

  const checkout = async (
    c: Context,
    method: string,
    captureMode: 'AUTOMATIC' | 'MANUAL',
    secrets?: PaymentSecrets,
  ) => {
    const at = now()
    const paymentRequestId = newPaymentRequestId(at)
    const input = paymentInput({ paymentRequestId, paymentMethodType: method, captureMode, baseUrl: baseUrl(c) })
    orders.add({ paymentRequestId, product: PRODUCT.name, createdAt: at })
    const created = await engineCall(run, (engine) => engine.createPayment(input, secrets))
    return created.ok ? c.redirect(nextStepUrl(created.value), 303) : failed(c, created)
  }

  app.get('/', (c) => c.html(productPage({ testCards: options.testCards, gatewayName: options.gatewayName })))

  app.post('/checkout/card', async (c) => {
    const form = readCardForm(await c.req.parseBody())
    if (!form.ok) {
      const page = productPage({
        testCards: options.testCards,
        gatewayName: options.gatewayName,
        problem: form.message,
      })
      return c.html(page, 400)
    }
    return checkout(c, 'CARD', form.captureMode, form.secrets)
  })

  app.post('/checkout/wallet', (c) => checkout(c, WALLET_METHOD, 'AUTOMATIC'))

  app.get('/checkout/:id/return', async (c) => {
    const id = c.req.param('id')
    const returned = await engineCall(run, (engine) => engine.customerReturned(id))
    if (returned.ok) return c.redirect(nextStepUrl(returned.value), 303)
    // Settled already (a notification came first): the machine refuses the return; the result page says how it went.
    return returned.tag === 'IntentRejected' ? c.redirect(resultUrl(id), 303) : failed(c, returned)
  })

  app.get('/checkout/:id/otp', async (c) => {
    const id = c.req.param('id')
    const read = await engineCall(run, (engine) => engine.status(id))
    if (!read.ok) return failed(c, read)
    if (read.value.state !== 'awaitingOtp') return c.redirect(nextStepUrl(read.value), 303)
    const timeline = await engineCall(run, (engine) => engine.timeline(id))
    if (!timeline.ok) return failed(c, timeline)
    const attempt = nextOtpAttempt(id, timeline.value)
    return c.html(
      otpPage({
        paymentRequestId: id,
        amount: read.value.amount,
        verifyRequestId: attempt.verifyRequestId,
        ...(attempt.lastError === undefined ? {} : { lastError: attempt.lastError }),
        ...(options.simulatorOtpCode === undefined ? {} : { simulatorCode: options.simulatorOtpCode }),
      }),
    )
  })

  app.post('/checkout/:id/otp', async (c) => {
    const id = c.req.param('id')
    const form = await c.req.parseBody()
    const verifyRequestId = field(form, 'verifyRequestId')
    const otp = field(form, 'otp')
    if (!/^[0-9A-Za-z]{1,16}$/.test(otp) || !/^[\w-]{1,64}$/.test(verifyRequestId)) {
      return c.html(problemPage('Check the code', 'Enter the code from the SMS: letters and digits only.'), 400)
    }
    const verified = await engineCall(run, (engine) => engine.submitOtp(id, verifyRequestId, Redacted.make(otp)))
    return verified.ok ? c.redirect(nextStepUrl(verified.value), 303) : failed(c, verified)
  })

  app.get('/checkout/:id/result', async (c) => {
    const read = await engineCall(run, (engine) => engine.status(c.req.param('id')))
    return read.ok ? c.html(resultPage(read.value)) : failed(c, read)
  })

  return app
}
