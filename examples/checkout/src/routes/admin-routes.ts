import { checkHealth, type Engine, type Money, type PaymentStatus } from '@paychart/core'
import { parseMajor } from '@paychart/core/money'
import type { EngineRunner } from '@paychart/hono'
import { Effect, Exit, Result } from 'effect'
import { type Context, Hono, type MiddlewareHandler } from 'hono'
import type { OrderBook } from '../orders.js'
import { paymentPage } from '../pages/payment-page.js'
import { type OrderRow, paymentsPage } from '../pages/payments-page.js'
import { problemPage } from '../pages/problem-page.js'
import { engineCall } from './engine-call.js'

export interface AdminRoutesOptions {
  readonly run: EngineRunner
  readonly orders: OrderBook
  /** The merchant's authentication, before every page and action here. */
  readonly auth: MiddlewareHandler
}

const DONE: Readonly<Record<string, string>> = {
  capture: 'Capture sent.',
  cancel: 'Cancellation sent.',
  refund: 'Refund sent.',
}

const paymentUrl = (id: string, done: string) => `/payments/${encodeURIComponent(id)}?done=${done}`

type Form = Record<string, unknown>
/** An engine program for the intent, or why the form was refused before it. */
type Intent = ((engine: Engine['Service']) => Effect.Effect<PaymentStatus, unknown>) | string

const amountOf = (form: Form, status: PaymentStatus): Money | string => {
  const parsed = parseMajor(typeof form.amount === 'string' ? form.amount.trim() : '', status.amount.currency, 'amount')
  return Result.isSuccess(parsed) ? parsed.success : `Enter an amount in ${status.amount.currency}, such as 5.00.`
}

/**
 * What the merchant sees and does: the list of payments, one payment with its timeline and diagram, and the capture,
 * cancel and refund actions. An action the machine refuses comes back on the payment's page with the reason.
 */
export const adminRoutes = ({ run, orders, auth }: AdminRoutesOptions): Hono => {
  const app = new Hono()
  app.use('/payments', auth)
  app.use('/payments/*', auth)

  const show = async (
    c: Context,
    id: string,
    extra: { readonly notice?: string; readonly problem?: string } = {},
    code: 200 | 400 | 404 | 409 | 500 | 503 = 200,
  ) => {
    const read = await engineCall(run, (engine) =>
      Effect.all({ status: engine.status(id), timeline: engine.timeline(id) }),
    )
    if (!read.ok) return c.html(problemPage('No such payment', read.message), read.status)
    const page = paymentPage({
      ...read.value,
      ...(extra.notice === undefined ? {} : { notice: extra.notice }),
      ...(extra.problem === undefined ? {} : { problem: extra.problem }),
    })
    return c.html(page, code)
  }

  /**
   * Runs an admin intent built from the payment and the form (or refused before the engine, with the reason): done,
   * back to the payment (303); refused by the machine, the payment's page with the reason (409).
   */
  const act = async (
    c: Context,
    name: 'capture' | 'cancel' | 'refund',
    build: (status: PaymentStatus, form: Form) => Intent,
  ) => {
    const id = c.req.param('id') ?? ''
    const form = await c.req.parseBody()
    const read = await engineCall(run, (engine) => engine.status(id))
    if (!read.ok) return c.html(problemPage('No such payment', read.message), read.status)
    const intent = build(read.value, form)
    if (typeof intent === 'string') return show(c, id, { problem: intent }, 400)
    const done = await engineCall(run, intent)
    if (done.ok) return c.redirect(paymentUrl(id, name), 303)
    return show(c, id, { problem: done.message }, done.status)
  }

  app.get('/payments', async (c) => {
    const rows = await Promise.all(
      orders.list().map(async (order): Promise<OrderRow> => {
        const read = await engineCall(run, (engine) =>
          Effect.gen(function* () {
            const status = yield* engine.order(order.orderReference)
            const attempts = yield* Effect.forEach(status.attempts, (attempt) =>
              Effect.map(engine.timeline(attempt.paymentRequestId), (timeline) => ({
                status: attempt,
                lastEvent: timeline.at(-1),
              })),
            )
            return { status, attempts }
          }),
        )
        return read.ok ? { order, ...read.value } : { order, status: undefined, attempts: [] }
      }),
    )
    const health = await run(checkHealth())
    return c.html(paymentsPage(rows, Exit.isSuccess(health) ? health.value : undefined))
  })

  app.get('/payments/:id', (c) => {
    const done = DONE[c.req.query('done') ?? '']
    return show(c, c.req.param('id'), done === undefined ? {} : { notice: done })
  })

  app.post('/payments/:id/capture', (c) =>
    act(c, 'capture', (status, form) => {
      const amount = amountOf(form, status)
      return typeof amount === 'string' ? amount : (engine) => engine.capture(status.paymentRequestId, { amount })
    }),
  )

  app.post('/payments/:id/cancel', (c) =>
    act(c, 'cancel', (status) => (engine) => engine.cancel(status.paymentRequestId)),
  )

  app.post('/payments/:id/refund', (c) =>
    act(c, 'refund', (status, form) => {
      const amount = amountOf(form, status)
      if (typeof amount === 'string') return amount
      // The form carries the refund's request id, so sending the same form twice is one refund, not two.
      const given = typeof form.refundRequestId === 'string' ? form.refundRequestId : ''
      const options = /^[\w-]{1,64}$/.test(given) ? { amount, refundRequestId: given } : { amount }
      return (engine) => engine.refund(status.paymentRequestId, options)
    }),
  )

  return app
}
