import type { Command } from '../machine/commands.js'
import { savedPaymentMethodId } from '../machine/input-rules.js'
import type { PaymentSecrets } from './gateway.js'

/**
 * Card metadata and OTP codes, in memory only, keyed by payment and the request id of the command that needs them
 * (the paymentRequestId for `pay`, the verifyRequestId for `verifyAndCompletePayment`). Lost in a crash, by design.
 * Held until used, or at the latest until `until` (epoch ms): the engine passes the payment's expiry, past which no
 * command may use them, so that secrets whose command was never written (the store failed) do not stay for good.
 */
export interface SecretVault {
  readonly put: (paymentRequestId: string, requestId: string, secrets: PaymentSecrets, until?: number) => void
  readonly get: (paymentRequestId: string, requestId: string) => PaymentSecrets | undefined
  readonly delete: (paymentRequestId: string, requestId: string) => void
  /** Forgets everything held for a payment. */
  readonly clear: (paymentRequestId: string) => void
  /** Forgets everything held past its `until`; the engine calls it with its clock's time before each use. */
  readonly forgetExpired?: (now: number) => void
  readonly size: () => number
}

const keyOf = (paymentRequestId: string, requestId: string) => `${paymentRequestId}\u0000${requestId}`

interface Held {
  readonly secrets: PaymentSecrets
  readonly until: number
}

export const makeSecretVault = (): SecretVault => {
  const entries = new Map<string, Held>()
  const prefixOf = (paymentRequestId: string) => keyOf(paymentRequestId, '')
  return {
    put: (paymentRequestId, requestId, secrets, until = Number.POSITIVE_INFINITY) =>
      void entries.set(keyOf(paymentRequestId, requestId), { secrets, until }),
    get: (paymentRequestId, requestId) => entries.get(keyOf(paymentRequestId, requestId))?.secrets,
    delete: (paymentRequestId, requestId) => void entries.delete(keyOf(paymentRequestId, requestId)),
    clear: (paymentRequestId) => {
      for (const key of [...entries.keys()]) if (key.startsWith(prefixOf(paymentRequestId))) entries.delete(key)
    },
    forgetExpired: (now) => {
      for (const [key, held] of entries) if (held.until <= now) entries.delete(key)
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
