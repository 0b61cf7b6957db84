/**
 * One line of the transport's log. It names the request by URL and attempt only: never a body, never a header
 * value (pay bodies carry card numbers, headers carry signatures).
 */
export interface LogEntry {
  readonly event: 'attempt' | 'retry' | 'response' | 'failure'
  readonly url: string
  /** 1-based attempt number. */
  readonly attempt: number
  /** Milliseconds since `send` began, by Effect's Clock. */
  readonly durationMs: number
  readonly status?: number
  /** Why an attempt failed or is retried: a failure kind with error codes, or a gateway result code. */
  readonly reason?: string
  /** On `retry`: the backoff before the next attempt. */
  readonly delayMs?: number
}

export type Logger = (entry: LogEntry) => void

/** Calls the logger; a logger that throws never breaks a send. */
export const emit = (log: Logger | undefined, entry: LogEntry): void => {
  if (log === undefined) return
  try {
    log(entry)
  } catch {
    // logging is best effort
  }
}
