import type { NewPayment } from '@paychart/core/store'
import { byPaymentId, createValues } from './commit-values.js'
import { isUniqueViolation } from './errors.js'
import type { Query, Statements } from './statements.js'
import { turnBatch } from './turn-batch.js'

export interface NewRow {
  readonly payment: NewPayment
  readonly snapshotJson: string
}

/**
 * Creates through Postgres: those of one turn of the event loop go out as one statement (one round trip, one
 * transaction), each answered `true` if it wrote its payment and `false` if the payment was there already. A batch
 * whose statement fails (a value Postgres refuses in one of them) is created again one by one, so only the create that
 * cannot be written fails.
 */
export const postgresCreates = (query: Query, statements: Statements) => {
  const alone = async ({ payment, snapshotJson }: NewRow): Promise<boolean> => {
    try {
      await query(statements.create, createValues(payment, snapshotJson))
      return true
    } catch (error) {
      if (isUniqueViolation(error)) return false
      throw error
    }
  }

  /** The ids the batch wrote. In payment order, so that two batches sharing payments wait for each other in order. */
  const writeBatch = async (rows: ReadonlyArray<NewRow>) => {
    const records = rows
      .map(({ payment, snapshotJson }) => ({
        id: payment.paymentRequestId,
        state: payment.state,
        snapshot: snapshotJson,
        ref: payment.merchantReference ?? null,
        at: payment.at,
      }))
      .sort(byPaymentId)
    const written = await query<{ payment_request_id: string }>(statements.createMany, [JSON.stringify(records)])
    return new Set(written.rows.map((row) => row.payment_request_id))
  }

  const together = async (rows: ReadonlyArray<NewRow>): Promise<ReadonlyArray<PromiseSettledResult<boolean>>> => {
    // The first create of a payment in the batch is the one sent; a second finds it there, as it would after the first.
    const first = new Map<string, number>()
    for (const [i, { payment }] of rows.entries()) {
      if (!first.has(payment.paymentRequestId)) first.set(payment.paymentRequestId, i)
    }
    const sent = [...first.values()].map((i) => rows[i] as NewRow)
    let written: ReadonlySet<string>
    try {
      written = await writeBatch(sent)
    } catch {
      // Nothing of the batch was written (one statement); each alone finds which one cannot be.
      return Promise.allSettled(rows.map(alone))
    }
    return rows.map(({ payment }, i) => ({
      status: 'fulfilled',
      value: first.get(payment.paymentRequestId) === i && written.has(payment.paymentRequestId),
    }))
  }

  return turnBatch(alone, together)
}
