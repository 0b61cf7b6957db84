/**
 * The keys of the notifications this process saw committed, the newest `max`: a redelivery (the gateway sends a
 * notification again until it hears the acknowledgement) is recognised here without the store. A key missing here
 * (an older one, or one committed by another process) is no answer: the engine decides.
 */
export const committedKeys = (max: number) => {
  const keys = new Set<string>()
  return {
    has: (key: string): boolean => keys.has(key),
    add: (key: string): void => {
      if (max <= 0 || keys.has(key)) return
      keys.add(key)
      if (keys.size > max) keys.delete(keys.values().next().value as string)
    },
  }
}
