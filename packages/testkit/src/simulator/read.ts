import type { Money } from '@paychart/core'
import { parseAmount } from '@paychart/core/money'
import * as Result from 'effect/Result'
import { paramIllegal } from './results.js'
import { isJsonObject, type JsonObject, type ResponseBody } from './types.js'

/** Thrown by the readers below and turned into the answer by `handle`; it never leaves the simulator. */
export class Rejected extends Error {
  constructor(readonly body: ResponseBody) {
    super(body.result.resultMessage)
  }
}

export const reject = (body: ResponseBody): never => {
  throw new Rejected(body)
}

const illegal = (message: string): never => reject(paramIllegal(message))

const MAX_ID = 64

/** A request id or gateway id: a non-empty string of at most 64 characters without whitespace or control characters. */
export const readId = (body: JsonObject, field: string): string => {
  const value = body[field]
  if (typeof value !== 'string' || value === '') return illegal(`${field} is required`)
  if (value.length > MAX_ID) return illegal(`${field} exceeds ${MAX_ID} characters`)
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
  if (/[\s\u0000-\u001f\u007f]/.test(value)) return illegal(`${field} contains whitespace or control characters`)
  return value
}

export const readOptionalId = (body: JsonObject, field: string): string | undefined =>
  body[field] === undefined ? undefined : readId(body, field)

export const readString = (body: JsonObject, field: string, maxLength = 2048): string => {
  const value = body[field]
  if (typeof value !== 'string' || value === '') return illegal(`${field} is required`)
  if (value.length > maxLength) return illegal(`${field} exceeds ${maxLength} characters`)
  return value
}

export const readOptionalString = (body: JsonObject, field: string, maxLength = 2048): string | undefined =>
  body[field] === undefined ? undefined : readString(body, field, maxLength)

export const readObject = (body: JsonObject, field: string): JsonObject => {
  const value = body[field]
  return isJsonObject(value) ? value : illegal(`${field} is required`)
}

export const readOptionalObject = (body: JsonObject, field: string): JsonObject | undefined =>
  body[field] === undefined ? undefined : readObject(body, field)

/** An Antom amount `{ currency, value }`; `positive` rejects zero. */
export const readAmount = (body: JsonObject, field: string, positive = true): Money => {
  const wire = readObject(body, field)
  const parsed = parseAmount({ currency: wire.currency, value: wire.value }, field)
  if (Result.isFailure(parsed)) return illegal(parsed.failure.message)
  if (positive && parsed.success.minor === 0) return illegal(`${field}.value must be greater than zero`)
  return parsed.success
}

/** The gateway's booleans arrive as JSON booleans or as the strings "true" / "false". */
export const readFlag = (body: JsonObject | undefined, field: string): boolean => {
  const value = body?.[field]
  return value === true || value === 'true'
}
