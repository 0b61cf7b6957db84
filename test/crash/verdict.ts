import type { PaymentStatus } from '@paychart/core'
import type { EventLogEntry, StoredPayment } from '@paychart/core/store'
import type { Simulator } from '@paychart/testkit'
import { AMOUNT, captureRequestId, isSettled, type PlannedPayment, REFUND, refundRequestId } from './plan.js'

/** The simulator's word for each local state a payment may settle in. */
const SIM_STATUS: Partial<Record<PaymentStatus['state'], string>> = {
  captured: 'captured',
  refunded: 'captured',
  cancelled: 'cancelled',
  failed: 'failed',
  expired: 'failed',
}

/** Where a payment the gateway never saw may end. */
const UNSEEN_ENDINGS: ReadonlySet<PaymentStatus['state']> = new Set(['expired', 'cancelled', 'failed'])

export interface Local {
  readonly stored: StoredPayment
  readonly status: PaymentStatus
  readonly timeline: ReadonlyArray<EventLogEntry>
}

/** Request ids the gateway saw for one kind of call, and how many of those calls it acted on (not replays). */
const callsOf = (simulator: Simulator, paymentRequestId: string, endpoint: string, id: (c: CallIds) => unknown) => {
  const calls = simulator.calls().filter((c) => c.paymentRequestId === paymentRequestId && c.endpoint === endpoint)
  return {
    requestIds: [...new Set(calls.map((c) => String(id(c.ids))))],
    acted: calls.filter((c) => c.acted && !c.replayed).length,
  }
}
type CallIds = ReturnType<Simulator['calls']>[number]['ids']

/**
 * What is wrong with one payment once the round is over, judged by the simulator's own records: the local state
 * agrees with the gateway's, every operation reached it under one request id only, nothing was captured twice.
 */
export const problemsOf = (payment: PlannedPayment, local: Local | undefined, simulator: Simulator) => {
  const id = payment.paymentRequestId
  const problems: string[] = []
  const remote = simulator.payment(id)
  if (local === undefined) return remote === undefined ? [] : [`${id}: the gateway has it, the store does not`]
  const { status } = local
  if (status.conflicts.length > 0) problems.push(`${id}: ${status.conflicts.length} conflicts`)
  if (remote === undefined) {
    // A card pay lost with its card data (killed after the commit, before the call) is never sent: it expires unseen.
    if (!UNSEEN_ENDINGS.has(status.state)) problems.push(`${id}: ${status.state} locally, unknown to the gateway`)
    if (callsOf(simulator, id, 'pay', (c) => c.paymentRequestId).acted > 0) problems.push(`${id}: a pay was acted on`)
    return problems
  }
  if (!isSettled(payment.plan, status)) problems.push(`${id}: not settled locally (${status.state})`)
  const expected = SIM_STATUS[status.state]
  if (remote.status !== expected) problems.push(`${id}: ${status.state} locally, ${remote.status} at the gateway`)
  if (status.paymentId !== remote.paymentId)
    problems.push(`${id}: paymentId ${status.paymentId} vs ${remote.paymentId}`)
  if (status.captured.minor !== remote.captured.minor) {
    problems.push(`${id}: captured ${status.captured.minor} locally, ${remote.captured.minor} at the gateway`)
  }
  if (status.refunded.minor !== remote.refunded.minor) {
    problems.push(`${id}: refunded ${status.refunded.minor} locally, ${remote.refunded.minor} at the gateway`)
  }
  if (remote.captured.minor > AMOUNT.minor) problems.push(`${id}: captured ${remote.captured.minor} of ${AMOUNT.minor}`)

  const pays = callsOf(simulator, id, 'pay', (c) => c.paymentRequestId)
  const captures = callsOf(simulator, id, 'capture', (c) => c.captureRequestId)
  const refunds = callsOf(simulator, id, 'refund', (c) => c.refundRequestId)
  const allowed = (ids: ReadonlyArray<string>, only: string) => ids.every((requestId) => requestId === only)
  // A repeated pay can be acted on without creating anything (ORDER_IS_CLOSED): the gateway's one payment record and
  // its paymentId above are the check that it was created once.
  if (!allowed(pays.requestIds, id)) problems.push(`${id}: pay ${JSON.stringify(pays)}`)
  if (!allowed(captures.requestIds, captureRequestId(id)) || captures.acted > 1) {
    problems.push(`${id}: capture ${JSON.stringify(captures)}`)
  }
  if (payment.plan === 'cardAuto' && captures.requestIds.length > 0) problems.push(`${id}: captured by hand too`)
  if (!allowed(refunds.requestIds, refundRequestId(id)) || refunds.acted > 1) {
    problems.push(`${id}: refund ${JSON.stringify(refunds)}`)
  }
  const refundsAllowed = payment.plan === 'cardRefund' ? 1 : 0
  if (remote.refunds.length > refundsAllowed || remote.refunded.minor > refundsAllowed * REFUND.minor) {
    problems.push(`${id}: ${remote.refunds.length} refunds, ${remote.refunded.minor} refunded`)
  }
  return problems
}
