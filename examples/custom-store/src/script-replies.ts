import { PaymentExists, PaymentNotFound } from '@paychart/core'
import { type Commit, type StoredPayment, VersionConflict } from '@paychart/core/store'
import { hashFields, storedPayment, UnexpectedReply } from './hash-rows.js'

const tagged = (reply: unknown): readonly [string, unknown] => {
  if (!Array.isArray(reply) || typeof reply[0] !== 'string') throw new UnexpectedReply('expected a tagged reply')
  return [reply[0], reply[1]]
}

/** What the create script answered: the row it wrote, or `PaymentExists`. */
export const createReply = (paymentRequestId: string, reply: unknown): StoredPayment | PaymentExists => {
  const [tag, value] = tagged(reply)
  if (tag === 'PaymentExists') return new PaymentExists({ paymentRequestId })
  if (tag === 'ok') return storedPayment(paymentRequestId, hashFields(value))
  throw new UnexpectedReply(`unknown create reply ${tag}`)
}

/** What the commit script answered: the row it wrote, or why it wrote nothing. */
export const commitReply = (commit: Commit, reply: unknown): StoredPayment | VersionConflict | PaymentNotFound => {
  const [tag, value] = tagged(reply)
  const paymentRequestId = commit.paymentRequestId
  if (tag === 'ok') return storedPayment(paymentRequestId, hashFields(value))
  if (tag === 'PaymentNotFound') return new PaymentNotFound({ paymentRequestId })
  if (tag === 'VersionConflict') {
    return new VersionConflict({
      paymentRequestId,
      expectedVersion: commit.expectedVersion,
      actualVersion: Number(value),
    })
  }
  throw new UnexpectedReply(`unknown commit reply ${tag}`)
}
