import type { paymentMachine } from './payment-machine.js'

type StateNode = (typeof paymentMachine)['root']
type Transition = StateNode['transitions'] extends Map<string, Array<infer T>> ? T : never

const localName = (node: { id: string }) => node.id.split('.').slice(1).join('_') || node.id

const guardLabel = (guard: unknown): string => {
  if (guard === undefined) return ''
  if (typeof guard === 'string') return guard
  if (typeof guard === 'object' && guard !== null && 'type' in guard) return String(guard.type)
  const composite = guard as { guards?: unknown[] }
  return (composite.guards ?? []).map(guardLabel).join(' & ')
}

const edgeLines = (node: StateNode, indent: string): string[] =>
  [...node.transitions.values()]
    .flat()
    .filter((t: Transition) => t.eventType !== '*' && t.target !== undefined)
    .flatMap((t: Transition) =>
      (t.target ?? []).map((target) => {
        const guard = guardLabel(t.guard)
        return `${indent}${localName(node)} --> ${localName(target)} : ${t.eventType}${guard === '' ? '' : ` [${guard}]`}`
      }),
    )

const nodeLines = (node: StateNode, indent: string): string[] => {
  const children = Object.values(node.states) as StateNode[]
  if (children.length === 0) return []
  const initial = node.initial?.target[0]
  return [
    ...(initial === undefined ? [] : [`${indent}[*] --> ${localName(initial)}`]),
    ...children.flatMap((child) =>
      Object.keys(child.states).length === 0
        ? node === node.machine.root
          ? []
          : [`${indent}state "${child.key}" as ${localName(child)}`]
        : [`${indent}state ${localName(child)} {`, ...nodeLines(child, `${indent}  `), `${indent}}`],
    ),
  ]
}

const allNodes = (node: StateNode): StateNode[] => [
  node,
  ...(Object.values(node.states) as StateNode[]).flatMap(allNodes),
]

/**
 * A Mermaid state diagram of a machine, drawn from its own definition: states, initial states, and every
 * transition with a target, labelled with its event and guard. `highlight` marks the given states.
 */
export const toMermaid = (machine: typeof paymentMachine, highlight: ReadonlyArray<string> = []): string => {
  const lines = [
    'stateDiagram-v2',
    ...nodeLines(machine.root, '  '),
    ...[...new Set(allNodes(machine.root).flatMap((node) => edgeLines(node, '  ')))],
  ]
  if (highlight.length > 0) {
    lines.push('  classDef current fill:#fde68a,stroke:#b45309,stroke-width:3px')
    for (const state of highlight) lines.push(`  class ${state} current`)
  }
  return `${lines.join('\n')}\n`
}
