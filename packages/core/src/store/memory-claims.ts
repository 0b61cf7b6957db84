import type { ClaimOptions } from './payment-store.js'
import type { Claimed, Lease } from './records.js'

interface Leasable {
  readonly lease?: Lease
}

/** Free to claim: never leased, or its lease lapsed (`leaseUntil <= now`). */
export const isFree = (row: Leasable, now: number): boolean => row.lease === undefined || row.lease.leaseUntil <= now

/** The oldest `limit` rows that `eligible` accepts and nobody holds, by `order` (a time, then an id). */
export const pickOldest = <Row extends Leasable>(
  rows: Iterable<Row>,
  options: ClaimOptions,
  eligible: (row: Row) => boolean,
  order: (row: Row) => readonly [number, string],
): ReadonlyArray<Row> => {
  if (options.limit <= 0) return []
  return [...rows]
    .filter((row) => eligible(row) && isFree(row, options.now))
    .map((row) => ({ row, key: order(row) }))
    .sort((a, b) => a.key[0] - b.key[0] || (a.key[1] < b.key[1] ? -1 : a.key[1] > b.key[1] ? 1 : 0))
    .slice(0, options.limit)
    .map(({ row }) => row)
}

export const leaseOf = (options: ClaimOptions): Lease => ({
  owner: options.owner,
  leaseUntil: options.now + options.leaseMs,
})

/** The claimed form of a stored row: its fields without the store's own bookkeeping, plus the lease. */
export const claimed = <T>(item: T, lease: Lease): Claimed<T> => ({ ...item, lease })
