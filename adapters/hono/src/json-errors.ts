import * as Cause from 'effect/Cause'
import * as Exit from 'effect/Exit'
import * as Option from 'effect/Option'

export interface ErrorBody {
  readonly error: { readonly tag: string; readonly field?: string; readonly message: string }
}

type Status = 400 | 404 | 409 | 500 | 503

const STATUS: Readonly<Record<string, Status>> = {
  RequestInvalid: 400,
  PaymentInputInvalid: 400,
  PaymentNotFound: 404,
  PaymentExists: 409,
  IntentRejected: 409,
  OrderAttemptRefused: 409,
  RequestIdReused: 409,
  TooManyConflicts: 503,
  StoreUnavailable: 503,
}

/**
 * The status and JSON body for a failed engine call: typed errors by their tag (the error's own message, which
 * never carries card data), anything else a bare 500 that says nothing of its cause.
 */
export const errorResponseOf = (exit: Exit.Exit<unknown, unknown>): { status: Status; body: ErrorBody } => {
  const error = Exit.isFailure(exit) ? Option.getOrUndefined(Cause.findErrorOption(exit.cause)) : undefined
  const tag =
    typeof error === 'object' && error !== null && '_tag' in error && typeof error._tag === 'string'
      ? error._tag
      : undefined
  const status = tag === undefined ? undefined : STATUS[tag]
  if (tag === undefined || status === undefined || !(error instanceof Error)) {
    return { status: 500, body: { error: { tag: 'InternalError', message: 'the request could not be completed' } } }
  }
  const field = 'field' in error && typeof error.field === 'string' ? { field: error.field } : {}
  return { status, body: { error: { tag, ...field, message: error.message } } }
}
