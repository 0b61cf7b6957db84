import {
  answerSdkEvent,
  type EngineRunner,
  isSdkEventCode,
  reopenableSession,
  SDK_EVENT_CODES,
  type SdkEventAnswer,
} from '@paychart/hono'
import { type Context, Hono } from 'hono'
import { nextStepUrl, resultUrl } from '../buyer-urls.js'
import { checkoutSdkPage } from '../pages/checkout-sdk-page.js'
import { problemPage } from '../pages/problem-page.js'
import { engineCall } from './engine-call.js'

export interface CheckoutSdkRoutesOptions {
  readonly run: EngineRunner
  /** The SDK's environment: `sandbox` for a SANDBOX_ client id, `prod` otherwise. */
  readonly environment: 'sandbox' | 'prod'
  readonly now?: () => number
}

/** The page the shop mounts the SDK on for this payment. */
export const sdkPageUrl = (paymentRequestId: string): string => `/checkout/${encodeURIComponent(paymentRequestId)}/pay`

/** Where the buyer's page goes after an SDK event: the result, the same session again, or the order's next attempt. */
const nextOf = (answer: SdkEventAnswer): string => {
  const id = answer.payment.paymentRequestId
  if (answer.show === 'reopen') return sdkPageUrl(id)
  if (answer.show === 'result') return resultUrl(id)
  const order = answer.payment.order?.orderReference
  return order === undefined ? '/' : `/?order=${encodeURIComponent(order)}`
}

/**
 * The gateway's Checkout Page embedded with its web SDK (against the real gateway): the page that mounts it with the
 * session's data, and the route its script reports the SDK's events to. An event is the buyer's browser speaking:
 * `answerSdkEvent` asks the gateway (coalesced) before the payment moves, or answers whether the session may be
 * mounted again.
 */
export const checkoutSdkRoutes = ({ run, environment, now = Date.now }: CheckoutSdkRoutesOptions): Hono => {
  const app = new Hono()
  const failed = (c: Context, message: string, status: 400 | 404 | 409 | 500 | 503) =>
    c.html(problemPage('The payment could not go on', message), status)

  app.get('/checkout/:id/pay', async (c) => {
    const read = await engineCall(run, (engine) => engine.status(c.req.param('id')))
    if (!read.ok) return failed(c, read.message, read.status)
    const session = reopenableSession(read.value, now())
    if (session === undefined) return c.redirect(nextStepUrl(read.value), 303)
    const { paymentSessionData: sessionData } = session
    const page = { paymentRequestId: read.value.paymentRequestId, amount: read.value.amount, sessionData, environment }
    return c.html(checkoutSdkPage(page))
  })

  app.post('/checkout/:id/sdk-events', async (c) => {
    const body: unknown = await c.req.json().catch(() => undefined)
    const code = typeof body === 'object' && body !== null && 'code' in body ? body.code : undefined
    if (!isSdkEventCode(code)) {
      return c.json({ error: { field: 'code', message: `must be one of ${SDK_EVENT_CODES.join(', ')}` } }, 400)
    }
    const answered = await engineCall(run, (engine) => answerSdkEvent(engine, c.req.param('id'), code))
    if (!answered.ok) return c.json({ error: { tag: answered.tag, message: answered.message } }, answered.status)
    return c.json({ show: answered.value.show, next: nextOf(answered.value) })
  })

  return app
}
