import type { CheckoutChoice } from '../../simulator/customer.js'
import { type Model, type ModelPayment, pick } from '../model.js'
import type { World } from '../world.js'
import { BaseCommand } from './command.js'
import { expectOutcome, statusNow } from './support.js'

/** What the buyer does on the Checkout Page: pay by card, be declined, pay with a wallet, leave it pending, or leave. */
export type CheckoutPageChoice = 'card' | 'decline' | 'wallet' | 'pending' | 'leave'

const CHOICES: Readonly<Record<Exclude<CheckoutPageChoice, 'leave'>, CheckoutChoice>> = {
  card: { method: 'CARD', card: '4054695723100768' },
  decline: { method: 'CARD', card: '4054692760174822' },
  wallet: { method: 'ALIPAY_CN' },
  pending: { method: 'ALIPAY_CN', outcome: 'pending' },
}

/** Whether the merchant created a payment the buyer pays on the Checkout Page. */
export const hasSession = (model: Readonly<Model>): boolean => model.payments.some((p) => p.spec.kind === 'session')

/** The session payment `target` aims at, and its paymentSessionId once the gateway made the session. */
export const sessionAimedAt = async (
  world: World,
  model: Model,
  target: number,
): Promise<{ readonly payment: ModelPayment; readonly sessionId: string | undefined } | undefined> => {
  const payment = pick({ ...model, payments: model.payments.filter((p) => p.spec.kind === 'session') }, target)
  if (payment === undefined) return undefined
  return { payment, sessionId: (await statusNow(world, payment.id))?.paymentSessionId }
}

/**
 * Buyer: on the gateway's Checkout Page of a session, pays (a card, a declined card, a wallet), leaves it pending or
 * leaves without paying; then the merchant's page reports the SDK's event, which asks the gateway as a return does.
 */
export class PayOnCheckoutPageCommand extends BaseCommand {
  constructor(
    readonly target: number,
    readonly choice: CheckoutPageChoice,
    readonly reports: boolean,
  ) {
    super()
  }

  check(model: Readonly<Model>): boolean {
    return hasSession(model)
  }

  protected async act(model: Model, world: World): Promise<void> {
    const session = await sessionAimedAt(world, model, this.target)
    if (session === undefined) return
    const { payment, sessionId } = session
    if (sessionId !== undefined && this.choice !== 'leave') {
      const completed = world.simulator.completeCheckout(sessionId, CHOICES[this.choice])
      if (completed.ok && payment.buyer === 'none' && this.choice !== 'pending') {
        payment.buyer = this.choice === 'decline' ? 'failed' : 'passed'
      }
    }
    if (!this.reports) return
    const exit = await world.run((engine) => engine.customerReturned(payment.id))
    expectOutcome(`customerReturned ${payment.id}`, exit, ['ok', 'IntentRejected'])
  }

  toString(): string {
    return `payOnCheckoutPage(#${this.target} ${this.choice}${this.reports ? ' reports' : ''})`
  }
}
