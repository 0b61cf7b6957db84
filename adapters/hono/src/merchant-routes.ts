import type { MiddlewareHandler } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { Hono } from 'hono/tiny'
import { parseJsonObject } from './checkout-body.js'
import { engineAnswer, invalidResponse } from './engine-answer.js'
import { parseCapture, parseRefund } from './merchant-body.js'
import { bodyLimit, type RawBodyEnv } from './middleware.js'
import type { EngineRunner } from './run.js'

export interface MerchantRoutesOptions {
  readonly run: EngineRunner
  /**
   * Required: who may capture, cancel and refund. Your authentication middleware (`bearerAuth` from
   * `hono/bearer-auth`, `basicAuth`, `jwt`, your session check) runs before every route here; without one these
   * routes refuse to be built.
   */
  readonly auth: MiddlewareHandler
  /** Default `/merchant/payments`: GET `/:id`, GET `/:id/events`, POST `/:id/capture`, `/:id/cancel`, `/:id/refunds`. */
  readonly basePath?: string
  /** Default 16 KiB per request body. */
  readonly maxBodyBytes?: number
}

const JSON_TYPE = /^application\/json\b/i

/**
 * The merchant's side of a payment, apart from the buyer's checkout routes: its status and event log, capture,
 * cancel and refund. Every route runs `auth` first. Actions take JSON only (415 otherwise): a page on another site
 * can post a form with the merchant's cookies, but not JSON without a CORS preflight, so no action can be forged
 * from another origin. Errors are the checkout routes' JSON errors (400 naming the field, 404, 409, 503).
 */
export const merchantRoutes = ({
  run,
  auth,
  basePath = '/merchant/payments',
  maxBodyBytes = 16 * 1024,
}: MerchantRoutesOptions): Hono<RawBodyEnv> => {
  if (typeof auth !== 'function') {
    throw new TypeError('merchantRoutes: auth is required, capture, cancel and refund belong to the merchant')
  }
  const app = new Hono<RawBodyEnv>()
  const answer = engineAnswer(run)
  const limit = bodyLimit({
    maxBytes: maxBodyBytes,
    onTooLarge: (c) => c.json({ error: { tag: 'BodyTooLarge', message: `body over ${maxBodyBytes} bytes` } }, 413),
  })
  const jsonOnly: MiddlewareHandler = async (c, next) => {
    if (!JSON_TYPE.test(c.req.header('content-type') ?? '')) {
      return c.json({ error: { tag: 'UnsupportedMediaType', message: 'send application/json' } }, 415)
    }
    await next()
  }
  app.use(basePath, auth)
  app.use(`${basePath}/*`, auth)
  app.on('POST', `${basePath}/*`, jsonOnly, limit)

  app.get(`${basePath}/:paymentRequestId`, (c) =>
    answer(
      c,
      (engine) => engine.status(c.req.param('paymentRequestId')),
      (status) => c.json(status, 200),
    ),
  )

  app.get(`${basePath}/:paymentRequestId/events`, (c) =>
    answer(
      c,
      (engine) => engine.timeline(c.req.param('paymentRequestId')),
      (events) => c.json(events, 200),
    ),
  )

  app.post(`${basePath}/:paymentRequestId/capture`, (c) => {
    const json = parseJsonObject(c.get('rawBody'))
    if ('error' in json) return invalidResponse(c, json.error)
    const request = parseCapture(json.ok)
    if ('error' in request) return invalidResponse(c, request.error)
    return answer(
      c,
      (engine) => engine.capture(c.req.param('paymentRequestId'), request.ok),
      (status) => c.json(status, 200),
    )
  })

  app.post(`${basePath}/:paymentRequestId/cancel`, (c) =>
    answer(
      c,
      (engine) => engine.cancel(c.req.param('paymentRequestId')),
      (status) => c.json(status, 200),
    ),
  )

  app.post(`${basePath}/:paymentRequestId/refunds`, (c) => {
    const json = parseJsonObject(c.get('rawBody'))
    if ('error' in json) return invalidResponse(c, json.error)
    const request = parseRefund(json.ok)
    if ('error' in request) return invalidResponse(c, request.error)
    return answer(
      c,
      (engine) => engine.refund(c.req.param('paymentRequestId'), request.ok),
      (refunded) => c.json(refunded, 201),
    )
  })

  // The auth middleware refuses by throwing Hono's HTTPException (401 with its challenge): that answer stands.
  app.onError((error, c) =>
    error instanceof HTTPException
      ? error.getResponse()
      : c.json({ error: { tag: 'InternalError', message: 'the request could not be completed' } }, 500),
  )
  return app
}
