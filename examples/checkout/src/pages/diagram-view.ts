import type { PaymentState } from '@paychart/core'
import { PAYMENT_STATES, paymentMachine, toMermaid } from '@paychart/core/machine'
import type { EventLogEntry } from '@paychart/core/store'
import { html } from 'hono/html'
import { MERMAID_URL, STATECHART_URL } from '../assets.js'
import type { Html } from './layout.js'
import { pathOf, type Statechart, statechartSource } from './statechart.js'

export interface Edge {
  readonly from: string
  readonly to: string
  readonly label: string
}

const EDGE = /^\s*(\S+) --> (\S+) : (.+)$/
const NESTED = /^\s*state "([^"]+)" as (\S+)$/

/** The diagram's node ids for a state: a nested state (`pending_awaitingOtp`) with its parent (`pending`). */
export const diagramIds = (mermaid: string, state: PaymentState): ReadonlyArray<string> => {
  for (const line of mermaid.split('\n')) {
    const nested = NESTED.exec(line)
    if (nested?.[1] === state && nested[2] !== undefined) return [nested[2].split('_')[0] ?? nested[2], nested[2]]
  }
  return [state]
}

/** The transitions drawn in the diagram (`from --> to : EVENT [guard]`). */
export const edgesOf = (mermaid: string): ReadonlyArray<Edge> =>
  mermaid.split('\n').flatMap((line) => {
    const edge = EDGE.exec(line)
    return edge?.[1] === undefined || edge[2] === undefined || edge[3] === undefined || edge[1] === '[*]'
      ? []
      : [{ from: edge[1], to: edge[2], label: edge[3] }]
  })

const shortName = (id: string) => id.split('_').at(-1) ?? id

/** The parent a state is drawn inside (`pending` for `awaitingOtp`), read from the Mermaid source. */
const parentsOf = (mermaid: string): ReadonlyMap<string, string> =>
  new Map(
    mermaid.split('\n').flatMap((line) => {
      const nested = NESTED.exec(line)
      const parent = nested?.[2]?.split('_')[0]
      return nested?.[1] === undefined || parent === undefined ? [] : [[nested[1], parent] as const]
    }),
  )

const stateItem = (state: PaymentState, current: PaymentState, visited: ReadonlySet<PaymentState>): Html =>
  state === current
    ? html`<li class="current" aria-current="step" data-state="${state}">${state}</li>`
    : visited.has(state)
      ? html`<li class="visited" data-state="${state}">${state}</li>`
      : html`<li data-state="${state}">${state}</li>`

/** Every state in the machine's order, the nested ones inside their parent's box, the current and visited ones marked. */
const stateList = (mermaid: string, current: PaymentState, visited: ReadonlySet<PaymentState>): Html => {
  const parents = parentsOf(mermaid)
  const items: Html[] = []
  const drawn = new Set<string>()
  for (const state of PAYMENT_STATES) {
    const parent = parents.get(state)
    if (parent === undefined) items.push(stateItem(state, current, visited))
    else if (!drawn.has(parent)) {
      drawn.add(parent)
      const children = PAYMENT_STATES.filter((s) => parents.get(s) === parent)
      items.push(html`<li class="group" data-state="${parent}">${parent}
<ul class="states">${children.map((child) => stateItem(child, current, visited))}</ul></li>`)
    }
  }
  return html`<ul class="states">${items}</ul>`
}

/** The picture's source, line by line, the arrows this payment took marked. */
const mermaidLines = (chart: Statechart): Html[] => {
  const taken = new Set(chart.taken)
  let arrow = -1
  return chart.source
    .trimEnd()
    .split('\n')
    .map((line) => {
      const isArrow = line.includes(' --> ')
      if (isArrow) arrow++
      return isArrow && taken.has(arrow) ? html`<mark>${line}</mark>\n` : html`${line}\n`
    })
}

/**
 * The machine's statechart with this payment's path on it. The picture is drawn in the browser by mermaid, which
 * the shop serves itself (`MERMAID_URL`), from the source in the `<details>` (`statechartSource`: the machine's
 * `toMermaid` source with the visited states, the current one and the transitions taken marked). Without
 * JavaScript, or if the picture cannot be drawn, the same is there as text: every state (the current one and the
 * visited ones marked), the transitions that leave the current state, and the source.
 */
export const diagramView = (state: PaymentState, timeline: ReadonlyArray<EventLogEntry> = []): Html => {
  const plain = toMermaid(paymentMachine)
  const ids = diagramIds(plain, state)
  const leaving = edgesOf(plain).filter((edge) => ids.includes(edge.from))
  const path = pathOf(timeline, state)
  const chart = statechartSource(plain, path, state)
  const visited = new Set<PaymentState>([path.start, ...path.steps.map((step) => step.to)])
  return html`<section id="diagram">
<figure id="statechart" data-library="${MERMAID_URL}" data-taken="${chart.taken.join(' ')}">
<div class="canvas"><noscript>The picture needs JavaScript; the states, the transitions and the source below say the same.</noscript></div>
<figcaption><span class="key current">current state</span> <span class="key visited">visited</span>
<span class="key taken">transition taken</span>, labelled with its <code>#</code> in the timeline.${
    leaving.length === 0
      ? ''
      : html` The labels on the arrows out of <code>${state}</code> are the events it may take next.`
  }</figcaption>
</figure>
${stateList(plain, state, visited)}
<h3>Transitions from <code>${state}</code></h3>
${
  leaving.length === 0
    ? html`<p>None: <code>${state}</code> is terminal; it only records what arrives.</p>`
    : html`<table id="transitions"><thead><tr><th>from</th><th>on</th><th>to</th></tr></thead><tbody>
${leaving.map((e) => html`<tr><td>${shortName(e.from)}</td><td><code>${e.label}</code></td><td>${shortName(e.to)}</td></tr>`)}
</tbody></table>`
}
<details>
<summary>Mermaid source of the picture (the transitions taken marked; with their guards, the machine is drawn in docs/payment-machine.md)</summary>
<pre id="statechart-source">${mermaidLines(chart)}</pre>
</details>
<script src="${STATECHART_URL}" defer></script>
</section>`
}
