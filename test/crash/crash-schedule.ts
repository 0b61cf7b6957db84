import { CRASH_POINTS, type CrashAt } from './crash-points.js'

/** One incarnation's fate: killed at its own crash point, by the parent after some time, or left to finish. */
export type Fate =
  | { readonly kind: 'point'; readonly crash: CrashAt }
  | { readonly kind: 'parent'; readonly afterMs: number }
  | { readonly kind: 'finish' }

/** mulberry32: a small seeded PRNG, so that a round can be replayed from its seed. */
const random = (seed: number) => {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

/**
 * The kills of a round, in order, then `finish`: the first life dies at a crash point (the seed modulo the number of
 * points picks which: that many consecutive seeds pass every point), at its 1st to 3rd pass, which a fresh round always
 * reaches (only the first after a group commit); the second is killed by the parent 50 to 700 ms after it said it
 * started; the third dies at the next crash point, at its 1st or 2nd pass, if it gets that far before everything has
 * settled. The seed draws the numbers.
 */
export const crashSchedule = (seed: number): ReadonlyArray<Fate> => {
  const next = random(seed)
  const point = (k: number, passes: number): Fate => {
    const at = CRASH_POINTS[(seed + k) % CRASH_POINTS.length] ?? 'afterCommitBeforeCall'
    // Only the first group, of the payments' first submits, is sure to come: later commits meet by chance.
    const reached = at === 'afterGroupCommit' ? 1 : passes
    return { kind: 'point', crash: { point: at, nth: 1 + Math.floor(next() * reached) } }
  }
  return [point(0, 3), { kind: 'parent', afterMs: 50 + Math.floor(next() * 650) }, point(1, 2), { kind: 'finish' }]
}

export const describeFate = (fate: Fate): string =>
  fate.kind === 'point'
    ? `${fate.crash.point} #${fate.crash.nth}`
    : fate.kind === 'parent'
      ? `parent SIGKILL ${fate.afterMs} ms after the start`
      : 'run to the end'
