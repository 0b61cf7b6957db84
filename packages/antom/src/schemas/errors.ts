import * as Data from 'effect/Data'
import * as SchemaIssue from 'effect/SchemaIssue'
import { SENSITIVE_FIELDS, SENSITIVE_MESSAGES } from './sensitive.js'

/** One problem, at a field path such as `paymentAmount.value` or `transactions[0].transactionType`. */
export interface WireIssue {
  readonly path: string
  readonly message: string
}

/**
 * A response or notification the gateway sent that does not match the protocol. `path` names the first offending
 * field (`(body)` when the body is not JSON or not an object); `issues` lists every one.
 */
export class WireDecodeError extends Data.TaggedError('WireDecodeError')<{
  readonly what: string
  readonly path: string
  readonly message: string
  readonly issues: ReadonlyArray<WireIssue>
}> {}

/**
 * A request we were about to send that breaks the protocol (too long, missing, malformed). Never carries a card
 * number, CVV, expiry, holder name or OTP: messages about those fields are our own fixed texts.
 */
export class WireEncodeError extends Data.TaggedError('WireEncodeError')<{
  readonly what: string
  readonly path: string
  readonly message: string
  readonly issues: ReadonlyArray<WireIssue>
}> {}

export const formatPath = (path: ReadonlyArray<PropertyKey>, root: string): string => {
  let text = ''
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`
    else text += text === '' ? String(key) : `.${String(key)}`
  }
  return text === '' ? root : text
}

const isSensitive = (path: ReadonlyArray<PropertyKey>) => path.some((key) => SENSITIVE_FIELDS.has(String(key)))

const formatter = SchemaIssue.makeFormatterStandardSchemaV1()

/** Flattens a schema issue into paths and messages; messages about sensitive fields are ours or withheld. */
export const toWireIssues = (issue: SchemaIssue.Issue, root: string): ReadonlyArray<WireIssue> =>
  formatter(issue).issues.map(({ path = [], message }) => {
    const keys = path.map((segment) => (typeof segment === 'object' ? segment.key : segment))
    const safe = !isSensitive(keys) || SENSITIVE_MESSAGES.has(message)
    const field = String(keys.findLast((key) => SENSITIVE_FIELDS.has(String(key))) ?? 'value')
    return { path: formatPath(keys, root), message: safe ? message : `${field} is invalid (the value is withheld)` }
  })

export const firstIssue = (issues: ReadonlyArray<WireIssue>, root: string): WireIssue =>
  issues[0] ?? { path: root, message: 'invalid' }
