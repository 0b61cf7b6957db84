import type { Command, PaymentEvent } from '@paychart/core/machine'

const ok = { resultStatus: 'S', resultCode: 'SUCCESS', resultMessage: 'success.' } as const

/**
 * Answers each gateway command the way Antom answers a card payment that needs a 3DS challenge. It stands in for
 * the gateway simulator until that exists; the machine it talks to is the real one.
 */
export const answerLikeAntom = (command: Command, at: number): PaymentEvent | undefined => {
  switch (command.kind) {
    case 'pay':
      return {
        type: 'PAY_ANSWERED',
        at,
        result: { resultStatus: 'U', resultCode: 'PAYMENT_IN_PROCESS', resultMessage: 'payment in process' },
        paymentId: '202611221940108001001880000000001',
        amount: command.amount,
        nextAction: { kind: 'threeDS', url: 'https://sim.paychart.local/3ds/challenge/1' },
      }
    case 'inquiryPayment':
      return { type: 'INQUIRY_ANSWERED', at, result: ok, paymentStatus: 'SUCCESS' }
    case 'capture':
      return {
        type: 'CAPTURE_ANSWERED',
        at,
        result: ok,
        captureRequestId: command.captureRequestId,
        amount: command.amount,
      }
    case 'refund':
      return {
        type: 'REFUND_ANSWERED',
        at,
        result: ok,
        refundRequestId: command.refundRequestId,
        amount: command.amount,
      }
    default:
      return undefined
  }
}
