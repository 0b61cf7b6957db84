import { paymentMachine, toMermaid } from '@paychart/core/machine'
import { describe, expect, it } from 'vitest'
import { diagramIds, diagramView, edgesOf } from './diagram-view.js'

const mermaid = toMermaid(paymentMachine)
const render = async (state: Parameters<typeof diagramView>[0]) => String(await diagramView(state))

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
    expect(html).toContain('<mark>  pending_awaitingOtp --&gt; pending_verifyingOtp : OTP_SUBMITTED</mark>')
  })

  it('says a terminal state has no way out', async () => {
    const html = await render('failed')
    expect(html).toContain('is terminal')
    expect(html).not.toContain('<table id="transitions">')
    expect(html).not.toContain('<mark>')
  })
})
