import { storableText } from '@paychart/core/machine'

/** How JSON writes U+0000 or a UTF-16 surrogate: the only way a body can carry either (raw, UTF-8 cannot). */
const RISKY_ESCAPE = /\\u(?:0000|[dD][89a-fA-F][0-9a-fA-F]{2})/

const storableValue = (value: unknown): unknown => {
  if (typeof value === 'string') return storableText(value)
  if (Array.isArray(value)) return value.map(storableValue)
  if (typeof value !== 'object' || value === null) return value
  const copy: Record<string, unknown> = {}
  for (const [key, inner] of Object.entries(value)) copy[storableText(key)] = storableValue(inner)
  return copy
}

/**
 * `JSON.parse` of what the gateway sent, with U+0000 and half surrogate pairs replaced by U+FFFD, as a UTF-8 decoder
 * replaces what it cannot read: no store can hold them (Postgres' jsonb refuses both), and a payment's answer or
 * notice must never be one its store cannot commit. A body without such an escape is parsed as it is.
 */
export const parseStorableJson = (body: string): unknown => {
  const value: unknown = JSON.parse(body)
  return RISKY_ESCAPE.test(body) ? storableValue(value) : value
}
