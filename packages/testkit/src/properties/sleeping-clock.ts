import * as Effect from 'effect/Effect'
import { type ManualClock, manualClock } from '../simulator/clock.js'

/** The world's manual clock, and sleeps that follow it: woken when the clock is moved past their time. */
export interface SleepingClock {
  readonly clock: ManualClock
  readonly sleepUntil: (at: number) => Effect.Effect<void>
  /**
   * Resolves once the fibers the last moves of the clock woke have run: a timer due before a lease lapsed acts before
   * anything that comes after the lapse (a relay's claim), as it would in time that flows.
   */
  readonly settle: () => Promise<void>
}

/** Turns of the event loop: Effect runs a woken fiber's next steps on `setImmediate`. */
const turns = async (count: number) => {
  for (let i = 0; i < count; i++) await new Promise<void>((resolve) => setImmediate(resolve))
}

/**
 * A manual clock whose sleepers wake as `advance` or `set` moves it past them: a timer in the engine (a call given up
 * before its lease lapses) fires when the world's time passes it, not the host's.
 */
export const sleepingClock = (start: number): SleepingClock => {
  const manual = manualClock(start)
  const sleepers = new Set<{ readonly at: number; readonly wake: () => void }>()
  let settling: Promise<void> = Promise.resolve()
  const wakeDue = (now: number) => {
    const due = [...sleepers].filter((sleeper) => sleeper.at <= now).sort((a, b) => a.at - b.at)
    for (const sleeper of due) {
      sleepers.delete(sleeper)
      sleeper.wake()
    }
    if (due.length > 0) settling = settling.then(() => turns(10))
    return now
  }
  const clock: ManualClock = {
    now: manual.now,
    advance: (ms) => wakeDue(manual.advance(ms)),
    set: (ms) => wakeDue(manual.set(ms)),
  }
  const sleepUntil = (at: number): Effect.Effect<void> =>
    Effect.callback<void>((resume) => {
      if (at <= manual.now()) return resume(Effect.void)
      const sleeper = { at, wake: () => resume(Effect.void) }
      sleepers.add(sleeper)
      return Effect.sync(() => void sleepers.delete(sleeper))
    })
  return { clock, sleepUntil, settle: () => settling }
}
