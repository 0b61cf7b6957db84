import type { Command } from '../machine/commands.js'
import { savedPaymentMethodId } from '../machine/input-rules.js'
import type { PaymentSecrets } from './gateway.js'

/**
 * Card metadata and OTP codes, in memory only, keyed by payment and the request id of the command that needs them
 * (the paymentRequestId for `pay`, the verifyRequestId for `verifyAndCompletePayment`). Lost in a crash, by design.
 */
export interface SecretVault {
  readonly put: (paymentRequestId: string, requestId: string, secrets: PaymentSecrets) => void
  readonly get: (paymentRequestId: string, requestId: string) => PaymentSecrets | undefined
  readonly delete: (paymentRequestId: string, requestId: string) => void
  /** Forgets everything held for a payment. */
  readonly clear: (paymentRequestId: string) => void
  readonly size: () => number
}

const keyOf = (paymentRequestId: string, requestId: string) => `${paymentRequestId}\u0000${requestId}`

export const makeSecretVault = (): SecretVault => {
  const entries = new Map<string, PaymentSecrets>()
  const prefixOf = (paymentRequestId: string) => keyOf(paymentRequestId, '')
  return {
    put: (paymentRequestId, requestId, secrets) => void entries.set(keyOf(paymentRequestId, requestId), secrets),
    get: (paymentRequestId, requestId) => entries.get(keyOf(paymentRequestId, requestId)),
    delete: (paymentRequestId, requestId) => void entries.delete(keyOf(paymentRequestId, requestId)),
    clear: (paymentRequestId) => {
      for (const key of [...entries.keys()]) if (key.startsWith(prefixOf(paymentRequestId))) entries.delete(key)
    },
    size: () => entries.size,
  }
}

/**
 * Whether the command cannot run without secrets: a card `pay` with card data (not a saved card) or a verification
 * (the OTP).
 */
export const needsSecrets = (command: Command): boolean =>
  (command.kind === 'pay' &&
    command.paymentMethodType === 'CARD' &&
    savedPaymentMethodId(command.requestDetails) === undefined) ||
  command.kind === 'verifyAndCompletePayment'

/** Whether this command would use secrets at all: the ones to stash before the commit. */
export const usesSecrets = (command: Command): boolean =>
  command.kind === 'pay' || command.kind === 'verifyAndCompletePayment'
