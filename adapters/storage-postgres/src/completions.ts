/** Completions (`completeCommand`) held for the next commit statement to carry. */
export interface HeldCompletions {
  readonly add: (commandId: string) => void
  /**
   * Runs `write` with every held completion (to write in its statement); if it rejects, they are held again for the
   * next statement, and the error goes on.
   */
  readonly carriedBy: <A>(write: (commandIds: ReadonlyArray<string>) => Promise<A>) => Promise<A>
  /** Writes every held completion now, in a statement of its own. */
  readonly flush: () => Promise<void>
  /** Flushes once, then holds nothing more: a completion after it is dropped (its item only runs again). */
  readonly close: () => Promise<void>
}

/**
 * Completions ride with the next commit statement instead of each costing a round trip and a transaction of its own.
 * Those no commit carried within `rideMs` are written by `writeAlone`. A completion lost in a crash only runs its item
 * again, which the outbox allows; the item stays leased meanwhile, so no relay takes it in those milliseconds.
 */
export const heldCompletions = (
  writeAlone: (commandIds: ReadonlyArray<string>) => Promise<unknown>,
  rideMs: number,
): HeldCompletions => {
  let held: string[] = []
  let timer: ReturnType<typeof setTimeout> | undefined
  let closed = false

  const carriedBy = async <A>(write: (commandIds: ReadonlyArray<string>) => Promise<A>): Promise<A> => {
    if (timer !== undefined) clearTimeout(timer)
    timer = undefined
    const carried = held
    held = []
    try {
      return await write(carried)
    } catch (error) {
      held = closed ? [] : [...carried, ...held]
      if (held.length > 0) startTimer()
      throw error
    }
  }
  const flush = async () => {
    if (held.length > 0) await carriedBy(writeAlone)
  }
  function startTimer() {
    if (timer !== undefined) return
    timer = setTimeout(() => {
      timer = undefined
      // On failure they are held again, and the timer tries once more; a commit meanwhile reports its own failure.
      flush().catch(() => {})
    }, rideMs)
    // Held completions never keep a process alive: lost at exit, their items only run again.
    if (typeof timer === 'object') timer.unref?.()
  }

  return {
    add: (commandId) => {
      if (closed) return
      held.push(commandId)
      startTimer()
    },
    carriedBy,
    flush,
    close: async () => {
      try {
        await flush()
      } finally {
        closed = true
        held = []
        if (timer !== undefined) clearTimeout(timer)
        timer = undefined
      }
    },
  }
}
