import { type PaymentEvent, paymentMachine, toMermaid } from '@paychart/core/machine'
import type { EventLogEntry } from '@paychart/core/store'
import { describe, expect, it } from 'vitest'
import { MERMAID_URL, STATECHART_URL } from '../assets.js'
import { diagramIds, diagramView, edgesOf } from './diagram-view.js'

const mermaid = toMermaid(paymentMachine)
type Timeline = Parameters<typeof diagramView>[1]
const render = async (state: Parameters<typeof diagramView>[0], timeline?: Timeline) =>
  String(await diagramView(state, timeline))

const entry = (version: number, type: string, from: EventLogEntry['from'], to: EventLogEntry['to']): EventLogEntry => ({
  paymentRequestId: 'PAY-1',
  version,
  at: 1_700_000_000_000,
  event: { type } as PaymentEvent,
  from,
  to,
  commands: [],
})

describe('the diagram with the current state marked', () => {
  it('names a nested state with its parent, a top-level state alone', () => {
    expect(diagramIds(mermaid, 'awaitingOtp')).toEqual(['pending', 'pending_awaitingOtp'])
    expect(diagramIds(mermaid, 'authorized')).toEqual(['authorized'])
  })

  it('reads every drawn transition from the Mermaid source', () => {
    const edges = edgesOf(mermaid)
    expect(edges).toContainEqual({ from: 'pending_awaitingOtp', to: 'pending_verifyingOtp', label: 'OTP_SUBMITTED' })
    expect(edges.some((e) => e.from === '[*]')).toBe(false)
    expect(edges.length).toBe(mermaid.split('\n').filter((line) => / --> /.test(line) && !line.includes('[*]')).length)
  })

  it('marks exactly the current state and lists the transitions that leave it, its parent’s included', async () => {
    const html = await render('awaitingOtp')
    expect(html.match(/class="current"/g)).toHaveLength(1)
    expect(html).toContain('<li class="current" aria-current="step" data-state="awaitingOtp">awaitingOtp</li>')
    expect(html).toContain('<td>awaitingOtp</td><td><code>OTP_SUBMITTED</code></td><td>verifyingOtp</td>')
    expect(html).toContain('<td>pending</td><td><code>CANCEL</code></td><td>cancelling</td>')
    expect(html).not.toContain('<td>draft</td>')
    const group = /<li class="group" data-state="pending">[\s\S]*?<\/ul><\/li>/.exec(html)?.[0] ?? ''
    expect(group).toContain('data-state="awaitingOtp"')
    expect(group).not.toContain('data-state="authorized"')
    expect(html).toContain('class pending_awaitingOtp current')
    expect(html).toContain('  pending_awaitingOtp --&gt; pending_verifyingOtp : OTP_SUBMITTED\n')
  })

  it('draws the picture from the shop’s own scripts, the path taken marked in the list and the source', async () => {
    const html = await render('authorized', [
      entry(1, 'SUBMIT', 'draft', 'submitting'),
      entry(2, 'PAY_ANSWERED', 'submitting', 'awaitingCustomer'),
      entry(3, 'PAYMENT_NOTIFIED', 'awaitingCustomer', 'authorized'),
    ])
    expect(html).toMatch(/<figure id="statechart" data-library="([^"]+)" data-taken="\d+( \d+)*">/)
    expect(html).toContain(`data-library="${MERMAID_URL}"`)
    expect(MERMAID_URL).toMatch(/^\/assets\/mermaid-\d+\.\d+\.\d+\/mermaid\.esm\.min\.mjs$/)
    expect(html).toContain(`<script src="${STATECHART_URL}" defer></script>`)
    expect(html.match(/<script/g)).toHaveLength(1)
    expect(html).toContain('<li class="visited" data-state="awaitingCustomer">awaitingCustomer</li>')
    expect(html).toContain('<li class="current" aria-current="step" data-state="authorized">authorized</li>')
    expect(html).toContain('<mark>  draft --&gt; pending : #1 SUBMIT</mark>')
    expect(html).toContain('<mark>  pending_submitting --&gt; pending_awaitingCustomer : #2 PAY_ANSWERED</mark>')
    expect(html).toContain('<mark>  pending_awaitingCustomer --&gt; authorized : #3 PAYMENT_NOTIFIED</mark>')
    expect(html.match(/<mark>/g)).toHaveLength(5) // the three moves and the start arrows of the root and of pending
    expect(html).toContain('  authorized --&gt; capturing : CAPTURE\n')
  })

  it('says a terminal state has no way out', async () => {
    const html = await render('failed')
    expect(html).toContain('is terminal')
    expect(html).not.toContain('<table id="transitions">')
    expect(html).not.toContain('<mark>')
  })
})
