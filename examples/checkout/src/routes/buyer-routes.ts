import type { PaymentSecrets } from '@paychart/core'
import type { EngineRunner } from '@paychart/hono'
import { Redacted } from 'effect'
import { type Context, Hono } from 'hono'
import { buyerIdOf } from '../buyer-id.js'
import { customerPageUrl, nextStepUrl, resultUrl } from '../buyer-urls.js'
import { captureModeOf, readCardForm } from '../card-form.js'
import type { OrderBook } from '../orders.js'
import { otpPage } from '../pages/otp-page.js'
import { problemPage } from '../pages/problem-page.js'
import { productPage, type TestCard } from '../pages/product-page.js'
import { resultPage } from '../pages/result-page.js'
import {
  attemptInput,
  type CardChoice,
  newOrderReference,
  PRODUCT,
  sessionAttemptInput,
  WALLET_METHOD,
} from '../product.js'
import type { SavedCards } from '../saved-cards.js'
import { sdkPageUrl } from './checkout-sdk-routes.js'
import { type EngineResult, engineCall } from './engine-call.js'
import { nextOtpAttempt } from './otp-attempt.js'

export interface BuyerRoutesOptions {
  readonly run: EngineRunner
  readonly orders: OrderBook
  readonly savedCards: SavedCards
  readonly testCards: ReadonlyArray<TestCard>
  readonly gatewayName: string
  /** The simulator's OTP, shown on the OTP page; absent for the real sandbox. */
  readonly simulatorOtpCode?: string
  /** This app's public origin for the gateway's redirect and notify URLs (configuration, never the Host header). */
  readonly publicUrl: string
  /** Send the buyer to the shop's own page with the Checkout Page SDK mounted, not to the session's hosted page. */
  readonly checkoutSdk?: boolean
  /** How long a Checkout Page session stays open; the gateway's default (an hour) when absent. */
  readonly sessionExpiryMs?: number
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

/** The order a form pays again, when it names one the shop could have made; '' for a new order. */
const orderField = (form: Record<string, unknown>): string => {
  const order = field(form, 'order')
  return /^MUG-[\w-]{1,40}$/.test(order) ? order : ''
}

/**
 * What the buyer sees: the product page, the card and wallet checkouts, the way back from the gateway's pages, the OTP
 * form and the result. Card data is read from the form into redacted secrets and handed to the engine, which keeps
 * it in memory beside the pay call; it is never stored, logged or shown again.
 */
export const buyerRoutes = (options: BuyerRoutesOptions): Hono => {
  const { run, orders, savedCards, now = Date.now } = options
  const app = new Hono()
  const baseUrl = options.publicUrl.replace(/\/+$/, '')

  /**
   * The next attempt of the order the form names (the buyer tries again after a decline), or the first of a new
   * order. The engine refuses one while an attempt may still succeed or once the order is paid.
   */
  const checkout = async (
    c: Context,
    given: string,
    method: string | undefined,
    captureMode: 'AUTOMATIC' | 'MANUAL',
    card?: CardChoice,
    secrets?: PaymentSecrets,
  ) => {
    const at = now()
    const buyerId = buyerIdOf(c)
    const orderReference = given === '' ? newOrderReference(at) : given
    const order = await engineCall(run, (engine) => engine.order(orderReference))
    if (!order.ok) return failed(c, order)
    if (given !== '' && order.value.attempts.length === 0) {
      return c.html(problemPage('No such order', `There is no order ${orderReference} to pay again.`), 404)
    }
    const next = order.value.next
    if (next === undefined) return c.redirect(resultUrl(order.value.current?.paymentRequestId ?? ''), 303)
    const base = { orderReference, buyerId, paymentRequestId: next.paymentRequestId, baseUrl }
    const input =
      method === undefined
        ? sessionAttemptInput(
            base,
            savedCards.list(buyerId),
            options.sessionExpiryMs === undefined ? undefined : at + options.sessionExpiryMs,
          )
        : attemptInput({ ...base, paymentMethodType: method, captureMode }, card)
    if (given === '') orders.add({ orderReference, product: PRODUCT.name, createdAt: at })
    // The buyer's consent, kept before the pay: the token the gateway then tells is saved for this buyer only.
    const asksToSave = method === undefined || (card?.kind === 'typed' && card.options.tokenizeMode === 'ENABLED')
    if (asksToSave) savedCards.requestSave(next.paymentRequestId, buyerId)
    const created = await engineCall(run, (engine) => engine.startAttempt(orderReference, input, secrets))
    if (!created.ok) return failed(c, created)
    const embedded = options.checkoutSdk === true && created.value.customerAction?.kind === 'checkoutPage'
    return c.redirect(embedded ? sdkPageUrl(created.value.paymentRequestId) : nextStepUrl(created.value), 303)
  }

  const page = (c: Context, order: string, problem?: string) =>
    productPage({
      testCards: options.testCards,
      gatewayName: options.gatewayName,
      savedCards: savedCards.list(buyerIdOf(c)),
      ...(order === '' ? {} : { orderReference: order }),
      ...(problem === undefined ? {} : { problem }),
    })

  app.get('/', (c) => c.html(page(c, orderField({ order: c.req.query('order') }))))

  app.post('/checkout/card', async (c) => {
    const body = await c.req.parseBody()
    const form = readCardForm(body)
    if (!form.ok) return c.html(page(c, orderField(body), form.message), 400)
    return checkout(
      c,
      orderField(body),
      'CARD',
      form.captureMode,
      { kind: 'typed', options: form.options },
      form.secrets,
    )
  })

  // A card the buyer saved on an earlier order: named by the shop's number for it, paid with its token.
  app.post('/checkout/saved-card', async (c) => {
    const body = await c.req.parseBody()
    const id = Number(field(body, 'savedCard'))
    const card = Number.isSafeInteger(id) ? savedCards.find(buyerIdOf(c), id) : undefined
    if (card === undefined) return c.html(page(c, orderField(body), 'Choose one of your saved cards.'), 400)
    return checkout(c, orderField(body), 'CARD', captureModeOf(body), { kind: 'saved', card })
  })

  app.post('/checkout/wallet', async (c) =>
    checkout(c, orderField(await c.req.parseBody()), WALLET_METHOD, 'AUTOMATIC'),
  )

  // The gateway's Checkout Page: the buyer picks the method there, and comes back to the return URL.
  app.post('/checkout/page', async (c) => checkout(c, orderField(await c.req.parseBody()), undefined, 'AUTOMATIC'))

  app.get('/checkout/:id/return', async (c) => {
    const id = c.req.param('id')
    const returned = await engineCall(run, (engine) => engine.customerReturned(id))
    // Back from the gateway's page without paying (the buyer left the Checkout Page): the result page offers it again
    // while it is valid, rather than sending the buyer straight back.
    if (returned.ok) {
      const stillThere = customerPageUrl(returned.value) !== undefined
      return c.redirect(stillThere ? resultUrl(id) : nextStepUrl(returned.value), 303)
    }
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
