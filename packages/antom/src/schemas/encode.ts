import * as Effect from 'effect/Effect'
import * as Schema from 'effect/Schema'
import { ENDPOINT_SCHEMAS, type Endpoint, type RequestOf } from './endpoints.js'
import { firstIssue, toWireIssues, WireEncodeError } from './errors.js'

const REQUEST = '(request)'

/** Encodes a typed request to the wire form, revealing Redacted values; errors name the field path. */
export const encodeWire = <S extends Schema.Encoder<unknown>>(
  schema: S,
  request: S['Type'],
  what: string,
): Effect.Effect<S['Encoded'], WireEncodeError> =>
  Schema.encodeEffect(schema)(request, { errors: 'all' }).pipe(
    Effect.mapError((error) => {
      const issues = toWireIssues(error.issue, REQUEST)
      const { path, message } = firstIssue(issues, REQUEST)
      return new WireEncodeError({ what, path, message, issues })
    }),
  )

/**
 * The JSON body for `endpoint`: checks the spec's lengths, required fields and values, converts Money to
 * `{ currency, value }`, and reveals card data and OTPs only here, into the returned string.
 */
export const encodeRequest = <E extends Endpoint>(
  endpoint: E,
  request: RequestOf<E>,
): Effect.Effect<string, WireEncodeError> =>
  Effect.map(
    encodeWire<Schema.Encoder<unknown>>(ENDPOINT_SCHEMAS[endpoint].request, request, `${endpoint} request`),
    (wire) => JSON.stringify(wire),
  )
