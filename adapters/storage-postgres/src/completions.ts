/**
 * Completions that arrive in one turn of the event loop (the domain events one commit published, and those of other
 * requests in flight) go out as one statement. Each caller still waits for that statement, so a completion is written
 * when its call returns, as the store contract asks.
 */
export const batchedCompletions = (write: (commandIds: ReadonlyArray<string>) => Promise<unknown>) => {
  let waiting: Array<{ readonly commandId: string; readonly done: (error?: unknown) => void }> = []

  const flush = () => {
    const group = waiting
    waiting = []
    write(group.map((pending) => pending.commandId)).then(
      () => {
        for (const pending of group) pending.done()
      },
      (error: unknown) => {
        for (const pending of group) pending.done(error ?? new Error('completion failed'))
      },
    )
  }

  return (commandId: string): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      waiting.push({ commandId, done: (error) => (error === undefined ? resolve() : reject(error)) })
      if (waiting.length === 1) queueMicrotask(flush)
    })
}
