import type { Commit } from './commit.js'
import type { Lease, OutboxItem } from './records.js'

/** A new outbox item as a store writes it: with the committer's lease when the commit claims what it adds. */
export type NewOutboxItem = OutboxItem & { readonly lease?: Lease }

/**
 * The commit's new outbox items as every store writes them. With `claimNew` each counts one attempt more and carries
 * the committer's lease, so that no relay takes it before the lease lapses; without it they are written free.
 */
export const newOutboxItems = (commit: Commit): ReadonlyArray<NewOutboxItem> => {
  const lease = commit.claimNew
  if (lease === undefined) return commit.outbox
  return commit.outbox.map((item) => ({ ...item, attempts: item.attempts + 1, lease }))
}
