import type { AnyStateNode } from 'xstate'
import { paymentMachine } from '../machine/payment-machine.js'
import { PAYMENT_STATES, type PaymentState } from '../machine/state.js'
import type { PaymentTag } from '../machine/tags.js'

/** Every state of the chart by its key, with the tags it carries (its own and its parents'). */
const tagsByState = (): ReadonlyMap<string, ReadonlySet<string>> => {
  const found = new Map<string, ReadonlySet<string>>()
  const visit = (node: AnyStateNode, inherited: ReadonlyArray<string>) => {
    const tags = [...inherited, ...node.tags]
    found.set(node.key, new Set(tags))
    for (const child of Object.values(node.states)) visit(child, tags)
  }
  for (const node of Object.values(paymentMachine.states)) visit(node, [])
  return found
}

const has = (tags: ReadonlySet<string> | undefined, tag: PaymentTag) => tags?.has(tag) === true

/**
 * The states in which paychart has asked the gateway and waits for its word: whether the buyer paid (`pending`), or
 * how a capture or a cancel went (`settling`), and not waiting for the buyer (`awaitingCustomer`). A payment long in
 * one of them is what a payments team looks at first.
 */
export const UNKNOWN_OUTCOME_STATES: ReadonlyArray<PaymentState> = (() => {
  const tags = tagsByState()
  return PAYMENT_STATES.filter((state) => {
    const own = tags.get(state)
    return state !== 'draft' && (has(own, 'pending') || has(own, 'settling')) && !has(own, 'awaitingCustomer')
  })
})()
