import { examineCard, issuerOf } from './cards.js'
import { isBankTransfer } from './methods.js'
import { createPayment, decline, fail, notifyPending, succeed } from './payments.js'
import { type ReadCard, readToken, vaultCard } from './saved-cards.js'
import type { Ctx, CustomerStep, PaymentRecord, SessionRecord } from './state.js'
import { paymentById } from './state.js'

/** What the customer does on a simulator page: pass (pay, authenticate), fail, or leave it pending. */
export type CustomerOutcome = 'pass' | 'fail'

export interface CompleteOptions {
  /** The result code of a failure; defaults per page (see each function). */
  readonly resultCode?: string
}

export type Completion =
  | { readonly ok: true; readonly payment: PaymentRecord; readonly redirectUrl: string | undefined }
  | { readonly ok: false; readonly reason: 'notFound' | 'notAwaiting' | 'expired' | 'closed' }

const awaiting = (ctx: Ctx, paymentId: string, step: CustomerStep): PaymentRecord | Completion => {
  const payment = paymentById(ctx.state, paymentId)
  if (payment === undefined) return { ok: false, reason: 'notFound' }
  if (payment.status !== 'pending' || payment.step !== step)
    return { ok: false, reason: payment.expired ? 'expired' : 'notAwaiting' }
  return payment
}

const done = (payment: PaymentRecord): Completion => ({ ok: true, payment, redirectUrl: payment.redirectUrl })

/** The 3DS challenge page: pass authorizes (and captures if AUTOMATIC), fail is USER_PAYMENT_VERIFICATION_FAILED. */
export const completeChallenge = (
  ctx: Ctx,
  paymentId: string,
  outcome: CustomerOutcome,
  options: CompleteOptions = {},
): Completion => {
  const payment = awaiting(ctx, paymentId, 'threeDs')
  if ('ok' in payment) return payment
  if (outcome === 'pass') succeed(ctx, payment)
  else fail(ctx, payment, options.resultCode ?? 'USER_PAYMENT_VERIFICATION_FAILED')
  return done(payment)
}

/**
 * The wallet's page: pass pays, fail is USER_BALANCE_NOT_ENOUGH by default, pending queues PAYMENT_PENDING and
 * leaves the payment in process (a later call settles it).
 */
export const completeWallet = (
  ctx: Ctx,
  paymentId: string,
  outcome: CustomerOutcome | 'pending',
  options: CompleteOptions = {},
): Completion => {
  const payment = awaiting(ctx, paymentId, 'wallet')
  if ('ok' in payment) return payment
  if (outcome === 'pass') succeed(ctx, payment)
  else if (outcome === 'fail') fail(ctx, payment, options.resultCode ?? 'USER_BALANCE_NOT_ENOUGH')
  else notifyPending(ctx, payment)
  return done(payment)
}

export interface CheckoutChoice {
  /** The method the buyer picks on the Checkout Page, e.g. CARD, GOOGLEPAY, PAYPAL, ALIPAY_CN. */
  readonly method: string
  /** For CARD: the card number typed in (only its brand and last four are kept); its test behaviour applies. */
  readonly card?: string
  /**
   * pass (default): paid, unless the card declines (its code; 3DS and OTP cards pass inside the page); fail: failed
   * with `resultCode` (default USER_PAYMENT_VERIFICATION_FAILED); pending: submitted but unpaid, settled later by
   * `completeWallet` or by expiry (14 minutes, 48 hours for bank transfer).
   */
  readonly outcome?: CustomerOutcome | 'pending'
  readonly resultCode?: string
  /** For CARD: one of the session's saved cards (its token) instead of a typed-in card. */
  readonly savedCard?: string
  /** For a typed-in card: the buyer ticks "Save this card" (shown when the session's tokenizeMode asks for consent). */
  readonly saveCard?: boolean
}

/** The card the buyer pays with on the Checkout Page: typed in (CVV asked, no address), or a listed saved card. */
const cardOfChoice = (ctx: Ctx, session: SessionRecord, choice: CheckoutChoice): ReadCard | undefined => {
  if (choice.method !== 'CARD') return undefined
  if (choice.savedCard !== undefined) {
    const listed = session.savedCards.some((card) => card.token === choice.savedCard)
    return readToken(ctx, listed ? choice.savedCard : '', false)
  }
  if (choice.card === undefined) return undefined
  return { ...examineCard(choice.card, { billingAddress: false, cvv: true }), issuer: issuerOf(choice.card) }
}

const vaults = (session: SessionRecord, choice: CheckoutChoice) =>
  session.tokenizeMode === 'ENABLED' || (session.tokenizeMode === 'ASKFORCONSENT' && choice.saveCard === true)

/** The buyer submits a payment on the Checkout Page of an open session. */
export const completeCheckout = (ctx: Ctx, paymentSessionId: string, choice: CheckoutChoice): Completion => {
  const session = ctx.state.sessions.get(paymentSessionId)
  if (session === undefined) return { ok: false, reason: 'notFound' }
  if (session.status === 'expired') return { ok: false, reason: 'expired' }
  if (session.status === 'cancelled') return { ok: false, reason: 'closed' }
  if (session.status !== 'open') return { ok: false, reason: 'notAwaiting' }
  const examined = cardOfChoice(ctx, session, choice)
  const expiryMs = isBankTransfer(choice.method) ? ctx.config.bankTransferExpiryMs : ctx.config.paymentExpiryMs
  const payment = createPayment(ctx, {
    paymentRequestId: session.paymentRequestId,
    amount: session.amount,
    paymentMethodType: choice.method,
    captureMode: session.captureMode,
    expiresAt: ctx.now + expiryMs,
    sessionId: session.paymentSessionId,
    ...(examined?.facts === undefined ? {} : { card: examined.facts }),
    ...(examined === undefined || !vaults(session, choice)
      ? {}
      : { cardToken: vaultCard(ctx, session.paymentRequestId, examined) }),
    ...(session.redirectUrl === undefined ? {} : { redirectUrl: session.redirectUrl }),
    ...(session.notifyUrl === undefined ? {} : { notifyUrl: session.notifyUrl }),
  })
  session.status = 'submitted'
  session.paymentId = payment.paymentId
  const outcome = choice.outcome ?? 'pass'
  if (outcome === 'pending') payment.step = 'wallet'
  else if (outcome === 'fail') fail(ctx, payment, choice.resultCode ?? 'USER_PAYMENT_VERIFICATION_FAILED')
  else if (examined?.behaviour.kind === 'decline') decline(ctx, payment, examined.behaviour.resultCode)
  else succeed(ctx, payment)
  return done(payment)
}
