import type { Money } from '@paychart/core'
import { html } from 'hono/html'
import { AMS_CHECKOUT_URL, CHECKOUT_SDK_URL } from '../assets.js'
import { type Html, layout } from './layout.js'
import { moneyText } from './money.js'

export interface CheckoutSdkPageOptions {
  readonly paymentRequestId: string
  readonly amount: Money
  /** The session's `paymentSessionData`, which the SDK is mounted with. */
  readonly sessionData: string
  /** The SDK's `environment`: `sandbox` for a SANDBOX_ client id, `prod` otherwise. */
  readonly environment: 'sandbox' | 'prod'
}

/**
 * The gateway's Checkout Page embedded in the shop's own page: the web SDK (`@alipay/ams-checkout`, served by this
 * shop) mounted with the session's data. Used against the real gateway; the simulator has no SDK to mount.
 */
export const checkoutSdkPage = ({ paymentRequestId, amount, sessionData, environment }: CheckoutSdkPageOptions): Html =>
  layout(
    'Pay',
    html`<p>Pay <strong>${moneyText(amount)}</strong> for order payment <code>${paymentRequestId}</code>.</p>
<p id="sdk-status" role="status">Loading the payment page...</p>
<button type="button" id="sdk-again" hidden>Open the payment page again</button>
<div class="checkout-container" id="ckp-embed-wrapper" data-payment="${paymentRequestId}" data-session="${sessionData}" data-environment="${environment}"></div>
<script src="${AMS_CHECKOUT_URL}"></script>
<script src="${CHECKOUT_SDK_URL}"></script>`,
  )
