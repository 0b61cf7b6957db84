import type { Money, PaymentStatus } from '@paychart/core'
import type { EventLogEntry } from '@paychart/core/store'
import { html } from 'hono/html'
import { adminActions } from './admin-actions.js'
import { cardView } from './card-view.js'
import { diagramView } from './diagram-view.js'
import { type Html, layout } from './layout.js'
import { moneyText } from './money.js'
import { timelineView } from './timeline-view.js'

export interface PaymentPageOptions {
  readonly status: PaymentStatus
  readonly timeline: ReadonlyArray<EventLogEntry>
  /** What the last admin action did, or why it was refused. */
  readonly notice?: string
  readonly problem?: string
}

const fact = (name: string, value: Html | string) => html`<tr><th>${name}</th><td>${value}</td></tr>`
const money = (value: Money | undefined) => (value === undefined ? '-' : moneyText(value))

const summary = (status: PaymentStatus): Html => html`<table id="summary">
${fact('state', html`<span class="state" id="state">${status.state}</span>`)}
${fact('amount', moneyText(status.amount))}
${fact('gateway payment id', status.paymentId ?? '-')}
${fact('authorized', money(status.authorized))}
${fact('captured', money(status.captured))}
${fact('refunded', money(status.refunded))}
${fact('refundable', money(status.refundable))}
${status.capture === undefined ? '' : fact('capture', `${money(status.capture.amount)} ${status.capture.status}`)}
${status.refunds.map((r) => fact(`refund ${r.refundRequestId}`, `${moneyText(r.amount)} ${r.status}${r.failure === undefined ? '' : ` ${r.failure.code}`}`))}
${status.failure === undefined ? '' : fact('failure', `${status.failure.code} (${status.failure.status}, ${status.failure.category}) from ${status.failure.source}`)}
${status.conflicts.map((c) => fact('conflict', `${c.kind} on ${c.event}: ${c.detail}`))}
</table>`

/** The merchant's view of one payment: its facts, the admin actions, its timeline and the machine's diagram. */
export const paymentPage = ({ status, timeline, notice, problem }: PaymentPageOptions): Html =>
  layout(
    `Payment ${status.paymentRequestId}`,
    html`${notice === undefined ? '' : html`<p class="notice" role="status">${notice}</p>`}
${problem === undefined ? '' : html`<p class="alert" role="alert">${problem}</p>`}
<div class="columns">
<section><h2>Status</h2>${summary(status)}${cardView(status.card)}</section>
<section><h2>Actions</h2>${adminActions(status)}</section>
</div>
<h2>Timeline</h2>
<p>Every event the payment took, with where it moved and the commands the machine decided. Notifications are shaded.</p>
${timelineView(timeline)}
<h2>The machine</h2>
${diagramView(status.state, timeline)}`,
  )
