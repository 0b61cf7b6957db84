import type { NewPayment } from '@paychart/core/store'
import type { QueryResult, QueryResultRow } from 'pg'
import { createValues } from './commit-values.js'
import { isUniqueViolation } from './errors.js'
import type { Statement, Statements } from './statements.js'
import { turnBatch } from './turn-batch.js'

type Query = <R extends QueryResultRow>(statement: Statement, values: ReadonlyArray<unknown>) => Promise<QueryResult<R>>

export interface NewRow {
  readonly payment: NewPayment
  readonly snapshotJson: string
}

/**
 * Creates through Postgres: those of one turn of the event loop go out as one statement (one round trip, one
 * transaction), each answered `true` if it wrote its payment and `false` if the payment was there already. In payment
 * order, so two batches that share payments wait for each other in the same order; the second create of one payment
 * in a batch finds it there, as it would after the first.
 */
export const postgresCreates = (query: Query, statements: Statements) =>
  turnBatch<NewRow, boolean>(
    async ({ payment, snapshotJson }) => {
      try {
        await query(statements.create, createValues(payment, snapshotJson))
        return true
      } catch (error) {
        if (isUniqueViolation(error)) return false
        throw error
      }
    },
    async (rows) => {
      const first = new Map<string, number>()
      for (const [i, { payment }] of rows.entries()) {
        if (!first.has(payment.paymentRequestId)) first.set(payment.paymentRequestId, i)
      }
      const records = [...first.values()]
        .map((i) => rows[i] as NewRow)
        .map(({ payment, snapshotJson }) => ({
          id: payment.paymentRequestId,
          state: payment.state,
          snapshot: snapshotJson,
          ref: payment.merchantReference ?? null,
          at: payment.at,
        }))
        .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      const written = new Set(
        (await query<{ payment_request_id: string }>(statements.createMany, [JSON.stringify(records)])).rows.map(
          (row) => row.payment_request_id,
        ),
      )
      return rows.map(({ payment }, i) => ({
        status: 'fulfilled',
        value: first.get(payment.paymentRequestId) === i && written.has(payment.paymentRequestId),
      }))
    },
  )
