import type { GatewayUnanswered } from '../machine/events.js'
import type { ExecutableCommand } from './gateway.js'

/**
 * What the relay feeds instead of running a command whose secrets were lost (a crash emptied the vault): the gateway
 * may or may not have seen it, so the machine reconciles by inquiry rather than sending it again without its data.
 */
export const secretsLost = (command: ExecutableCommand, at: number): GatewayUnanswered => ({
  type: 'GATEWAY_UNANSWERED',
  at,
  operation: command.kind,
  ...(command.kind === 'verifyAndCompletePayment' ? { requestId: command.verifyRequestId } : {}),
  reason: 'network',
})
