import * as Effect from 'effect/Effect'
import * as Schema from 'effect/Schema'
import { ENDPOINT_SCHEMAS, type Endpoint, type ResponseOf } from './endpoints.js'
import { firstIssue, toWireIssues, WireDecodeError } from './errors.js'
import { NOTIFICATION_SCHEMAS, type Notification } from './notifications.js'
import { parseStorableJson } from './storable-json.js'

const BODY = '(body)'

/** Fields the gateway adds later are dropped, never an error; every issue is reported, not just the first. */
const OPTIONS = { onExcessProperty: 'ignore', errors: 'all' } as const

const fail = (what: string, path: string, message: string) =>
  Effect.fail(new WireDecodeError({ what, path, message, issues: [{ path, message }] }))

const parseJson = (body: string, what: string): Effect.Effect<unknown, WireDecodeError> =>
  Effect.try({
    try: (): unknown => parseStorableJson(body),
    catch: (error) =>
      new WireDecodeError({
        what,
        path: BODY,
        message: `malformed JSON: ${error instanceof Error ? error.message : String(error)}`,
        issues: [{ path: BODY, message: 'malformed JSON' }],
      }),
  })

const isObject = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** Decodes an already parsed value; errors name the field path. */
export const decodeWire = <S extends Schema.Decoder<unknown>>(
  schema: S,
  input: unknown,
  what: string,
): Effect.Effect<S['Type'], WireDecodeError> => {
  if (!isObject(input)) return fail(what, BODY, 'Expected a JSON object')
  return Schema.decodeUnknownEffect(schema)(input, OPTIONS).pipe(
    Effect.mapError((error) => {
      const issues = toWireIssues(error.issue, BODY)
      const { path, message } = firstIssue(issues, BODY)
      return new WireDecodeError({ what, path, message, issues })
    }),
  )
}

/**
 * Decodes a raw response body with `schema`. `what` names it in the error, e.g. `'pay response'`. Malformed JSON
 * and a body that is not an object fail with `path: '(body)'`; a schema mismatch names the field.
 */
export const decodeResponse = <S extends Schema.Decoder<unknown>>(
  schema: S,
  body: string,
  what: string,
): Effect.Effect<S['Type'], WireDecodeError> =>
  Effect.flatMap(parseJson(body, what), (json) => decodeWire(schema, json, what))

/** `decodeResponse` with the endpoint's own response schema. */
export const decodeEndpointResponse = <E extends Endpoint>(
  endpoint: E,
  body: string,
): Effect.Effect<ResponseOf<E>, WireDecodeError> =>
  decodeResponse(ENDPOINT_SCHEMAS[endpoint].response, body, `${endpoint} response`) as Effect.Effect<
    ResponseOf<E>,
    WireDecodeError
  >

const isNotifyType = (value: unknown): value is keyof typeof NOTIFICATION_SCHEMAS =>
  typeof value === 'string' && Object.hasOwn(NOTIFICATION_SCHEMAS, value)

/**
 * Decodes a notification's raw body (after its signature was verified). The schema is chosen by `notifyType`, so
 * an unknown type fails at `notifyType` and a bad field is named within its own notification.
 */
export const decodeNotification = (body: string): Effect.Effect<Notification, WireDecodeError> =>
  Effect.flatMap(parseJson(body, 'notification'), (json) => {
    if (!isObject(json)) return fail('notification', BODY, 'Expected a JSON object')
    const { notifyType } = json
    if (!isNotifyType(notifyType)) {
      const known = Object.keys(NOTIFICATION_SCHEMAS).join(', ')
      return fail('notification', 'notifyType', `Expected one of ${known}`)
    }
    return decodeWire<Schema.Decoder<Notification>>(
      NOTIFICATION_SCHEMAS[notifyType],
      json,
      `${notifyType} notification`,
    )
  })
