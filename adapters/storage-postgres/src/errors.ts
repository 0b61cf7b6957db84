import { StoreUnavailable } from '@paychart/core'
import * as Data from 'effect/Data'

/** The schema was migrated by a newer release of this package: this one refuses to write to it. */
export class SchemaTooNew extends Data.TaggedError('SchemaTooNew')<{
  readonly schema: string
  readonly found: number
  readonly supported: number
}> {
  override get message() {
    return `schema ${this.schema} is at version ${this.found}; this release knows versions up to ${this.supported}`
  }
}

/**
 * A driver or connection error as the store reports it: the operation, the SQLSTATE and the server's message. Never
 * the error's detail, which can quote the row that failed.
 */
export const unavailable = (operation: string, error: unknown): StoreUnavailable => {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined
  const message = error instanceof Error ? error.message : String(error)
  return new StoreUnavailable({ operation, reason: code === undefined ? message : `${code}: ${message}` })
}

/** SQLSTATE 23505: a unique constraint refused the row. */
export const isUniqueViolation = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && 'code' in error && error.code === '23505'
