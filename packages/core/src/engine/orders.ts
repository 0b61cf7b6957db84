import * as Effect from 'effect/Effect'
import type { PaymentInput } from '../machine/context.js'
import { restorePayment } from '../machine/persistence.js'
import { attemptRequestId, orderReferenceProblem } from '../order/attempt-ids.js'
import { OrderAttemptRefused } from '../order/errors.js'
import { type OrderStatus, orderStatusOf } from '../order/order-status.js'
import type { PaymentExists } from '../store/errors.js'
import type { PaymentStoreShape } from '../store/payment-store.js'
import type { AttemptInput, AttemptOptions, IntentError } from './engine-api.js'
import { PaymentInputInvalid } from './errors.js'
import type { PaymentSecrets } from './gateway.js'
import { type PaymentStatus, statusOf } from './status.js'

interface OrderDeps {
  readonly store: PaymentStoreShape
  readonly maxAttempts: number
  readonly createPayment: (
    input: PaymentInput,
    secrets?: PaymentSecrets,
  ) => Effect.Effect<PaymentStatus, PaymentInputInvalid | PaymentExists | IntentError>
  readonly cancel: (paymentRequestId: string) => Effect.Effect<PaymentStatus, IntentError>
  /** Cancels the payment if it is still a draft; leaves it as it is otherwise (see `DiscardDraft`). */
  readonly discardDraft: (paymentRequestId: string) => Effect.Effect<PaymentStatus, IntentError>
}

/** Asks the gateway for 3D Secure in the method's non-secret metadata (the card data travels apart, in secrets). */
const asking3ds = (input: AttemptInput): AttemptInput => {
  const details = input.requestDetails ?? {}
  const method = (details.paymentMethod ?? {}) as Record<string, unknown>
  const metaData = (method.paymentMethodMetaData ?? {}) as Record<string, unknown>
  return {
    ...input,
    requestDetails: {
      ...details,
      paymentMethod: { ...method, paymentMethodMetaData: { ...metaData, is3DSAuthentication: true } },
    },
  }
}

/** Why an order whose state has no next attempt (open, paid or exhausted) refuses one. */
const refusalOf = (status: OrderStatus): OrderAttemptRefused =>
  new OrderAttemptRefused({
    orderReference: status.orderReference,
    reason: status.state === 'open' ? 'attemptOpen' : status.state === 'paid' ? 'paid' : 'exhausted',
    paymentRequestId: status.current?.paymentRequestId ?? status.orderReference,
  })

/** The refusal of a start whose attempt another start took, from the order as that start left it. */
const takenByAnother = (after: OrderStatus, paymentRequestId: string): OrderAttemptRefused =>
  after.next === undefined
    ? refusalOf(after)
    : new OrderAttemptRefused({ orderReference: after.orderReference, reason: 'attemptOpen', paymentRequestId })

/**
 * Orders over the payment engine: an order is its attempts, each a payment whose paymentRequestId is a function of
 * the order and its number, found by loading them in turn.
 */
