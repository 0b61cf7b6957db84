/** A deep copy that nobody can change: what the memory store keeps and hands out. */
export const frozenCopy = <T>(value: T): T => deepFreeze(structuredClone(value))

const deepFreeze = <T>(value: T): T => {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key])
  }
  return value
}
