import type { PaymentState } from '@paychart/core'
import type { TimerName } from '@paychart/core/machine'
import type { Claimed, OutboxItem, StoredPayment, TimerItem } from '@paychart/core/store'

/** A hash's fields as Redis returns them inside a script reply: a flat array of names and values. */
export type HashFields = Readonly<Record<string, string>>

/** Thrown when Redis holds or returns something this store did not write; the store reports it as unavailable. */
export class UnexpectedReply extends Error {}

export const hashFields = (reply: unknown): HashFields => {
  if (!Array.isArray(reply) || reply.length % 2 !== 0 || !reply.every((v) => typeof v === 'string')) {
    throw new UnexpectedReply('expected the fields of a hash')
  }
  const fields: Record<string, string> = {}
  for (let i = 0; i < reply.length; i += 2) fields[reply[i] as string] = reply[i + 1] as string
  return fields
}

const text = (fields: HashFields, name: string): string => {
  const value = fields[name]
  if (value === undefined) throw new UnexpectedReply(`a stored row has no ${name}`)
  return value
}

const integer = (fields: HashFields, name: string): number => {
  const value = Number(text(fields, name))
  if (!Number.isSafeInteger(value)) throw new UnexpectedReply(`a stored row's ${name} is not an integer`)
  return value
}

const optional = <K extends string>(fields: HashFields, name: K): { readonly [P in K]?: string } => {
  const value = fields[name]
  return (value === undefined ? {} : { [name]: value }) as { readonly [P in K]?: string }
}

/** A payment hash as the `StoredPayment` it holds; the snapshot is parsed anew, so callers never share it. */
export const storedPayment = (paymentRequestId: string, fields: HashFields): StoredPayment => ({
  paymentRequestId,
  version: integer(fields, 'version'),
  state: text(fields, 'state') as PaymentState,
  snapshot: JSON.parse(text(fields, 'snapshot')),
  ...optional(fields, 'merchantReference'),
  ...optional(fields, 'paymentId'),
  ...optional(fields, 'paymentSessionId'),
  createdAt: integer(fields, 'createdAt'),
  updatedAt: integer(fields, 'updatedAt'),
})

const lease = (fields: HashFields) => ({ owner: text(fields, 'leaseOwner'), leaseUntil: integer(fields, 'leaseUntil') })

export const outboxItem = (fields: HashFields): OutboxItem => ({
  commandId: text(fields, 'commandId'),
  paymentRequestId: text(fields, 'paymentRequestId'),
  command: JSON.parse(text(fields, 'command')),
  createdAt: integer(fields, 'createdAt'),
  attempts: integer(fields, 'attempts'),
})

export const claimedOutboxItem = (fields: HashFields): Claimed<OutboxItem> => ({
  ...outboxItem(fields),
  lease: lease(fields),
})

export const timerItem = (fields: HashFields): TimerItem => ({
  paymentRequestId: text(fields, 'paymentRequestId'),
  timer: text(fields, 'timer') as TimerName,
  dueAt: integer(fields, 'dueAt'),
})

export const claimedTimer = (fields: HashFields): Claimed<TimerItem> => ({ ...timerItem(fields), lease: lease(fields) })

/** A script reply that is a list of hashes (what the claim scripts return). */
export const hashList = (reply: unknown): ReadonlyArray<HashFields> => {
  if (!Array.isArray(reply)) throw new UnexpectedReply('expected a list of hashes')
  return reply.map(hashFields)
}
