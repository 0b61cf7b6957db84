/** A small seeded generator (mulberry32), so that a failing run can be replayed with its seed. */
export const seededRandom = (seed: number): (() => number) => {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

/** An index in [0, count) other than `not`. */
export const otherThan = (random: () => number, count: number, not: number): number =>
  (not + 1 + Math.floor(random() * (count - 1))) % count
