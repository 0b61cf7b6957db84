import { PaymentNotFound } from '@paychart/core'
import { type Commit, type StoredPayment, VersionConflict } from '@paychart/core/store'
import { byPaymentId, commitRecord } from './commit-values.js'
import type { HeldCompletions } from './completions.js'
import { type Int8, storedPayment } from './rows.js'
import type { Query, Statements } from './statements.js'
import { turnBatch } from './turn-batch.js'

export type CommitOutcome = StoredPayment | VersionConflict | PaymentNotFound

interface MovedRow {
  readonly version: number
  readonly merchant_reference: string | null
  readonly payment_id: string | null
  readonly payment_session_id: string | null
  readonly created_at: Int8
}

/** The payment as the commit left it: what the commit wrote, and the columns it kept from before. */
const committed = (commit: Commit, row: MovedRow, snapshotJson: string): StoredPayment =>
  storedPayment({
    payment_request_id: commit.paymentRequestId,
    version: row.version,
    state: commit.state,
    snapshot: JSON.parse(snapshotJson),
    merchant_reference: row.merchant_reference,
    payment_id: row.payment_id,
    payment_session_id: row.payment_session_id,
    created_at: row.created_at,
    updated_at: String(commit.at),
  })

/**
 * Nothing matched: another commit moved the version, or already carried this notification (a redelivery handled at
 * the same time elsewhere); either way the engine reloads, and sees which.
 */
const notMoved = (commit: Commit, current: number | undefined): VersionConflict | PaymentNotFound => {
  const paymentRequestId = commit.paymentRequestId
  if (current === undefined) return new PaymentNotFound({ paymentRequestId })
  return new VersionConflict({ paymentRequestId, expectedVersion: commit.expectedVersion, actualVersion: current })
}

const paymentsOf = (changes: ReadonlyArray<Commit>) =>
  [...new Set(changes.map((change) => change.paymentRequestId))].sort()

const notificationKeysOf = (changes: ReadonlyArray<Commit>) =>
  changes.flatMap((change) => (change.notificationKey === undefined ? [] : [change.notificationKey]))

/**
 * Commits through Postgres, with group commit: those that arrive in one turn of the event loop go out as one
 * statement, so one round trip, one transaction and one WAL flush, each keeping its own compare-and-set outcome; one
 * alone is a group of one. A group whose statement fails (a refused write in one of them) is committed again one by
 * one, so only the commit that cannot be written fails. Every statement carries the held completions.
 */
export const postgresCommits = (query: Query, statements: Statements, completions: HeldCompletions) => {
  const writeGroup = async (changes: ReadonlyArray<Commit>, snapshots: ReadonlyArray<string>) => {
    // In payment order, so that whichever side of its join the planner scans first, every group locks payments in
    // the same order, and two groups never wait for each other in a cycle.
    const records = JSON.stringify(
      changes
        .map((change, i) => commitRecord(change, snapshots[i] as string, i))
        .sort((a, b) => byPaymentId(a, b) || a.i - b.i),
    )
    return (
      await completions.carriedBy((carried) =>
        query<MovedRow & { readonly i: number }>(statements.commit, [
          records,
          carried,
          paymentsOf(changes),
          notificationKeysOf(changes),
        ]),
      )
    ).rows
  }

  /** The stored versions of the payments whose commits did not match, for their `VersionConflict`s. */
  const versionsOf = async (ids: ReadonlyArray<string>) =>
    new Map(
      (await query<{ payment_request_id: string; version: number }>(statements.versions, [ids])).rows.map((row) => [
        row.payment_request_id,
        row.version,
      ]),
    )

  /** The outcome of each commit of a group the statement wrote, `rows` the commits that matched. */
  const outcomes = async (
    changes: ReadonlyArray<Commit>,
    snapshots: ReadonlyArray<string>,
    rows: ReadonlyArray<MovedRow & { readonly i: number }>,
  ): Promise<ReadonlyArray<PromiseSettledResult<CommitOutcome>>> => {
    const moved = new Map(rows.map((row) => [row.i, row]))
    const lost = changes.filter((_, i) => !moved.has(i)).map((change) => change.paymentRequestId)
    // The group is committed: a failure from here on fails only the commits that did not match.
    const current =
      lost.length === 0 ? new Map<string, number>() : await versionsOf(lost).catch((error: unknown) => error)
    return changes.map((change, i): PromiseSettledResult<CommitOutcome> => {
      const row = moved.get(i)
      if (row !== undefined) return { status: 'fulfilled', value: committed(change, row, snapshots[i] as string) }
      if (!(current instanceof Map)) return { status: 'rejected', reason: current }
      return { status: 'fulfilled', value: notMoved(change, current.get(change.paymentRequestId)) }
    })
  }

  const alone = async (change: Commit): Promise<CommitOutcome> => {
    const snapshots = [JSON.stringify(change.snapshot)]
    const [outcome] = await outcomes([change], snapshots, await writeGroup([change], snapshots))
    if (outcome === undefined) throw new Error('a group of one has one outcome')
    if (outcome.status === 'rejected') throw outcome.reason
    return outcome.value
  }

  const together = async (
    changes: ReadonlyArray<Commit>,
  ): Promise<ReadonlyArray<PromiseSettledResult<CommitOutcome>>> => {
    const snapshots = changes.map((change) => JSON.stringify(change.snapshot))
    let rows: ReadonlyArray<MovedRow & { readonly i: number }>
    try {
      rows = await writeGroup(changes, snapshots)
    } catch {
      // Nothing of the group was written (one statement); each alone finds which one cannot be.
      return Promise.allSettled(changes.map(alone))
    }
    return outcomes(changes, snapshots, rows)
  }

  return turnBatch(alone, together)
}
