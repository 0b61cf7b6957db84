import type { PaymentStatus } from '@paychart/core'
import type { Context } from 'hono'
import { Hono } from 'hono/tiny'
import { parseAttempt, parseCreatePayment, parseJsonObject, parseOtp, RequestInvalid } from './checkout-body.js'
import { engineAnswer, invalidResponse } from './engine-answer.js'
import { bodyLimit, type RawBodyEnv } from './middleware.js'
import type { EngineRunner } from './run.js'
import { answerSdkEvent, isSdkEventCode, SDK_EVENT_CODES } from './sdk-events.js'

export interface CheckoutRoutesOptions {
  readonly run: EngineRunner
  /** Default `/payments`: POST it to create, GET `/:id` for the status, POST `/:id/otp`, GET `/:id/return`. */
  readonly basePath?: string
  /**
   * Default `/orders`: POST `/:orderReference/attempts` starts the order's next attempt (the body of a create
   * without `paymentRequestId`, and `replaceOpen?`), GET `/:orderReference` answers the order and its attempts.
   */
  readonly ordersPath?: string
  /** Default 16 KiB per request body. */
  readonly maxBodyBytes?: number
  /**
   * What the return URL answers once the engine has inquired: default the status as JSON. Give it to redirect the
   * customer to your own result page.
   */
  readonly onReturn?: (status: PaymentStatus, c: Context) => Response | Promise<Response>
}

/**
 * Checkout routes over the engine: create a payment (card data held in memory beside the pay call, never logged or
 * echoed), submit an OTP, the return URL after a redirect (inquires, then shows the result), and the status.
 * An order's attempts start at `ordersPath`. Errors are JSON `{ error: { tag, field?, message } }`: 400 invalid body or
 * PaymentInputInvalid, 404 PaymentNotFound, 409 PaymentExists, IntentRejected or OrderAttemptRefused, 503 when the
 * store is unavailable, 500 otherwise.
 */
export const checkoutRoutes = ({
  run,
  basePath = '/payments',
  ordersPath = '/orders',
  maxBodyBytes = 16 * 1024,
  onReturn = (status, c) => c.json(status, 200),
}: CheckoutRoutesOptions): Hono<RawBodyEnv> => {
  const app = new Hono<RawBodyEnv>()
  const limit = bodyLimit({
    maxBytes: maxBodyBytes,
    onTooLarge: (c) => c.json({ error: { tag: 'BodyTooLarge', message: `body over ${maxBodyBytes} bytes` } }, 413),
  })

  const answer = engineAnswer(run)

  app.post(basePath, limit, (c) => {
    const json = parseJsonObject(c.get('rawBody'))
    if ('error' in json) return invalidResponse(c, json.error)
    const request = parseCreatePayment(json.ok)
    if ('error' in request) return invalidResponse(c, request.error)
    const { input, secrets } = request.ok
    return answer(
      c,
      (engine) => engine.createPayment(input, secrets),
      (status) => c.json(status, 201),
    )
  })

  app.post(`${ordersPath}/:orderReference/attempts`, limit, (c) => {
    const json = parseJsonObject(c.get('rawBody'))
    if ('error' in json) return invalidResponse(c, json.error)
    const request = parseAttempt(json.ok)
    if ('error' in request) return invalidResponse(c, request.error)
    const { input, secrets, replaceOpen } = request.ok
    return answer(
      c,
      (engine) => engine.startAttempt(c.req.param('orderReference'), input, secrets, { replaceOpen }),
      (status) => c.json(status, 201),
    )
  })

  app.get(`${ordersPath}/:orderReference`, (c) =>
    answer(
      c,
      (engine) => engine.order(c.req.param('orderReference')),
      (order) => c.json(order, 200),
    ),
  )

  app.get(`${basePath}/:paymentRequestId`, (c) =>
    answer(
      c,
      (engine) => engine.status(c.req.param('paymentRequestId')),
      (status) => c.json(status, 200),
    ),
  )

  app.post(`${basePath}/:paymentRequestId/otp`, limit, (c) => {
    const json = parseJsonObject(c.get('rawBody'))
    if ('error' in json) return invalidResponse(c, json.error)
    const otp = parseOtp(json.ok)
    if ('error' in otp) return invalidResponse(c, otp.error)
    return answer(
      c,
      (engine) => engine.submitOtp(c.req.param('paymentRequestId'), otp.ok.verifyRequestId, otp.ok.otp),
      (status) => c.json(status, 200),
    )
  })

  app.post(`${basePath}/:paymentRequestId/sdk-events`, limit, (c) => {
    const json = parseJsonObject(c.get('rawBody'))
    if ('error' in json) return invalidResponse(c, json.error)
    const code = json.ok.code
    if (!isSdkEventCode(code)) {
      return invalidResponse(
        c,
        new RequestInvalid({ field: 'code', message: `must be one of ${SDK_EVENT_CODES.join(', ')}` }),
      )
    }
    return answer(
      c,
      (engine) => answerSdkEvent(engine, c.req.param('paymentRequestId'), code),
      (answered) => c.json(answered, 200),
    )
  })

  app.get(`${basePath}/:paymentRequestId/return`, (c) =>
    answer(
      c,
      (engine) => engine.customerReturned(c.req.param('paymentRequestId')),
      (status) => onReturn(status, c),
    ),
  )

  app.onError((_error, c) =>
    c.json({ error: { tag: 'InternalError', message: 'the request could not be completed' } }, 500),
  )
  return app
}
