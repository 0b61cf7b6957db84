import type { Effect, Redacted } from 'effect'
import * as Context from 'effect/Context'
import type { Command, GatewayCommand } from '../machine/commands.js'
import type { PaymentEvent } from '../machine/events.js'

/**
 * What must reach the gateway but never a store, a log or an event: the card's metadata for a pay command, the
 * code for a verification. Held in memory only, beside the command; lost in a crash, in which case the command is
 * not replayed and the payment is reconciled by inquiry instead.
 */
export interface PaymentSecrets {
  /** The card fields of `paymentMethod.paymentMethodMetaData` (cardNo, cvv, expiryMonth, expiryYear, cardholderName...). */
  readonly cardMetaData?: Redacted.Redacted<{ readonly [field: string]: unknown }>
  readonly otp?: Redacted.Redacted<string>
}

export type ExecutableCommand = Extract<Command, GatewayCommand>

/**
 * The gateway port. `execute` never fails: every outcome — an answer, a result code, no answer at all — comes back
 * as the machine event that reports it (`@paychart/antom`'s `answerEvent` / `failureEvent` do this for Antom).
 */
export class Gateway extends Context.Service<
  Gateway,
  {
    readonly execute: (command: ExecutableCommand, secrets: PaymentSecrets | undefined) => Effect.Effect<PaymentEvent>
  }
>()('@paychart/core/Gateway') {}
