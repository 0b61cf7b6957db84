import type { PaymentState } from '@paychart/core'
import type { EventLogEntry } from '@paychart/core/store'

/** One move of the payment, read from its event log: `event` took it from `from` to `to` at log `version`. */
export interface PathStep {
  readonly version: number
  readonly event: string
  readonly from: PaymentState
  readonly to: PaymentState
}

/** The path a payment took: where it started, and every event that moved it (events that left it in place are not moves). */
export interface PaymentPath {
  readonly start: PaymentState
  readonly steps: ReadonlyArray<PathStep>
}

/** The path from the payment's own event log; an empty log is a payment still in `current`. */
export const pathOf = (timeline: ReadonlyArray<EventLogEntry>, current: PaymentState): PaymentPath => ({
  start: timeline[0]?.from ?? current,
  steps: timeline
    .filter((entry) => entry.from !== entry.to)
    .map((entry) => ({ version: entry.version, event: entry.event.type, from: entry.from, to: entry.to })),
})

/** The statechart to draw: its Mermaid source and which of its transitions this payment took. */
export interface Statechart {
  readonly source: string
  /**
   * The transitions taken, by their position among the source's `-->` lines (0 for the first), which is the order
   * Mermaid numbers the edges it draws (`data-id="edge<n>"`).
   */
  readonly taken: ReadonlyArray<number>
  /** The nodes drawn as visited (the current one excluded), and the current one. */
  readonly visited: ReadonlyArray<string>
  readonly current: string
}

const EDGE = /^(\s*)(\S+) --> (\S+)(?: : (.+))?$/
const NESTED = /^\s*state "([^"]+)" as (\S+)$/
const STYLING = /^\s*(classDef|class|style) /

/**
 * Where a payment's state is drawn: its node (`pending_awaitingOtp` for a nested state, the state's own name for a
 * top-level one), then the box it is drawn inside (`pending`), whose arrows it also follows.
 */
const placesOf = (mermaid: string): ((state: PaymentState) => ReadonlyArray<string>) => {
  const nested = new Map<string, string>()
  for (const line of mermaid.split('\n')) {
    const match = NESTED.exec(line)
    if (match?.[1] !== undefined && match[2] !== undefined) nested.set(match[1], match[2])
  }
  return (state) => {
    const id = nested.get(state)
    return id === undefined ? [state] : [id, id.split('_')[0] ?? id]
  }
}

interface DrawnEdge {
  readonly indent: string
  readonly from: string
  readonly to: string
  /** Each event once, in the order the machine lists them; the guards are left to the text version. */
  readonly events: string[]
  /** Per event, the log versions of the steps that took this edge on it. */
  readonly steps: Map<string, number[]>
}

type Line = string | DrawnEdge

/**
 * What an arrow says: the events the payment took it on, each after the log versions that did (`#2 PAY_ANSWERED`,
 * the timeline's `#` column, so the picture and the table read together); on an arrow out of the current state,
 * every event it may take next. Other arrows say nothing.
 */
