/**
 * Calls made in one turn of the event loop, run together: `alone` when only one came, `together` otherwise, which
 * settles each call on its own (one call's failure need not fail the others).
 */
export const turnBatch = <I, O>(
  alone: (input: I) => Promise<O>,
  together: (inputs: ReadonlyArray<I>) => Promise<ReadonlyArray<PromiseSettledResult<O>>>,
): ((input: I) => Promise<O>) => {
  let waiting: Array<{
    readonly input: I
    readonly resolve: (output: O) => void
    readonly reject: (error: unknown) => void
  }> = []

  const flush = () => {
    const group = waiting
    waiting = []
    const [only] = group
    if (group.length === 1 && only !== undefined) {
      alone(only.input).then(only.resolve, only.reject)
      return
    }
    together(group.map((pending) => pending.input)).then(
      (outcomes) => {
        for (const [i, pending] of group.entries()) {
          const outcome = outcomes[i]
          if (outcome === undefined) pending.reject(new Error(`no outcome for call ${i} of ${group.length}`))
          else if (outcome.status === 'fulfilled') pending.resolve(outcome.value)
          else pending.reject(outcome.reason)
        }
      },
      (error: unknown) => {
        for (const pending of group) pending.reject(error)
      },
    )
  }

  return (input) =>
    new Promise<O>((resolve, reject) => {
      waiting.push({ input, resolve, reject })
      if (waiting.length === 1) queueMicrotask(flush)
    })
}
