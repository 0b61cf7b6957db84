import fc from 'fast-check'

/**
 * The interleavings of a scheduled flow, from a seed of its own: a scheduler built afresh from `seed` releases the
 * same tasks in the same order every time it is built.
 *
 * Not `fc.scheduler()` as a property's argument: fast-check (4.10) gives each run a clone of that scheduler, and
 * every clone of one scheduler draws from the same random stream where it left off, so a shrunk flow ran with an
 * interleaving that depended on how many candidates ran before it, and its printed replay ran another.
 */
export const seededScheduler = (seed: number): fc.Scheduler => {
  const [scheduler] = fc.sample(fc.scheduler(), { seed, numRuns: 1 })
  if (scheduler === undefined) throw new Error('fc.sample gave no scheduler')
  return scheduler
}

/** The seed of a flow's interleavings: drawn with the flow, never shrunk (a smaller seed is not a simpler order). */
export const schedulerSeed = (): fc.Arbitrary<number> => fc.noShrink(fc.integer())
