// The floor under the edge bundle: a worker on hono/tiny that decodes one Schema struct, runs one effect with a
// service from a layer, and steps one XState actor — the pieces of effect, xstate and hono any paychart worker carries
// before paychart's own code (xstate whole: wrangler's conditions select its CommonJS build, which does not shake).
import * as Context from 'effect/Context'
import * as Effect from 'effect/Effect'
import * as Layer from 'effect/Layer'
import * as Schema from 'effect/Schema'
import { Hono } from 'hono/tiny'
import { assign, createActor, setup } from 'xstate'

const Body = Schema.Struct({ id: Schema.String })

class Counter extends Context.Service<Counter, { readonly start: number }>()('Counter') {}

const counting = setup({
  types: {} as { context: { count: number }; events: { type: 'COUNT' } },
  actions: { increment: assign({ count: ({ context }) => context.count + 1 }) },
}).createMachine({
  context: { count: 0 },
  initial: 'open',
  states: { open: { on: { COUNT: { target: 'counted', actions: 'increment' } } }, counted: {} },
})

const app = new Hono().post('/', async (c) => {
  const program = Effect.gen(function* () {
    const body = yield* Schema.decodeUnknownEffect(Body)(yield* Effect.promise(() => c.req.json()))
    const { start } = yield* Counter
    const actor = createActor(counting).start()
    actor.send({ type: 'COUNT' })
    return { ...body, count: start + actor.getSnapshot().context.count }
  })
  return c.json(await Effect.runPromise(program.pipe(Effect.provide(Layer.succeed(Counter, { start: 1 })))))
})

export default { fetch: app.fetch }
