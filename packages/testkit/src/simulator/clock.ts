export const SECOND = 1000
export const MINUTE = 60 * SECOND
export const HOUR = 60 * MINUTE
export const DAY = 24 * HOUR

/** A clock a test can drive: `now()` in epoch milliseconds, moved only by `advance` and `set`. */
export interface ManualClock {
  readonly now: () => number
  readonly advance: (ms: number) => number
  readonly set: (ms: number) => number
}

export const manualClock = (start = Date.UTC(2026, 0, 1)): ManualClock => {
  let current = start
  return {
    now: () => current,
    advance: (ms) => {
      current += ms
      return current
    },
    set: (ms) => {
      current = ms
      return current
    },
  }
}

/** ISO 8601 with an explicit offset and no milliseconds, the form the gateway writes: `2026-01-01T00:00:00+00:00`. */
export const isoTime = (ms: number): string => `${new Date(ms).toISOString().slice(0, 19)}+00:00`

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?([+-]\d{2}:\d{2}|Z)$/

/** Reads an ISO 8601 date-time with an offset; undefined when it is not one. */
export const parseIsoTime = (text: string): number | undefined => {
  if (!ISO_WITH_OFFSET.test(text)) return undefined
  const ms = Date.parse(text)
  return Number.isNaN(ms) ? undefined : ms
}
