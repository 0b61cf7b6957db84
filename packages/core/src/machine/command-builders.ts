import type { Money } from '../money/index.js'
import type { Command, GatewayCommand, LocalCommand } from './commands.js'
import type { PaymentContext } from './context.js'
import type { DomainEvent } from './domain-events.js'
import type { GatewayUnanswered } from './events.js'

/**
 * The gateway's paymentId, to name the payment in a call, when an answer to our own call gave it; one only a
 * notification told is left out, and the call names the payment by its paymentRequestId instead.
 */
export const knownPaymentId = (c: PaymentContext) =>
  c.paymentId === undefined || c.paymentIdFrom === 'notification' ? {} : { paymentId: c.paymentId }

const merchantExpiry = (c: PaymentContext) => ({
  ...(c.terms.requestedExpiresAt === undefined ? {} : { paymentExpiresAt: c.terms.requestedExpiresAt }),
  ...(c.terms.requestDetails === undefined ? {} : { requestDetails: c.terms.requestDetails }),
})

/** Builds the data of each gateway command from what the payment knows. */
export const gatewayCommand = {
  pay: (c: PaymentContext): GatewayCommand => ({
    kind: 'pay',
    paymentRequestId: c.paymentRequestId,
    amount: c.amount,
    ...(c.paymentMethodType === undefined ? {} : { paymentMethodType: c.paymentMethodType }),
    captureMode: c.terms.captureMode,
    ...merchantExpiry(c),
    attempt: c.counts.payAttempts,
  }),
  createPaymentSession: (c: PaymentContext): GatewayCommand => ({
    kind: 'createPaymentSession',
    paymentRequestId: c.paymentRequestId,
    amount: c.amount,
    captureMode: c.terms.captureMode,
    ...merchantExpiry(c),
  }),
  /** Only reached from awaitingOtp, which is entered only with the gateway's paymentId. */
  verify: (c: PaymentContext): GatewayCommand | undefined =>
    c.paymentId === undefined || c.customer.verifyRequestId === undefined
      ? undefined
      : { kind: 'verifyAndCompletePayment', paymentId: c.paymentId, verifyRequestId: c.customer.verifyRequestId },
  inquiry: (c: PaymentContext): GatewayCommand => ({
    kind: 'inquiryPayment',
    paymentRequestId: c.paymentRequestId,
    ...knownPaymentId(c),
  }),
  capture: (c: PaymentContext): GatewayCommand | undefined =>
    c.capture?.captureRequestId === undefined
      ? undefined
      : {
          kind: 'capture',
          paymentRequestId: c.paymentRequestId,
          ...knownPaymentId(c),
          captureRequestId: c.capture.captureRequestId,
          amount: c.capture.amount,
        },
  cancel: (c: PaymentContext): GatewayCommand => ({
    kind: 'cancel',
    paymentRequestId: c.paymentRequestId,
    ...knownPaymentId(c),
  }),
  /** The same request each time the refund `refundRequestId` is sent. */
  refund: (c: PaymentContext, refundRequestId: string, amount: Money): GatewayCommand => ({
    kind: 'refund',
    paymentRequestId: c.paymentRequestId,
    ...knownPaymentId(c),
    refundRequestId,
    amount,
  }),
} as const

/** The request id of the operation itself, for the commands that have their own (verify, capture, refund). */
export const operationRequestId = (command: GatewayCommand): string | undefined => {
  switch (command.kind) {
    case 'verifyAndCompletePayment':
      return command.verifyRequestId
    case 'capture':
      return command.captureRequestId
    case 'refund':
    case 'inquiryRefund':
      return command.refundRequestId
    default:
      return undefined
  }
}

/** The event for a call whose outcome is unknown: the gateway may or may not have acted on `command`. */
export const unansweredEvent = (
  command: GatewayCommand,
  at: number,
  reason: GatewayUnanswered['reason'],
): GatewayUnanswered => {
  const requestId = operationRequestId(command)
  return {
    type: 'GATEWAY_UNANSWERED',
    at,
    operation: command.kind,
    ...(requestId === undefined ? {} : { requestId }),
    reason,
  }
}

// Every command without a request id of its own (pay, session, inquiry, cancel) carries the paymentRequestId.
const idempotencyKeyOf = (command: GatewayCommand): string =>
  operationRequestId(command) ?? (command as { readonly paymentRequestId: string }).paymentRequestId

/** Numbers a gateway command within its payment; `seq` is the payment's command counter after this command. */
export const sequence = (context: PaymentContext, command: GatewayCommand, seq: number): Command => ({
  ...command,
  commandId: `${context.paymentRequestId}#${seq}`,
  idempotencyKey: idempotencyKeyOf(command),
})

export const publish = (event: DomainEvent): LocalCommand => ({ kind: 'publish', event })
