import { ID_MAX_LENGTHS, type InvalidIdentifier, identifierProblem } from '../ids/ids.js'

const SEPARATOR = '-attempt-'
/** Room left for the attempt number in a paymentRequestId (up to 99 attempts). */
const NUMBER_ROOM = 2

/** The longest order reference whose attempts' paymentRequestIds stay within the gateway's 64 characters. */
export const ORDER_REFERENCE_MAX_LENGTH = ID_MAX_LENGTHS.paymentRequestId - SEPARATOR.length - NUMBER_ROOM

/**
 * The paymentRequestId of an order's `attempt`-th attempt (from 1). It is a function of the order and the number: two
 * processes starting the same attempt at once create the same payment, and the store lets only one of them.
 */
export const attemptRequestId = (orderReference: string, attempt: number): string =>
  `${orderReference}${SEPARATOR}${attempt}`

export const orderReferenceProblem = (orderReference: string): InvalidIdentifier | undefined =>
  identifierProblem(orderReference, 'orderReference', ORDER_REFERENCE_MAX_LENGTH)
