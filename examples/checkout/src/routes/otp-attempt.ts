import type { EventLogEntry } from '@paychart/core/store'

export interface OtpAttempt {
  /** The request id for the next code: one per attempt, so a resubmitted form is the same attempt. */
  readonly verifyRequestId: string
  /** The result code of the last verification, when the gateway refused the code. */
  readonly lastError?: string
}

/** Reads the next OTP attempt off the payment's timeline: how many codes were sent, and how the last one fared. */
export const nextOtpAttempt = (paymentRequestId: string, timeline: ReadonlyArray<EventLogEntry>): OtpAttempt => {
  const submitted = timeline.filter((entry) => entry.event.type === 'OTP_SUBMITTED').length
  const verifyRequestId = `${paymentRequestId}-otp-${submitted + 1}`
  const last = timeline.findLast((entry) => entry.event.type === 'VERIFY_ANSWERED')?.event
  return last?.type === 'VERIFY_ANSWERED' && last.result.resultStatus !== 'S'
    ? { verifyRequestId, lastError: last.result.resultCode }
    : { verifyRequestId }
}
