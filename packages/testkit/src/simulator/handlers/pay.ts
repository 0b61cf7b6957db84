import { type CardBehaviour, examineCard, issuerOf } from '../cards.js'
import { methodKind, OTP_WALLET } from '../methods.js'
import { simPageUrl } from '../paths.js'
import { createPayment, decline, fail, succeed } from '../payments.js'
import {
  readAmount,
  readFlag,
  readId,
  readObject,
  readOptionalObject,
  readOptionalString,
  readString,
  reject,
} from '../read.js'
import { paymentAnswer } from '../responses.js'
import { paramIllegal } from '../results.js'
import { type ReadCard, readToken, vaultCard } from '../saved-cards.js'
import type { Ctx, PaymentRecord } from '../state.js'
import type { JsonObject, ResponseBody } from '../types.js'
import { type Handler, idempotent } from './answer.js'
import {
  readCaptureMode,
  readExpiry,
  replayPaymentRequest,
  requireObjects,
  requireProductCode,
} from './payment-request.js'

/**
 * What `pay` tells the client when it must collect an OTP: no URL, this form. As in Antom's API reference,
 * `paymentActionForm` is a string holding a JSON document.
 */
export const OTP_ACTION_FORM = { paymentActionFormType: 'OTP', otpLength: 6 } as const

const challenge = (ctx: Ctx, payment: PaymentRecord): ResponseBody => {
  payment.step = 'threeDs'
  return paymentAnswer(payment, { normalUrl: simPageUrl(ctx.config.baseUrl, '3ds', payment.paymentId) })
}

const askForOtp = (payment: PaymentRecord): ResponseBody => {
  payment.step = 'otp'
  return paymentAnswer(payment, { paymentActionForm: JSON.stringify(OTP_ACTION_FORM) })
}

const settle = (ctx: Ctx, payment: PaymentRecord, behaviour: CardBehaviour, wants3ds: boolean): ResponseBody => {
  switch (behaviour.kind) {
    case 'approve':
      if (wants3ds) return challenge(ctx, payment)
      succeed(ctx, payment)
      return paymentAnswer(payment)
    case 'decline':
      decline(ctx, payment, behaviour.resultCode)
      return paymentAnswer(payment)
    case 'challenge':
      return challenge(ctx, payment)
    case 'challengeRequired':
      if (wants3ds) return challenge(ctx, payment)
      fail(ctx, payment, 'AUTHENTICATION_REQUIRED')
      return paymentAnswer(payment)
    case 'otp':
      return askForOtp(payment)
  }
}

/** The card number is read here and never leaves this function: only its brand, BIN and last four are kept. */
const readCard = (ctx: Ctx, method: JsonObject, meta: JsonObject | undefined): ReadCard => {
  const cardNo = meta?.cardNo
  if (typeof cardNo === 'string' && cardNo !== '') {
    const checks = { billingAddress: meta?.billingAddress !== undefined, cvv: typeof meta?.cvv === 'string' }
    return { ...examineCard(cardNo, checks), issuer: issuerOf(cardNo) }
  }
  if (typeof method.paymentMethodId === 'string' && method.paymentMethodId !== '')
    return readToken(ctx, method.paymentMethodId, meta?.billingAddress !== undefined)
  return reject(paramIllegal('paymentMethod.paymentMethodMetaData.cardNo is required for CARD'))
}

export const pay: Handler = (ctx, body) => {
  const paymentRequestId = readId(body, 'paymentRequestId')
  const amount = readAmount(body, 'paymentAmount')
  requireProductCode(body)
  requireObjects(body, ['env', 'order', 'settlementStrategy'])
  const redirectUrl = readString(body, 'paymentRedirectUrl')
  const notifyUrl = readOptionalString(body, 'paymentNotifyUrl')
  const method = readObject(body, 'paymentMethod')
  const paymentMethodType = readString(method, 'paymentMethodType', 64)
  const meta = readOptionalObject(method, 'paymentMethodMetaData')
  const captureMode = readCaptureMode(body)
  const kind = methodKind(paymentMethodType)
  const card = kind === 'card' ? readCard(ctx, method, meta) : undefined
  const wants3ds = readFlag(meta, 'is3DSAuthentication')

  return idempotent(
    ctx,
    'payment',
    paymentRequestId,
    { endpoint: 'pay', amount },
    () => {
      // Read inside `act`: a repeated request is answered as the first one was, even after its paymentExpiryTime.
      const expiresAt = readExpiry(ctx, body, paymentMethodType)
      const payment = createPayment(ctx, {
        paymentRequestId,
        amount,
        paymentMethodType,
        captureMode,
        expiresAt,
        redirectUrl,
        ...(notifyUrl === undefined ? {} : { notifyUrl }),
        ...(card?.facts === undefined ? {} : { card: card.facts }),
        ...(card === undefined || meta?.tokenizeMode !== 'ENABLED'
          ? {}
          : { cardToken: vaultCard(ctx, paymentRequestId, card) }),
        otp: kind === 'otpWallet' || card?.behaviour.kind === 'otp',
      })
      if (card !== undefined) return settle(ctx, payment, card.behaviour, wants3ds)
      if (paymentMethodType === OTP_WALLET) return askForOtp(payment)
      payment.step = 'wallet'
      return paymentAnswer(payment, { normalUrl: simPageUrl(ctx.config.baseUrl, 'wallet', payment.paymentId) })
    },
    replayPaymentRequest(ctx, paymentRequestId),
  )
}
