/** Runs `work` (which reports how many operations it did) for about `millis`, several rounds; returns the median rate. */
export const opsPerSecond = (work: () => number, { millis = 400, rounds = 7 } = {}): number => {
  for (let warm = performance.now(); performance.now() - warm < millis; ) work()
  const rates: number[] = []
  for (let round = 0; round < rounds; round++) {
    let ops = 0
    const start = performance.now()
    while (performance.now() - start < millis) ops += work()
    rates.push((ops * 1000) / (performance.now() - start))
  }
  rates.sort((a, b) => a - b)
  return rates[Math.floor(rates.length / 2)] ?? 0
}
