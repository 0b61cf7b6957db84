/**
 * Runs every group's steps in order, `inFlight` groups at a time: a payment's commits one after another, as the engine
 * writes them, and several payments at once. Resolves with how many steps ran.
 */
export const inLanes = async <A>(
  groups: ReadonlyArray<ReadonlyArray<A>>,
  inFlight: number,
  step: (item: A) => Promise<unknown>,
): Promise<number> => {
  let next = 0
  let steps = 0
  const lane = async () => {
    for (let group = groups[next++]; group !== undefined; group = groups[next++]) {
      for (const item of group) {
        await step(item)
        steps += 1
      }
    }
  }
  await Promise.all(Array.from({ length: inFlight }, lane))
  return steps
}
