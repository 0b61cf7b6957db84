import { DEFAULT_CAPTURE_WINDOW_MS } from '@paychart/core/machine'
import { HOUR, MINUTE } from './clock.js'
import { counterIds, type IdGenerator } from './ids.js'
import { RETRY_SCHEDULE_MS } from './notification-schedule.js'
import { type CardVault, cardVault } from './vault.js'

export interface OtpOptions {
  /** The code `verifyAndCompletePayment` accepts; default "123456". */
  readonly code?: string
  /** Wrong codes allowed: the n-th wrong one answers VERIFY_TIMES_EXCEED_LIMIT and fails the payment; default 3. */
  readonly maxAttempts?: number
  /** How long the code is valid after `pay`; later verifications answer EXPIRED_CODE; default 5 minutes. */
  readonly windowMs?: number
}

export interface SimulatorOptions {
  /** Epoch milliseconds; default `Date.now`. */
  readonly now?: () => number
  /** The gateway's ids; default `counterIds()` (SIMPAY000001, ...). */
  readonly ids?: IdGenerator
  /** Where the simulator's customer pages live: normalUrl is `${baseUrl}/sim/<page>/<id>`. */
  readonly baseUrl?: string
  readonly otp?: OtpOptions
  /** Default expiry of a pending payment; default 14 minutes (the spec). */
  readonly paymentExpiryMs?: number
  /** Default expiry of a pending bank transfer; default 48 hours (the spec). */
  readonly bankTransferExpiryMs?: number
  /** Expiry of a Checkout Page session; default 1 hour (the spec). */
  readonly sessionExpiryMs?: number
  /** How far ahead a request's paymentExpiryTime may be (bank transfer: bankTransferExpiryMs); default 10 minutes. */
  readonly maxRequestedExpiryMs?: number
  /** A manual capture is accepted this long after authorization; default 7 days. */
  readonly captureWindowMs?: number
  /** Delay between authorization and automatic capture (its CAPTURE_RESULT); default 0, the same instant. */
  readonly autoCaptureDelayMs?: number
  /** Where notifications go when the request names no paymentNotifyUrl / refundNotifyUrl. */
  readonly defaultNotifyUrl?: string
  /** Delays before each delivery attempt of a notification; default the spec's 0, 2 m, 10 m, 10 m, 1 h, 2 h, 6 h, 15 h. */
  readonly retryScheduleMs?: ReadonlyArray<number>
  /** The merchant this gateway serves: the owner of the card tokens it issues; default SIMMERCHANT. */
  readonly merchantId?: string
  /** Where card tokens are kept; default one vault of its own. Share one to try a merchant's tokens on another. */
  readonly vault?: CardVault
}

export interface SimConfig {
  readonly now: () => number
  readonly ids: IdGenerator
  readonly baseUrl: string
  readonly otpCode: string
  readonly otpMaxAttempts: number
  readonly otpWindowMs: number
  readonly paymentExpiryMs: number
  readonly bankTransferExpiryMs: number
  readonly sessionExpiryMs: number
  readonly maxRequestedExpiryMs: number
  readonly captureWindowMs: number
  readonly autoCaptureDelayMs: number
  readonly defaultNotifyUrl: string | undefined
  readonly retryScheduleMs: ReadonlyArray<number>
  readonly merchantId: string
  readonly vault: CardVault
}

export const resolveOptions = (options: SimulatorOptions = {}): SimConfig => ({
  now: options.now ?? Date.now,
  ids: options.ids ?? counterIds(),
  baseUrl: (options.baseUrl ?? 'http://localhost:4010').replace(/\/+$/, ''),
  otpCode: options.otp?.code ?? '123456',
  otpMaxAttempts: options.otp?.maxAttempts ?? 3,
  otpWindowMs: options.otp?.windowMs ?? 5 * MINUTE,
  paymentExpiryMs: options.paymentExpiryMs ?? 14 * MINUTE,
  bankTransferExpiryMs: options.bankTransferExpiryMs ?? 48 * HOUR,
  sessionExpiryMs: options.sessionExpiryMs ?? HOUR,
  maxRequestedExpiryMs: options.maxRequestedExpiryMs ?? 10 * MINUTE,
  captureWindowMs: options.captureWindowMs ?? DEFAULT_CAPTURE_WINDOW_MS,
  autoCaptureDelayMs: options.autoCaptureDelayMs ?? 0,
  defaultNotifyUrl: options.defaultNotifyUrl,
  retryScheduleMs: options.retryScheduleMs ?? RETRY_SCHEDULE_MS,
  merchantId: options.merchantId ?? 'SIMMERCHANT',
  vault: options.vault ?? cardVault(),
})
