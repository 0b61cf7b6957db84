import { decodeNotification, notificationEvent, notificationKeyOfBody, type Verifier } from '@paychart/antom'
import { Engine, type NotificationOutcome } from '@paychart/core'
import * as Effect from 'effect/Effect'
import * as Exit from 'effect/Exit'
import * as Option from 'effect/Option'
import * as Result from 'effect/Result'
import { Hono } from 'hono/tiny'
import { ACK_BODY, answerResponse, antomAnswer } from './answers.js'
import {
  antomSignature,
  bodyLimit,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_TOLERANCE_MS,
  type RawBodyEnv,
} from './middleware.js'
import type { EngineRunner } from './run.js'

export interface WebhookRoutesOptions {
  readonly run: EngineRunner
  /** The gateway's public key, from `importPublicKey`. */
  readonly antomPublicKey: Verifier
  readonly clientId: string
  /** Default 64 KiB: a larger body is answered 413 before it is verified. */
  readonly maxBodyBytes?: number
  /** How far `request-time` may be from now, either way. Default 5 minutes. */
  readonly toleranceMs?: number
  /** Default `Date.now`: the signature window and the time the machine event carries. */
  readonly now?: () => number
  readonly paths?: {
    /** Default `/antom/notify/payment`. */
    readonly notifyPayment?: string
    /** Default `/antom/notify/capture`. */
    readonly notifyCapture?: string
    /** Default `/antom/notify/refund`. */
    readonly notifyRefund?: string
  }
}

export const DEFAULT_NOTIFY_PATHS = {
  notifyPayment: '/antom/notify/payment',
  notifyCapture: '/antom/notify/capture',
  notifyRefund: '/antom/notify/refund',
} as const

const ack = () => new Response(ACK_BODY, { status: 200, headers: { 'content-type': 'application/json' } })

const answers = {
  malformed: (field: string) => antomAnswer(400, 'PARAM_ILLEGAL', `malformed notification: ${field}`),
  unmatched: antomAnswer(404, 'ORDER_NOT_EXIST', 'no payment matches this notification; recorded for review'),
  failed: antomAnswer(500, 'PROCESS_FAIL', 'notification not recorded; deliver it again', 'U'),
  deferred: antomAnswer(409, 'PROCESS_FAIL', 'the payment cannot take this notification yet; deliver it again', 'U'),
}

/**
 * POST routes for notifyPayment, notifyCapture and notifyRefund (each accepts any notification type, since the
 * gateway sends captures to the payment notify URL too). The body is capped, the signature checked over the raw
 * body and `request-time` checked against the window before anything is decoded; the acknowledgement goes out
 * only once the engine has committed the event (or already had it), a non-success otherwise so the gateway retries.
 */
export const webhookRoutes = ({
  run,
  antomPublicKey,
  clientId,
  maxBodyBytes = DEFAULT_MAX_BODY_BYTES,
  toleranceMs = DEFAULT_TOLERANCE_MS,
  now = Date.now,
  paths = {},
}: WebhookRoutesOptions): Hono<RawBodyEnv> => {
  const app = new Hono<RawBodyEnv>()
  const guard = [
    bodyLimit({ maxBytes: maxBodyBytes }),
    antomSignature({ publicKey: antomPublicKey, clientId, toleranceMs, now }),
  ] as const

  type Received = { readonly outcome: NotificationOutcome } | { readonly malformed: string }

  const decoded = (body: string) =>
    decodeNotification(body).pipe(
      Effect.map((notification) => notificationEvent(notification, now())),
      Effect.mapError((error) => error.path ?? '(body)'),
    )

  type Decoded = Effect.Success<ReturnType<typeof decoded>>

  const apply = (engine: Engine['Service'], body: string, { event, notificationKey }: Decoded) =>
    Effect.map(engine.handleNotification(event, { notificationKey, body }), (outcome): Received => ({ outcome }))

  /**
   * A delivery whose raw body names its key: a redelivery of a committed notification is recognised by it before
   * the body is decoded or its payment loaded; anything else is decoded and handled (the handler checks the key
   * again after its load, which is what keeps two deliveries at once from both applying).
   */
  const byKey = (body: string, key: string): Effect.Effect<Received, unknown, Engine> =>
    Effect.gen(function* () {
      const engine = yield* Engine
      if (yield* engine.notificationCommitted(key)) return { outcome: 'duplicate' }
      const read = yield* Effect.result(decoded(body))
      if (Result.isFailure(read)) return { malformed: read.failure }
      return yield* apply(engine, body, read.success)
    })

  /** One engine run per delivery; a body without a key that does not decode is answered without the engine. */
  const receive = async (body: string): Promise<Response> => {
    const key = notificationKeyOfBody(body)
    let program: Effect.Effect<Received, unknown, Engine>
    if (key === undefined) {
      const read = Effect.runSyncExit(decoded(body))
      if (Exit.isFailure(read)) {
        return answerResponse(answers.malformed(Option.getOrElse(Exit.findErrorOption(read), () => '(body)')))
      }
      program = Engine.use((engine) => apply(engine, body, read.value))
    } else program = byKey(body, key)
    const exit = await run(program).catch((): Exit.Exit<Received, unknown> => Exit.die('runner rejected'))
    if (Exit.isFailure(exit)) return answerResponse(answers.failed)
    const received = exit.value
    if ('malformed' in received) return answerResponse(answers.malformed(received.malformed))
    if (received.outcome === 'unmatched') return answerResponse(answers.unmatched)
    return received.outcome === 'deferred' ? answerResponse(answers.deferred) : ack()
  }

  for (const path of [
    paths.notifyPayment ?? DEFAULT_NOTIFY_PATHS.notifyPayment,
    paths.notifyCapture ?? DEFAULT_NOTIFY_PATHS.notifyCapture,
    paths.notifyRefund ?? DEFAULT_NOTIFY_PATHS.notifyRefund,
  ]) {
    app.post(path, ...guard, (c) => receive(c.get('rawBody')))
  }
  app.onError(() => answerResponse(answers.failed))
  return app
}
