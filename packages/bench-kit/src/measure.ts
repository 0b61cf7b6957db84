type Work = () => number | Promise<number>

const rate = async (work: Work, millis: number): Promise<number> => {
  let ops = 0
  const start = performance.now()
  while (performance.now() - start < millis) ops += await work()
  return (ops * 1000) / (performance.now() - start)
}

/** The middle value (the upper of the two middles when even), `values` left as they are. */
export const median = (values: ReadonlyArray<number>): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0

/**
 * Operations per second of `work` and of `baseline` (each reports how many operations it did, and may be async):
 * rounds of about `millis` alternate between the two, so that a busy machine slows both alike; medians of the rounds.
 */
export const opsPerSecondNextTo = async (
  work: Work,
  baseline: Work,
  { millis = 400, rounds = 7 } = {},
): Promise<{ readonly value: number; readonly baselineValue: number }> => {
  await rate(work, millis)
  await rate(baseline, millis)
  const values: number[] = []
  const baselineValues: number[] = []
  for (let round = 0; round < rounds; round++) {
    values.push(await rate(work, millis))
    baselineValues.push(await rate(baseline, millis))
  }
  return { value: median(values), baselineValue: median(baselineValues) }
}
