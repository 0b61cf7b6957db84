import type { Command, PaymentEvent } from '@paychart/core/machine'
import type { EventLogEntry } from '@paychart/core/store'
import { html } from 'hono/html'
import type { Html } from './layout.js'
import { moneyText } from './money.js'

const NOTIFICATIONS: ReadonlySet<PaymentEvent['type']> = new Set([
  'PAYMENT_NOTIFIED',
  'CAPTURE_NOTIFIED',
  'REFUND_NOTIFIED',
])

/** The kind of line: a merchant or buyer intent, the gateway's answer, a notification, or a timer. */
export const sourceOf = (event: PaymentEvent): 'intent' | 'answer' | 'notification' | 'timer' => {
  if (NOTIFICATIONS.has(event.type)) return 'notification'
  if (event.type === 'TIMER_FIRED') return 'timer'
  if (event.type.endsWith('_ANSWERED') || event.type === 'GATEWAY_UNANSWERED') return 'answer'
  return 'intent'
}

/** The few facts worth a glance: the result code, the amount, the request id, the timer. */
export const eventDetail = (event: PaymentEvent): string => {
  const parts: string[] = []
  if ('notifyType' in event) parts.push(event.notifyType)
  if ('result' in event) parts.push(`${event.result.resultStatus} ${event.result.resultCode}`)
  if ('amount' in event && event.amount !== undefined) parts.push(moneyText(event.amount))
  if ('timer' in event) parts.push(event.timer)
  if ('reason' in event) parts.push(event.reason)
  if ('nextAction' in event && event.nextAction !== undefined) parts.push(`next: ${event.nextAction.kind}`)
  return parts.join(' · ')
}

/** One command as a short line: a gateway call with its request id, a timer, or a domain event published. */
export const commandText = (command: Command): string => {
  switch (command.kind) {
    case 'scheduleTimer':
      return `scheduleTimer ${command.timer} at ${new Date(command.dueAt).toISOString()}`
    case 'cancelTimer':
      return `cancelTimer ${command.timer}`
    case 'publish':
      return `publish ${command.event.type}`
    default:
      return `${command.kind} ${command.idempotencyKey}`
  }
}

const time = (at: number) => new Date(at).toISOString().slice(11, 23)

const row = (entry: EventLogEntry): Html => {
  const source = sourceOf(entry.event)
  return html`<tr class="${source}" data-source="${source}">
<td>${entry.version}</td>
<td><time datetime="${new Date(entry.at).toISOString()}">${time(entry.at)}</time></td>
<td>${source}</td>
<td><code>${entry.event.type}</code><br><small>${eventDetail(entry.event)}</small></td>
<td>${entry.from === entry.to ? html`<span>${entry.to}</span>` : html`${entry.from} → <strong>${entry.to}</strong>`}</td>
<td>${entry.commands.length === 0 ? '' : html`<ul>${entry.commands.map((c) => html`<li><code>${commandText(c)}</code></li>`)}</ul>`}</td>
</tr>`
}

/** Every event the payment took, in order: what arrived, where it went, what the machine decided. */
export const timelineView = (entries: ReadonlyArray<EventLogEntry>): Html => html`<table id="timeline">
<thead><tr><th>#</th><th>time (UTC)</th><th>source</th><th>event</th><th>state</th><th>commands</th></tr></thead>
<tbody>
${entries.map(row)}
</tbody>
</table>`
