import { toWire } from '@paychart/core/money'
import { maskedNumber } from './cards.js'
import { isoTime } from './clock.js'
import { result } from './results.js'
import { issuerAnswered, type PaymentRecord, type PaymentStatus } from './state.js'
import type { ResponseBody } from './types.js'

/**
 * The card facts the gateway reports: brand, BIN, last four and the masked number (never the number), the issuer's
 * AVS and CVV results with the issuer's answer (paid or declined), and once paid the network transaction id, the card
 * token when one was asked for, and the 3DS result.
 */
export const paymentResultInfo = (payment: PaymentRecord): Record<string, unknown> | undefined =>
  payment.card === undefined
    ? undefined
    : {
        cardBrand: payment.card.brand,
        cardBin: payment.card.bin,
        lastFour: payment.card.last4,
        cardNo: maskedNumber(payment.card),
        issuingCountry: 'US',
        funding: 'CREDIT',
        // The issuer's checks come with its answer, a decline's too (the card authorization document's table); a
        // payment closed before the issuer answered (expired, 3DS failed) has none.
        ...(issuerAnswered(payment)
          ? { avsResultRaw: payment.card.avsResult, cvvResultRaw: payment.card.cvvResult }
          : {}),
        ...(payment.paidAt === undefined
          ? {}
          : {
              networkTransactionId: `NTI${payment.paymentId}`,
              ...(payment.cardToken === undefined ? {} : { cardToken: payment.cardToken }),
            }),
        ...(payment.card.threeDs && payment.paidAt !== undefined
          ? { threeDSResult: { threeDSVersion: '2.2.0', eci: '05', threeDSType: 'THREE_DS_2' } }
          : {}),
      }

/** The fields every answer about a payment carries. */
export const paymentFields = (payment: PaymentRecord): Record<string, unknown> => ({
  paymentRequestId: payment.paymentRequestId,
  paymentId: payment.paymentId,
  paymentAmount: toWire(payment.amount),
  paymentCreateTime: isoTime(payment.createdAt),
})

/** A pay / verifyAndCompletePayment answer for a payment that just reached `payment.resultCode` (or is in process). */
export const paymentAnswer = (payment: PaymentRecord, extra: Record<string, unknown> = {}): ResponseBody => {
  const info = paymentResultInfo(payment)
  return {
    result: result(payment.status === 'pending' ? 'PAYMENT_IN_PROCESS' : payment.resultCode),
    ...paymentFields(payment),
    ...(payment.paidAt === undefined ? {} : { paymentTime: isoTime(payment.paidAt) }),
    ...(info === undefined ? {} : { paymentResultInfo: info }),
    ...extra,
  }
}

/** inquiryPayment's paymentStatus for a payment. */
export const wirePaymentStatus = (status: PaymentStatus): 'SUCCESS' | 'FAIL' | 'PROCESSING' | 'CANCELLED' => {
  switch (status) {
    case 'pending':
      return 'PROCESSING'
    case 'authorized':
    case 'captured':
      return 'SUCCESS'
    case 'failed':
      return 'FAIL'
    case 'cancelled':
      return 'CANCELLED'
  }
}
