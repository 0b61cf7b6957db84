import type { PaymentState } from '@paychart/core'
import { PAYMENT_STATES, paymentMachine, toMermaid } from '@paychart/core/machine'
import { html } from 'hono/html'
import type { Html } from './layout.js'

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

const stateItem = (state: PaymentState, current: PaymentState): Html =>
  state === current
    ? html`<li class="current" aria-current="step" data-state="${state}">${state}</li>`
    : html`<li data-state="${state}">${state}</li>`

/** Every state in the machine's order, the nested ones inside their parent's box, the current one marked. */
const stateList = (mermaid: string, current: PaymentState): Html => {
  const parents = parentsOf(mermaid)
  const items: Html[] = []
  const drawn = new Set<string>()
  for (const state of PAYMENT_STATES) {
    const parent = parents.get(state)
    if (parent === undefined) items.push(stateItem(state, current))
    else if (!drawn.has(parent)) {
      drawn.add(parent)
      const children = PAYMENT_STATES.filter((s) => parents.get(s) === parent)
      items.push(html`<li class="group" data-state="${parent}">${parent}
<ul class="states">${children.map((child) => stateItem(child, current))}</ul></li>`)
    }
  }
  return html`<ul class="states">${items}</ul>`
}

const mermaidLines = (mermaid: string, ids: ReadonlyArray<string>): Html[] =>
  mermaid
    .trimEnd()
    .split('\n')
    .map((line) => {
      const edge = EDGE.exec(line)
      const here = edge !== null && edge[1] !== undefined && ids.includes(edge[1])
      return here ? html`<mark>${line}</mark>\n` : html`${line}\n`
    })

/**
 * The machine's diagram with the payment's state marked, rendered on the server: every state (the current one
 * highlighted), the transitions that leave it, and the Mermaid source from `toMermaid` with the current state's
 * class and outgoing edges marked. Paste the source into any Mermaid renderer to draw it.
 */
export const diagramView = (state: PaymentState): Html => {
  const plain = toMermaid(paymentMachine)
  const ids = diagramIds(plain, state)
  const mermaid = toMermaid(paymentMachine, ids)
  const leaving = edgesOf(mermaid).filter((edge) => ids.includes(edge.from))
  return html`<section id="diagram">
${stateList(plain, state)}
<h3>Transitions from <code>${state}</code></h3>
${
  leaving.length === 0
    ? html`<p>None: <code>${state}</code> is terminal; it only records what arrives.</p>`
    : html`<table id="transitions"><thead><tr><th>from</th><th>on</th><th>to</th></tr></thead><tbody>
${leaving.map((e) => html`<tr><td>${shortName(e.from)}</td><td><code>${e.label}</code></td><td>${shortName(e.to)}</td></tr>`)}
</tbody></table>`
}
<details>
<summary>Mermaid source (current state marked)</summary>
<pre id="mermaid">${mermaidLines(mermaid, ids)}</pre>
</details>
</section>`
}