export const makeOrders = ({ store, maxAttempts, createPayment, cancel, discardDraft }: OrderDeps) => {
  const order = Effect.fn('Engine.order')(function* (orderReference: string) {
    const attempts: Array<PaymentStatus> = []
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      const stored = yield* store.load(attemptRequestId(orderReference, attempt))
      if (stored === undefined) break
      attempts.push(statusOf(stored))
    }
    return orderStatusOf(orderReference, attempts, maxAttempts)
  })

  /** Cancels an attempt; one that can no longer be cancelled (or is contended) is left as it is. */
  const cancelIfItCan = (paymentRequestId: string) =>
    cancel(paymentRequestId).pipe(
      Effect.catchTag('IntentRejected', () => Effect.void),
      Effect.catchTag('TooManyConflicts', () => Effect.void),
    )

  /** The open attempt is cancelled (the buyer chose another way to pay); answers the order as it is after. */
  const replacingOpen = Effect.fnUntraced(function* (status: OrderStatus) {
    const open = status.current
    if (status.state !== 'open' || open === undefined) return status
    yield* cancelIfItCan(open.paymentRequestId)
    return yield* order(status.orderReference)
  })

  /** Whether the attempt is a draft another start gave up for its own input (see `DiscardDraft`). */
  const replacedByAnother = Effect.fnUntraced(function* (paymentRequestId: string) {
    const stored = yield* store.load(paymentRequestId)
    return stored?.state === 'cancelled' && restorePayment(stored.snapshot).context.cancel.reason === 'draftReplaced'
  })

  /** Whether the order's next attempt is its open one, a draft never submitted (see `orderStatusOf`). */
  const draftIsNext = (status: OrderStatus): boolean =>
    status.next !== undefined &&
    status.current?.state === 'draft' &&
    status.current.paymentRequestId === status.next.paymentRequestId

  const start = Effect.fnUntraced(function* (
    orderReference: string,
    input: AttemptInput,
    secrets: PaymentSecrets | undefined,
    options: AttemptOptions,
    draftReplaced: boolean,
  ): Effect.fn.Return<PaymentStatus, PaymentInputInvalid | OrderAttemptRefused | IntentError> {
    const problem = orderReferenceProblem(orderReference)
    if (problem !== undefined) {
      return yield* new PaymentInputInvalid({
        paymentRequestId: orderReference,
        field: 'orderReference',
        reason: problem.message,
      })
    }
    const found = yield* order(orderReference)
    const status = options.replaceOpen === true ? yield* replacingOpen(found) : found
    if (status.next === undefined) return yield* refusalOf(status)
    const { attempt, paymentRequestId, requires3ds } = status.next
    const first = status.attempts[0]
    if (
      first !== undefined &&
      (first.amount.minor !== input.amount.minor || first.amount.currency !== input.amount.currency)
    ) {
      return yield* new PaymentInputInvalid({
        paymentRequestId,
        field: 'amount',
        reason: `must be the order's ${first.amount.minor} ${first.amount.currency}, as its first attempt was`,
      })
    }
    const given = requires3ds ? asking3ds(input) : input
    return yield* createPayment(
      {
        ...given,
        paymentRequestId,
        merchantReference: input.merchantReference ?? orderReference,
        order: { orderReference, attempt },
      },
      secrets,
    ).pipe(
      // Its own draft, given up before its submission was written by a start of another input that took the attempt:
      // answered as a start arriving a moment after that one (a merchant's cancel meanwhile stays IntentRejected).
      Effect.catchTag('IntentRejected', (refused) =>
        Effect.gen(function* () {
          if (!(yield* replacedByAnother(paymentRequestId))) return yield* refused
          return yield* takenByAnother(yield* order(orderReference), paymentRequestId)
        }),
      ),
      // Another process started this very attempt first: the order is open (or further on) now. Or the attempt is a
      // draft of another input whose submission was never written: never sent, it is cancelled and the next starts.
      Effect.catchTag('PaymentExists', () =>
        order(orderReference).pipe(
          Effect.flatMap((after) => {
            // Discarded only while still a draft: a submission another process writes meanwhile is not cancelled (its
            // pay may be on its way to the gateway); the next `start` then finds the attempt open.
            if (draftIsNext(after) && !draftReplaced) {
              return discardDraft(paymentRequestId).pipe(
                Effect.catchTag('TooManyConflicts', () => Effect.void),
                Effect.andThen(start(orderReference, input, secrets, options, true)),
              )
            }
            return Effect.fail(takenByAnother(after, paymentRequestId))
          }),
        ),
      ),
    )
  })

  const startAttempt = Effect.fn('Engine.startAttempt')(function* (
    orderReference: string,
    input: AttemptInput,
    secrets?: PaymentSecrets,
    options: AttemptOptions = {},
  ) {
    return yield* start(orderReference, input, secrets, options, false)
  })

  return { order, startAttempt }
}
