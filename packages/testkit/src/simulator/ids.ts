/** What an id is generated for. */
export type IdKind = 'payment' | 'session' | 'capture' | 'refund' | 'notification'

/** Generates the gateway's ids; inject one to pin them in tests. */
export type IdGenerator = (kind: IdKind) => string

const PREFIX: Readonly<Record<IdKind, string>> = {
  payment: 'SIMPAY',
  session: 'SIMSES',
  capture: 'SIMCAP',
  refund: 'SIMREF',
  notification: 'SIMNTF',
}

/** Deterministic ids, one counter per kind: `SIMPAY000001`, `SIMPAY000002`, `SIMCAP000001`, ... */
export const counterIds = (): IdGenerator => {
  const counters = new Map<IdKind, number>()
  return (kind) => {
    const next = (counters.get(kind) ?? 0) + 1
    counters.set(kind, next)
    return `${PREFIX[kind]}${String(next).padStart(6, '0')}`
  }
}
