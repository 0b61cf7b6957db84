import * as Cause from 'effect/Cause'
import * as Exit from 'effect/Exit'

/** The value of an Exit, or what a Promise user should catch: the typed error itself, else the defect. */
export const settle = <A, E>(exit: Exit.Exit<A, E>): A => {
  if (Exit.isSuccess(exit)) return exit.value
  const found = Cause.findErrorOption(exit.cause)
  throw found._tag === 'Some' ? found.value : Cause.squash(exit.cause)
}
