import {
  decodeNotification,
  gatewayTimeOf,
  notificationEvent,
  notificationKeyOfBody,
  type Verifier,
} from '@paychart/antom'
import { Engine, EngineObserver, type NotificationOutcome } from '@paychart/core'
import * as Effect from 'effect/Effect'
import * as Exit from 'effect/Exit'
import * as Option from 'effect/Option'
import { Hono } from 'hono/tiny'
import { ACK_BODY, answerResponse, antomAnswer } from './answers.js'
import { committedKeys } from './committed-keys.js'
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
  /**
   * How many keys of notifications committed through this route to remember, so that a redelivery is acknowledged
   * from its raw body without decoding it or reaching the store. Default 10,000; 0 remembers none.
   */
  readonly rememberedKeys?: number
  readonly paths?: {
    /** Default `/antom/notify/payment`. */
    readonly notifyPayment?: string
    /** Default `/antom/notify/capture`. */
    readonly notifyCapture?: string
    /** Default `/antom/notify/refund`. */
    readonly notifyRefund?: string
  }
}

/** How many committed notification keys a webhook route remembers by default. */
export const DEFAULT_REMEMBERED_KEYS = 10_000

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
  rememberedKeys = DEFAULT_REMEMBERED_KEYS,
  paths = {},
}: WebhookRoutesOptions): Hono<RawBodyEnv> => {
  const app = new Hono<RawBodyEnv>()
  const guard = [
    bodyLimit({ maxBytes: maxBodyBytes }),
    antomSignature({ publicKey: antomPublicKey, clientId, toleranceMs, now }),
  ] as const

  const decoded = (body: string) =>
    decodeNotification(body).pipe(
      Effect.map((notification) => ({
        ...notificationEvent(notification, now()),
        notifyType: notification.notifyType,
        actedAt: gatewayTimeOf(notification),
      })),
      Effect.mapError((error) => error.path ?? '(body)'),
    )

  /** How late this first notification told what the gateway did, when it says when it acted. */
  const recordLag = (notifyType: string, actedAt: number | undefined) =>
    actedAt === undefined
      ? Effect.void
      : Effect.flatMap(Effect.service(EngineObserver), (observer) =>
          observer.notificationLag(notifyType, Math.max(0, now() - actedAt)),
        )

  const committed = committedKeys(rememberedKeys)

  /**
   * A redelivery of a notification committed through this route is acknowledged from the key in its raw body, before
   * it is decoded and without the engine. Anything else is decoded and handled in one engine run; the commit is
   * compare-and-set on the key, which is what keeps a redelivery this route does not remember, or two deliveries at
   * once, from applying twice.
   */
  const receive = async (body: string): Promise<Response> => {
    const key = notificationKeyOfBody(body)
    if (key !== undefined && committed.has(key)) return ack()
    const read = Effect.runSyncExit(decoded(body))
    if (Exit.isFailure(read)) {
      return answerResponse(answers.malformed(Option.getOrElse(Exit.findErrorOption(read), () => '(body)')))
    }
    const { event, notificationKey, notifyType, actedAt } = read.value
    const handled = Engine.use((engine) => engine.handleNotification(event, { notificationKey, body })).pipe(
      Effect.tap((outcome) => (outcome === 'applied' ? recordLag(notifyType, actedAt) : Effect.void)),
    )
    const exit = await run(handled).catch((): Exit.Exit<NotificationOutcome, unknown> => Exit.die('runner rejected'))
    if (Exit.isFailure(exit)) return answerResponse(answers.failed)
    if (exit.value === 'unmatched') return answerResponse(answers.unmatched)
    if (exit.value === 'deferred') return answerResponse(answers.deferred)
    committed.add(notificationKey)
    return ack()
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
