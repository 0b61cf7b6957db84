import type { Money } from '@paychart/core'
import { type Json, money, nonEmpty, type Parsed } from './checkout-body.js'

export interface CaptureRequest {
  readonly captureRequestId?: string
  readonly amount?: Money
}

export interface RefundRequest {
  readonly refundRequestId?: string
  readonly amount: Money
}

const requestId = (body: Json, field: string): Parsed<string | undefined> =>
  body[field] === undefined ? { ok: undefined } : nonEmpty(body, field)

/** `{ captureRequestId?, amount? }`: without an amount, the whole authorization. */
export const parseCapture = (body: Json): Parsed<CaptureRequest> => {
  const id = requestId(body, 'captureRequestId')
  if ('error' in id) return id
  const amount = body.amount === undefined ? { ok: undefined } : money(body.amount, 'amount')
  if ('error' in amount) return amount
  return {
    ok: {
      ...(id.ok === undefined ? {} : { captureRequestId: id.ok }),
      ...(amount.ok === undefined ? {} : { amount: amount.ok }),
    },
  }
}

/** `{ refundRequestId?, amount }`: give your own id to make a retry the same refund. */
export const parseRefund = (body: Json): Parsed<RefundRequest> => {
  const id = requestId(body, 'refundRequestId')
  if ('error' in id) return id
  const amount = money(body.amount, 'amount')
  if ('error' in amount) return amount
  return { ok: { amount: amount.ok, ...(id.ok === undefined ? {} : { refundRequestId: id.ok }) } }
}
