import type { TimerName } from '../machine/events.js'
import type { Commit } from './commit.js'

/**
 * The payment's timers a commit removes, as every store removes them: those it cancels, then the one whose firing it
 * records, unless the same commit schedules that one again (then it stays, at its new time).
 */
export const timersRemovedBy = (commit: Commit): ReadonlyArray<TimerName> => {
  const fired = commit.firedTimer
  if (fired === undefined) return commit.cancelTimers
  const rescheduled = commit.scheduleTimers.some(
    (t) => t.paymentRequestId === commit.paymentRequestId && t.timer === fired,
  )
  return rescheduled ? commit.cancelTimers : [...commit.cancelTimers, fired]
}
