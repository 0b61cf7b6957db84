import type { PaymentStatus, RefundResult } from '@paychart/core'
import type { Exit } from 'effect'
import type { Model, ModelPayment } from '../model.js'
import type { World } from '../world.js'
import { halfOf, recordOutcome, requestFor } from './intents.js'
import { expectOutcome, pickIn, statusNow } from './support.js'

type IntentExit = Exit.Exit<PaymentStatus | RefundResult, unknown>

/** A capture or a refund the merchant asks for, to be started once the world is armed for what it meets. */
export interface PastLeaseIntent {
  readonly payment: ModelPayment
  /** Starts the intent; resolves with its exit. */
  readonly ask: () => Promise<IntentExit>
  /** Checks the intent's outcome (`what` names it in a failure) and records it in the model. */
  readonly record: (what: string, exit: IntentExit) => void
}

/**
 * A capture of all an authorized payment allows, or a refund of half what a captured one allows, under a new request
 * id, aimed at a payment the call can reach the gateway for; undefined when none can take it.
 */
export const pastLeaseIntent = async (
  world: World,
  model: Model,
  target: number,
  kind: 'capture' | 'refund',
): Promise<PastLeaseIntent | undefined> => {
  const payment = await pickIn(world, model, target, kind === 'capture' ? ['authorized'] : ['captured'])
  if (payment === undefined) return undefined
  const before = await statusNow(world, payment.id)
  if (before === undefined) return undefined
  const minor = kind === 'capture' ? (before.authorized?.minor ?? before.amount.minor) : halfOf(before.refundable.minor)
  const request = requestFor(model, payment, kind, 'new', minor)
  const amount = { currency: before.amount.currency, minor }
  const id = request.requestId
  return {
    payment,
    ask: () =>
      world.run((engine) =>
        kind === 'capture'
          ? engine.capture(payment.id, { amount, ...(id === undefined ? {} : { captureRequestId: id }) })
          : engine.refund(payment.id, { amount, ...(id === undefined ? {} : { refundRequestId: id }) }),
      ),
    record: (what, exit) => {
      const outcome = expectOutcome(`${what} ${kind} ${payment.id}`, exit, ['ok', 'IntentRejected', 'RequestIdReused'])
      recordOutcome(model, payment, kind, request, false, exit, outcome)
    },
  }
}
