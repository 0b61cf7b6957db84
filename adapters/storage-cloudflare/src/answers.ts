import { PaymentExists, PaymentNotFound, VersionConflict } from '@paychart/core/store'

/**
 * A refusal as plain data: what crosses RPC (structured clone keeps an `Error`'s message, not its class or fields).
 * The store turns it back into the core's tagged error.
 */
export type Refusal =
  | {
      readonly _tag: 'VersionConflict'
      readonly paymentRequestId: string
      readonly expectedVersion: number
      readonly actualVersion: number
    }
  | { readonly _tag: 'PaymentExists'; readonly paymentRequestId: string }
  | { readonly _tag: 'PaymentNotFound'; readonly paymentRequestId: string }

export type CreateRefusal = Extract<Refusal, { readonly _tag: 'PaymentExists' }>
export type CommitRefusal = Extract<Refusal, { readonly _tag: 'VersionConflict' | 'PaymentNotFound' }>

/** What a payment object answers to an operation that may be refused. */
export type Answer<T, R extends Refusal = Refusal> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly refusal: R }

export const accepted = <T>(value: T): Answer<T, never> => ({ ok: true, value })

export const refused = <R extends Refusal>(refusal: R): Answer<never, R> => ({ ok: false, refusal })

/** The core's tagged error for a refusal of kind `R`. */
export type RefusalError<R extends Refusal> = R extends { readonly _tag: 'VersionConflict' }
  ? VersionConflict
  : R extends { readonly _tag: 'PaymentExists' }
    ? PaymentExists
    : PaymentNotFound

const errorOf = (refusal: Refusal): VersionConflict | PaymentExists | PaymentNotFound => {
  switch (refusal._tag) {
    case 'VersionConflict':
      return new VersionConflict(refusal)
    case 'PaymentExists':
      return new PaymentExists(refusal)
    case 'PaymentNotFound':
      return new PaymentNotFound(refusal)
  }
}

export const refusalError = <R extends Refusal>(refusal: R): RefusalError<R> => errorOf(refusal) as RefusalError<R>
