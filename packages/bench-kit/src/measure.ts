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
 * rounds of about `millis` alternate between the two, so that a busy machine slows both alike. The baseline's figure
 * is the median of its rounds, and `value` that times the median of each round's own ratio: a machine that drifts
 * over the run moves both rounds of a pair alike, and so leaves the ratio alone.
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
  return pairedFigures(values, baselineValues)
}

/**
 * From rates measured in pairs (`values[i]` next to `baselineValues[i]`): the baseline's median, and `value` that times
 * the median of each pair's own ratio, so that drift over a run, which moves both of a pair alike, leaves it alone.
 */
const pairedFigures = (
  values: ReadonlyArray<number>,
  baselineValues: ReadonlyArray<number>,
): { readonly value: number; readonly baselineValue: number } => {
  const baselineValue = median(baselineValues)
  return { value: baselineValue * median(values.map((value, i) => value / (baselineValues[i] ?? 0))), baselineValue }
}

/**
 * Operations per second of `work` and of `baseline`, each run on the same `chunks` in turn (chunk `i` is the same
 * operations for both, `opsPerChunk` of them), which of the two goes first alternating: the one that follows pays for
 * what the other left (its garbage). The first `warmChunks` are untimed. Both drift together over a run (a
 * collection, a store growing, a vacuum beside it): figures as `opsPerSecondNextTo` gives them, from each chunk's pair.
 */
export const opsPerSecondInPairedChunks = async (
  { chunks, opsPerChunk, warmChunks = 0 }: { chunks: number; opsPerChunk: number; warmChunks?: number },
  work: (chunk: number) => Promise<unknown>,
  baseline: (chunk: number) => Promise<unknown>,
): Promise<{ readonly value: number; readonly baselineValue: number }> => {
  const timed = async (run: (chunk: number) => Promise<unknown>, chunk: number) => {
    const start = performance.now()
    await run(chunk)
    return performance.now() - start
  }
  const rateOf = (ms: number) => (opsPerChunk * 1000) / ms
  const values: number[] = []
  const baselineValues: number[] = []
  for (let chunk = 0; chunk < chunks; chunk++) {
    const workFirst = chunk % 2 === 0
    const first = await timed(workFirst ? work : baseline, chunk)
    const second = await timed(workFirst ? baseline : work, chunk)
    if (chunk < warmChunks) continue
    const [workMs, baselineMs] = workFirst ? [first, second] : [second, first]
    values.push(rateOf(workMs))
    baselineValues.push(rateOf(baselineMs))
  }
  if (values.length === 0) throw new RangeError(`chunks (${chunks}) must be more than warmChunks (${warmChunks})`)
  return pairedFigures(values, baselineValues)
}
