const isPlainObject = (value: object): boolean => {
  const proto = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

const deepFreeze = <T>(value: T): T => {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key])
  }
  return value
}

const keepArray = (value: ReadonlyArray<unknown>): ReadonlyArray<unknown> => {
  let copy: unknown[] | undefined
  for (let i = 0; i < value.length; i++) {
    const item = value[i]
    const kept = keep(item)
    if (kept !== item) {
      copy ??= value.slice()
      copy[i] = kept
    }
  }
  return Object.freeze(copy ?? value)
}

const keepObject = (value: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>> => {
  let copy: Record<string, unknown> | undefined
  for (const key in value) {
    const field = value[key]
    if (typeof field !== 'object' || field === null) continue
    const kept = keep(field)
    if (kept !== field) {
      copy ??= { ...value }
      copy[key] = kept
    }
  }
  return Object.freeze(copy ?? value)
}

/**
 * `value` frozen all the way down, in place; a part that cannot be frozen in place (a class instance, a `Date`) is
 * replaced by a frozen `structuredClone`, in a copy of its parent, so that the caller's objects keep their content.
 */
const keep = (value: unknown): unknown => {
  if (typeof value !== 'object' || value === null) return value
  if (Array.isArray(value)) return keepArray(value)
  if (!isPlainObject(value)) return deepFreeze(structuredClone(value))
  return keepObject(value as Readonly<Record<string, unknown>>)
}

/**
 * What the memory store keeps and hands out: `value` frozen all the way down, so that neither the caller that
 * passed it nor one that got it back can change a stored row (a write to it throws a `TypeError`). The objects it is
 * given are frozen in place rather than copied, which makes a commit cost what it changes, not what it holds: a
 * caller that needs to change an object after storing it passes a copy.
 */
export const frozen = <T>(value: T): T => keep(value) as T
