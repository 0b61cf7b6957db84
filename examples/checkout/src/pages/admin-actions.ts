import type { PaymentStatus } from '@paychart/core'
import { formatMajor } from '@paychart/core/money'
import { html } from 'hono/html'
import type { Html } from './layout.js'

const CANCELLABLE = new Set(['authorized', 'awaitingCustomer', 'awaitingOtp', 'reconciling'])

const action = (status: PaymentStatus, name: 'capture' | 'cancel' | 'refund') =>
  `/payments/${encodeURIComponent(status.paymentRequestId)}/${name}`

/** The merchant's buttons, offered where the machine would take them (the engine still has the last word). */
export const adminActions = (status: PaymentStatus): Html => {
  const forms: Html[] = []
  if (status.state === 'authorized') {
    const authorized = status.authorized ?? status.amount
    forms.push(html`<form method="post" action="${action(status, 'capture')}">
<label for="capture-amount">Capture (${authorized.currency})</label>
<input type="text" id="capture-amount" name="amount" value="${formatMajor(authorized)}" style="width:6rem">
<button type="submit">Capture</button>
</form>`)
  }
  if (CANCELLABLE.has(status.state)) {
    forms.push(
      html`<form method="post" action="${action(status, 'cancel')}"><button type="submit">Cancel payment</button></form>`,
    )
  }
  if (status.state === 'captured' && status.refundable.minor > 0) {
    const refundRequestId = `${status.paymentRequestId}-refund-${status.refunds.length + 1}`
    forms.push(html`<form method="post" action="${action(status, 'refund')}">
<input type="hidden" name="refundRequestId" value="${refundRequestId}">
<label for="refund-amount">Refund (${status.refundable.currency}, up to ${formatMajor(status.refundable)})</label>
<input type="text" id="refund-amount" name="amount" value="${formatMajor(status.refundable)}" style="width:6rem">
<button type="submit">Refund</button>
</form>`)
  }
  return forms.length === 0
    ? html`<p>No action applies in <code>${status.state}</code>.</p>`
    : html`<div id="actions">${forms}</div>`
}
