// The floor under the edge bundle: a worker on hono/tiny that runs one effect and decodes one Schema struct, the
// pieces of effect and hono any paychart worker carries before paychart's own code.
import * as Effect from 'effect/Effect'
import * as Schema from 'effect/Schema'
import { Hono } from 'hono/tiny'

const Body = Schema.Struct({ id: Schema.String })
const app = new Hono().post('/', async (c) => {
  const body = await Effect.runPromise(Schema.decodeUnknownEffect(Body)(await c.req.json()))
  return c.json(body)
})

export default { fetch: app.fetch }
