import type { Money } from '@paychart/core'
import { html } from 'hono/html'
import { type Html, layout } from './layout.js'
import { moneyText } from './money.js'

export interface OtpPageOptions {
  readonly paymentRequestId: string
  readonly amount: Money
  /** The id this attempt is verified under: a resubmitted form reuses it, so the gateway sees one attempt. */
  readonly verifyRequestId: string
  /** The gateway's answer to the last code, when it was refused (VERIFY_UNMATCHED). */
  readonly lastError?: string
  /** Shown when the gateway is the local simulator, which sends no SMS. */
  readonly simulatorCode?: string
}

const MESSAGES: Readonly<Record<string, string>> = {
  VERIFY_UNMATCHED: 'That code is not right. Check the SMS and try again.',
  EXPIRED_CODE: 'That code has expired.',
  VERIFY_TIMES_EXCEED_LIMIT: 'Too many wrong codes.',
}

/** The one-time code form: the gateway sent the buyer a code by SMS. */
export const otpPage = ({
  paymentRequestId,
  amount,
  verifyRequestId,
  lastError,
  simulatorCode,
}: OtpPageOptions): Html =>
  layout(
    'Enter the code we sent you',
    html`<p>To pay <strong>${moneyText(amount)}</strong>, enter the one-time code sent to your phone.</p>
${lastError === undefined ? '' : html`<p class="alert" role="alert">${MESSAGES[lastError] ?? `The code was refused (${lastError}).`}</p>`}
<form method="post" action="/checkout/${encodeURIComponent(paymentRequestId)}/otp">
<input type="hidden" name="verifyRequestId" value="${verifyRequestId}">
<label for="otp">One-time code</label>
<input type="text" id="otp" name="otp" inputmode="numeric" autocomplete="one-time-code" required>
<button type="submit">Confirm</button>
</form>
${simulatorCode === undefined ? '' : html`<p><small>The simulator sends no SMS: its code is <code>${simulatorCode}</code>.</small></p>`}`,
  )
