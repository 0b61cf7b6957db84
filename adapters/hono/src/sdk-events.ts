import type { Engine, PaymentStatus } from '@paychart/core'
import * as Effect from 'effect/Effect'

/** What the Checkout Page SDK reports to the merchant's page (`onEventCallback`), as the spec lists them. */
export const SDK_EVENT_CODES = [
  'SDK_PAYMENT_SUCCESSFUL',
  'SDK_PAYMENT_FAIL',
  'SDK_PAYMENT_CANCEL',
  'SDK_PAYMENT_CLICK_BACK_TO_MERCHANT',
] as const

export type SdkEventCode = (typeof SDK_EVENT_CODES)[number]

export const isSdkEventCode = (value: unknown): value is SdkEventCode =>
  typeof value === 'string' && (SDK_EVENT_CODES as ReadonlyArray<string>).includes(value)

/**
 * What the merchant's page does next:
 * - `result`: show the payment's result page (the status after an inquiry, which may still be pending);
 * - `reopen`: mount the SDK again with the session's data, still valid;
 * - `newAttempt`: the session expired or closed: start the order's next attempt for a new session.
 */
export type SdkEventAnswer =
  | { readonly show: 'result'; readonly payment: PaymentStatus }
  | {
      readonly show: 'reopen'
      readonly payment: PaymentStatus
      readonly paymentSessionData: string
      readonly expiresAt?: number
    }
  | { readonly show: 'newAttempt'; readonly payment: PaymentStatus }

/** The session the page can be mounted with again: still awaited, its data known, not expired. */
export const reopenableSession = (payment: PaymentStatus, now: number) => {
  const action = payment.customerAction
  if (payment.state !== 'awaitingCustomer' || action?.kind !== 'checkoutPage') return undefined
  const { paymentSessionData, expiresAt } = action
  if (paymentSessionData === undefined || (expiresAt !== undefined && expiresAt <= now)) return undefined
  return { paymentSessionData, ...(expiresAt === undefined ? {} : { expiresAt }) }
}

/**
 * An SDK event is the buyer's browser speaking: it never moves the payment by itself. A reported outcome (successful,
 * failed, back to the merchant) asks the gateway, as a customer's return does (coalesced with one just before); a
 * cancel asks nothing and answers whether the page can be mounted again.
 */
export const answerSdkEvent = (engine: Engine['Service'], paymentRequestId: string, code: SdkEventCode) =>
  Effect.gen(function* () {
    if (code !== 'SDK_PAYMENT_CANCEL') {
      const payment = yield* engine
        .customerReturned(paymentRequestId)
        .pipe(Effect.catchTag('IntentRejected', () => engine.status(paymentRequestId)))
      return { show: 'result', payment } satisfies SdkEventAnswer
    }
    const payment = yield* engine.status(paymentRequestId)
    const now = yield* Effect.clockWith((clock) => clock.currentTimeMillis)
    const session = reopenableSession(payment, now)
    return session === undefined
      ? ({ show: 'newAttempt', payment } satisfies SdkEventAnswer)
      : ({ show: 'reopen', payment, ...session } satisfies SdkEventAnswer)
  })
