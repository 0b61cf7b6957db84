import { unansweredEvent } from '../machine/command-builders.js'
import type { GatewayUnanswered } from '../machine/events.js'
import type { ExecutableCommand } from './gateway.js'

/**
 * What the relay feeds instead of running a command whose secrets were lost (a crash emptied the vault): the gateway
 * may or may not have seen it, so the machine reconciles by inquiry rather than sending it again without its data.
 */
export const secretsLost = (command: ExecutableCommand, at: number): GatewayUnanswered =>
  unansweredEvent(command, at, 'network')

/**
 * What a call still unanswered when its lease is about to lapse becomes: given up (a timeout), so that the relay that
 * may then take the command over never sends it while this one still waits for an answer.
 */
export const leaseRanOut = (command: ExecutableCommand, at: number): GatewayUnanswered =>
  unansweredEvent(command, at, 'timeout')

/** A tenth of the lease: a call is given up that long before its lease lapses, another relay's clock a little ahead. */
export const leaseMarginMs = (leaseMs: number): number => Math.ceil(leaseMs / 10)