const labelOf = (edge: DrawnEdge, leaving: boolean): string =>
  edge.events
    .flatMap((event) => {
      const versions = edge.steps.get(event) ?? []
      if (versions.length > 0) return [`${versions.map((v) => `#${v}`).join(' ')} ${event}`]
      return leaving ? [event] : []
    })
    .join(', ')

const CLASS_DEFS = [
  '  classDef visited fill:#dbeafe,stroke:#1d4ed8,stroke-width:2px,color:#1e3a8a',
  '  classDef current fill:#fde68a,stroke:#b45309,stroke-width:4px,color:#78350f,font-weight:bold',
]

/**
 * The source to draw for one payment, from the machine's `toMermaid` source and the payment's path.
 *
 * - The machine has one arrow per guarded transition, several between the same two states, each labelled with its
 *   event and guard: drawn like that the picture is some 11,000 pixels wide. Here arrows between the same two states
 *   are one, and only the arrows this payment took and those out of its current state are labelled (see `labelOf`);
 *   even all events on all arrows make it 4,500 pixels wide. The full source, guards included, stays in the page's
 *   text version.
 * - An arrow of the `pending` box holds in each state inside it. When the payment took one, or it leaves the state
 *   the payment is in, it is drawn (again) from that state: the path then runs through the states the payment was
 *   really in, and the ways out of the current state start from it. Mermaid could not draw some of them anyway: an
 *   arrow from a box to a state inside it (`pending --> pending_awaitingCustomer`) comes out as a zero-length path
 *   with its label on the state. The box's own arrows stay, unlabelled.
 * - The states the payment passed through get the `visited` class, the one it is in `current`: `classDef` and
 *   `class` lines at the end. Only state nodes get them, not the `pending` box, which a fill would flood.
 * - Mermaid's stateDiagram has no `linkStyle` (that is flowcharts only) and no class for a transition, so the source
 *   marks a taken transition only by its label. `taken` lists those arrows for the page's script, which adds the
 *   `taken` class to them once drawn. The start arrow of each box the payment entered counts as taken.
 *
 * A move whose transition is not drawn (a log older than the machine, say) is left unmarked; its states are still
 * marked visited.
 */
export const statechartSource = (mermaid: string, path: PaymentPath, current: PaymentState): Statechart => {
  const places = placesOf(mermaid)
  const node = (state: PaymentState) => places(state)[0] ?? state
  const lines: Line[] = []
  const edges = new Map<string, DrawnEdge>()
  /** The arrow between two states; a new one goes after `after`, or at the end. */
  const arrow = (indent: string, from: string, to: string, after?: DrawnEdge): DrawnEdge => {
    const known = edges.get(`${from} ${to}`)
    if (known !== undefined) return known
    const edge: DrawnEdge = { indent, from, to, events: [], steps: new Map() }
    edges.set(`${from} ${to}`, edge)
    lines.splice(after === undefined ? lines.length : lines.indexOf(after) + 1, 0, edge)
    return edge
  }
  const addEvent = (edge: DrawnEdge, event: string) => {
    if (!edge.events.includes(event)) edge.events.push(event)
  }
  /** Where to draw `edge` for a payment in `state`: from the state itself when `edge` is the arrow of its box. */
  const drawnFrom = (edge: DrawnEdge, state: string): DrawnEdge =>
    state.startsWith(`${edge.from}_`) ? arrow(edge.indent, state, edge.to, edge) : edge

  for (const line of mermaid.trimEnd().split('\n')) {
    if (STYLING.test(line)) continue
    const match = EDGE.exec(line)
    if (match?.[2] === undefined || match[3] === undefined) lines.push(line)
    else {
      const [, indent = '', from, to, text] = match
      const edge = arrow(indent, from, to)
      const event = text?.split(' [')[0]
      if (event !== undefined) addEvent(edge, event)
    }
  }

  const taken = new Set<DrawnEdge>()
  for (const step of path.steps) {
    // The innermost state's transition wins: the nested state's own arrow, else its box's.
    const targets = places(step.to)
    const found = places(step.from)
      .map((from) =>
        [...edges.values()].find((e) => e.from === from && targets.includes(e.to) && e.events.includes(step.event)),
      )
      .find((e) => e !== undefined)
    if (found === undefined) continue
    const edge = drawnFrom(found, node(step.from))
    addEvent(edge, step.event)
    edge.steps.set(step.event, [...(edge.steps.get(step.event) ?? []), step.version])
    taken.add(edge)
  }

  const currentNode = node(current)
  const leaving = new Set<DrawnEdge>()
  for (const edge of [...edges.values()]) {
    if (!places(current).includes(edge.from) || edge.to === currentNode) continue
    const out = drawnFrom(edge, currentNode)
    for (const event of edge.events) addEvent(out, event)
    leaving.add(out)
  }

  const drawn = lines.filter((line): line is DrawnEdge => typeof line !== 'string')
  const entered = new Set([path.start, ...path.steps.map((s) => s.to)].map(node))
  for (const edge of drawn) if (edge.from === '[*]' && entered.has(edge.to)) taken.add(edge)
  const visited = [...entered].filter((id) => id !== currentNode)

  const source = [
    ...lines.map((line) => {
      if (typeof line === 'string') return line
      const label = labelOf(line, leaving.has(line))
      return `${line.indent}${line.from} --> ${line.to}${label === '' ? '' : ` : ${label}`}`
    }),
    ...CLASS_DEFS,
    ...(visited.length === 0 ? [] : [`  class ${visited.join(',')} visited`]),
    `  class ${currentNode} current`,
  ]
  return {
    source: `${source.join('\n')}\n`,
    taken: drawn.flatMap((edge, index) => (taken.has(edge) ? [index] : [])),
    visited,
    current: currentNode,
  }
}
