import type { PaymentStatus } from '@paychart/core'
import type { EventLogEntry } from '@paychart/core/store'
import { html } from 'hono/html'
import type { Order } from '../orders.js'
import { type Html, layout } from './layout.js'
import { moneyText } from './money.js'

export type OrderRow = {
  readonly order: Order
  readonly status: PaymentStatus | undefined
  /** The payment's latest event: what moved it last. */
  readonly lastEvent: EventLogEntry | undefined
}

const row = ({ order, status, lastEvent }: OrderRow): Html => {
  const id = order.paymentRequestId
  return html`<tr data-payment="${id}">
<td><a href="/payments/${encodeURIComponent(id)}"><code>${id}</code></a></td>
<td>${new Date(order.createdAt).toISOString().replace('T', ' ').slice(0, 19)}</td>
<td>${order.product}</td>
<td>${status === undefined ? '' : moneyText(status.amount)}</td>
<td><span class="state">${status?.state ?? 'unknown'}</span></td>
<td>${status === undefined ? '' : moneyText(status.captured)}</td>
<td>${status === undefined ? '' : moneyText(status.refunded)}</td>
<td>${lastEvent === undefined ? '' : html`<code>${lastEvent.event.type}</code> ${new Date(lastEvent.at).toISOString().slice(11, 19)}`}</td>
</tr>`
}

/** The merchant's list: every order, newest first, with its payment's state, amounts and latest event. */
export const paymentsPage = (rows: ReadonlyArray<OrderRow>): Html =>
  layout(
    'Payments',
    rows.length === 0
      ? html`<p>No payments yet. <a href="/">Buy a mug</a>.</p>`
      : html`<table id="payments">
<thead><tr><th>payment</th><th>created (UTC)</th><th>product</th><th>amount</th><th>state</th><th>captured</th><th>refunded</th><th>last event (UTC)</th></tr></thead>
<tbody>${rows.map(row)}</tbody>
</table>`,
  )
