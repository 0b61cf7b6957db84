import type { Health, OrderStatus, PaymentStatus } from '@paychart/core'
import type { EventLogEntry } from '@paychart/core/store'
import { html } from 'hono/html'
import type { Order } from '../orders.js'
import { type Html, layout } from './layout.js'
import { moneyText } from './money.js'

export interface AttemptRow {
  readonly status: PaymentStatus
  /** The payment's latest event: what moved it last. */
  readonly lastEvent: EventLogEntry | undefined
}

export type OrderRow = {
  readonly order: Order
  readonly status: OrderStatus | undefined
  /** Its attempts, first first. */
  readonly attempts: ReadonlyArray<AttemptRow>
}

const time = (at: number) => new Date(at).toISOString().replace('T', ' ').slice(0, 19)

const attemptRow = ({ status, lastEvent }: AttemptRow): Html => {
  const id = status.paymentRequestId
  return html`<tr data-payment="${id}">
<td></td>
<td><a href="/payments/${encodeURIComponent(id)}"><code>${id}</code></a></td>
<td>${moneyText(status.amount)}</td>
<td><span class="state">${status.state}</span></td>
<td>${moneyText(status.captured)}</td>
<td>${moneyText(status.refunded)}</td>
<td>${lastEvent === undefined ? '' : html`<code>${lastEvent.event.type}</code> ${new Date(lastEvent.at).toISOString().slice(11, 19)}`}</td>
</tr>`
}

const orderRows = ({
  order,
  status,
  attempts,
}: OrderRow): Html => html`<tr class="order" data-order="${order.orderReference}">
<td colspan="7"><strong><code>${order.orderReference}</code></strong> · ${order.product} · ${time(order.createdAt)} UTC ·
<span class="order-state">${status?.state ?? 'unknown'}</span> · ${attempts.length} attempt${attempts.length === 1 ? '' : 's'}</td>
</tr>
${attempts.map(attemptRow)}`

const seconds = (ms: number) => `${Math.round(ms / 1000)} s`

/** What waits, from `paychart.health()`: what a payments team watches before anything else. */
const backlogView = (health: Health | undefined): Html => {
  if (health?.backlog === undefined) {
    return html`<p id="backlog" class="problem">The store did not answer: no backlog figures.</p>`
  }
  const { payments, unknownOutcomes, pendingCommands, overdueTimers } = health.backlog
  const byState = Object.entries(payments)
    .map(([state, count]) => `${state} ${count}`)
    .join(' · ')
  return html`<dl id="backlog">
<dt>Waiting for the gateway's word</dt><dd data-figure="unknownOutcomes">${unknownOutcomes.count}${
    health.oldestUnknownOutcomeAgeMs === undefined
      ? ''
      : `, the oldest for ${seconds(health.oldestUnknownOutcomeAgeMs)}`
  }</dd>
<dt>Work not done</dt><dd data-figure="pendingCommands">${pendingCommands.count}</dd>
<dt>Timers overdue</dt><dd data-figure="overdueTimers">${overdueTimers.count}</dd>
<dt>Relay</dt><dd data-figure="relay">${
    health.relay === undefined
      ? 'runs elsewhere'
      : `${health.relay.stale ? 'stale' : 'running'}, last pass ${seconds(health.relay.lastPassAgeMs)} ago`
  }</dd>
<dt>Payments by state</dt><dd data-figure="payments">${byState === '' ? 'none' : byState}</dd>
</dl>`
}

/**
 * The merchant's list: the backlog figures, then every order, newest first, with its state and each attempt's state,
 * amounts and latest event.
 */
export const paymentsPage = (rows: ReadonlyArray<OrderRow>, health?: Health): Html =>
  layout(
    'Payments',
    rows.length === 0
      ? html`${backlogView(health)}<p>No payments yet. <a href="/">Buy a mug</a>.</p>`
      : html`${backlogView(health)}<table id="payments">
<thead><tr><th>order</th><th>payment</th><th>amount</th><th>state</th><th>captured</th><th>refunded</th><th>last event (UTC)</th></tr></thead>
<tbody>${rows.map(orderRows)}</tbody>
</table>`,
  )
