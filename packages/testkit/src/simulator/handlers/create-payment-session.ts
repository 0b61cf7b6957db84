import { isoTime } from '../clock.js'
import { simPageUrl } from '../paths.js'
import { readAmount, readId, readOptionalObject, readOptionalString, readString } from '../read.js'
import { result } from '../results.js'
import { savedCardsOf } from '../saved-cards.js'
import type { SessionRecord } from '../state.js'
import { isJsonObject } from '../types.js'
import { type Handler, idempotent } from './answer.js'
import {
  readCaptureMode,
  readSessionExpiry,
  replayPaymentRequest,
  requireObjects,
  requireProductCode,
} from './payment-request.js'

/** Opens a Checkout Page session (1 hour, or until its paymentSessionExpiryTime); the buyer pays it through `completeCheckout`. */
export const createPaymentSession: Handler = (ctx, body) => {
  const paymentRequestId = readId(body, 'paymentRequestId')
  const amount = readAmount(body, 'paymentAmount')
  requireProductCode(body)
  requireObjects(body, ['order'])
  const redirectUrl = readString(body, 'paymentRedirectUrl')
  const notifyUrl = readOptionalString(body, 'paymentNotifyUrl')
  const captureMode = readCaptureMode(body)
  const saved = Array.isArray(body.savedPaymentMethods) ? body.savedPaymentMethods : []
  const tokens = saved.flatMap((method) =>
    isJsonObject(method) && method.paymentMethodType === 'CARD' && typeof method.paymentMethodId === 'string'
      ? [method.paymentMethodId]
      : [],
  )
  const available = readOptionalObject(body, 'availablePaymentMethod')
  const tokenizeMode = readOptionalObject(available ?? {}, 'paymentMethodMetaData')?.tokenizeMode

  return idempotent(
    ctx,
    'payment',
    paymentRequestId,
    { endpoint: 'createPaymentSession', amount },
    () => {
      const session: SessionRecord = {
        paymentSessionId: ctx.config.ids('session'),
        paymentRequestId,
        amount,
        captureMode,
        createdAt: ctx.now,
        expiresAt: readSessionExpiry(ctx, body),
        redirectUrl,
        notifyUrl: notifyUrl ?? ctx.config.defaultNotifyUrl,
        savedCards: savedCardsOf(ctx, tokens),
        tokenizeMode: typeof tokenizeMode === 'string' ? tokenizeMode : undefined,
        status: 'open',
        paymentId: undefined,
      }
      ctx.state.sessions.set(session.paymentSessionId, session)
      ctx.state.sessionIdByRequestId.set(paymentRequestId, session.paymentSessionId)
      return {
        result: result('SUCCESS'),
        paymentSessionId: session.paymentSessionId,
        paymentSessionData: `SIMSESSIONDATA&&${session.paymentSessionId}&&${amount.currency}&&${amount.minor}`,
        paymentSessionExpiryTime: isoTime(session.expiresAt),
        normalUrl: simPageUrl(ctx.config.baseUrl, 'checkout', session.paymentSessionId),
      }
    },
    replayPaymentRequest(ctx, paymentRequestId),
  )
}
