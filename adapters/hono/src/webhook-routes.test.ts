import { Engine } from '@paychart/core'
import { Effect, Exit } from 'effect'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { ACK_BODY } from './answers.js'
import { CLIENT_ID, makeEngine, makeKeys, NOW, paymentNotification, signedHeaders } from './hono.fixtures.js'
import { webhookRoutes } from './webhook-routes.js'

const PATH = '/antom/notify/payment'
let keys: Awaited<ReturnType<typeof makeKeys>>
let engines: Array<ReturnType<typeof makeEngine>> = []

beforeAll(async () => {
  keys = await makeKeys()
})
afterEach(async () => {
  await Promise.all(engines.map((e) => e.runtime.dispose()))
  engines = []
})

const setup = async (options: { storeDown?: boolean; commitDown?: () => boolean; maxBodyBytes?: number } = {}) => {
  const engine = makeEngine({
    ...(options.storeDown === undefined ? {} : { storeDown: options.storeDown }),
    ...(options.commitDown === undefined ? {} : { commitDown: options.commitDown }),
  })
  engines.push(engine)
  const app = webhookRoutes({
    run: engine.run,
    antomPublicKey: keys.verifier,
    clientId: CLIENT_ID,
    now: () => NOW,
    ...(options.maxBodyBytes === undefined ? {} : { maxBodyBytes: options.maxBodyBytes }),
  })
  const create = (id: string) =>
    engine.run(
      Effect.gen(function* () {
        const e = yield* Engine
        return yield* e.createPayment({
          paymentRequestId: id,
          amount: { currency: 'USD', minor: 1000 },
          paymentMethodType: 'CARD',
        })
      }),
    )
  const notifications = async (id: string) => {
    const exit = await engine.run(
      Effect.gen(function* () {
        const e = yield* Engine
        return yield* e.timeline(id)
      }),
    )
    if (!Exit.isSuccess(exit)) throw new Error('timeline failed')
    return exit.value.filter((entry) => entry.event.type === 'PAYMENT_NOTIFIED')
  }
  const status = async (id: string) => {
    const exit = await engine.run(
      Effect.gen(function* () {
        const e = yield* Engine
        return yield* e.status(id)
      }),
    )
    if (!Exit.isSuccess(exit)) throw new Error('status failed')
    return exit.value
  }
  const post = async (body: string, headers?: Record<string, string>) =>
    app.request(PATH, {
      method: 'POST',
      body,
      headers: headers ?? (await signedHeaders(keys.signer, { path: PATH, body })),
    })
  return { engine, app, create, notifications, status, post }
}

describe('webhookRoutes', () => {
  it('acknowledges a signed notification once the engine committed it, and a redelivery without a second transition', async () => {
    const { create, post, notifications, status } = await setup()
    expect(Exit.isSuccess(await create('PAY-1'))).toBe(true)
    const before = await status('PAY-1')
    const body = paymentNotification('PAY-1')

    const first = await post(body)
    expect(first.status).toBe(200)
    expect(await first.text()).toBe(ACK_BODY)
    expect(await notifications('PAY-1')).toHaveLength(1)
    const after = await status('PAY-1')
    expect(after.version).toBeGreaterThan(before.version)
    expect(after.paymentId).toBe('P-PAY-1')

    const again = await post(body)
    expect(again.status).toBe(200)
    expect(await again.text()).toBe(ACK_BODY)
    expect(await notifications('PAY-1')).toHaveLength(1)
    expect((await status('PAY-1')).version).toBe(after.version)
  })

  it('answers a redelivery from the key in its raw body, before decoding it and without the engine', async () => {
    const { create, post, notifications, engine } = await setup()
    await create('PAY-EARLY')
    expect((await post(paymentNotification('PAY-EARLY'))).status).toBe(200)
    const runs = engine.runs()
    // The same facts with a field the decoder refuses: only the early answer can acknowledge it.
    const redelivered = paymentNotification('PAY-EARLY', { paymentCreateTime: 'not a time' })
    expect((await post(redelivered)).status).toBe(200)
    expect(engine.runs()).toBe(runs)
    expect(await notifications('PAY-EARLY')).toHaveLength(1)
    // Other facts (another result) are another notification: decoded, and refused here as malformed.
    const other = paymentNotification('PAY-EARLY', {
      result: { resultCode: 'DO_NOT_HONOR', resultStatus: 'F' },
      paymentCreateTime: 'not a time',
    })
    expect((await post(other)).status).toBe(400)
  })

  it('remembers only what was committed: a notification for no payment goes to the engine every time', async () => {
    const { post, engine } = await setup()
    const body = paymentNotification('PAY-NOBODY')
    expect((await post(body)).status).toBe(404)
    expect((await post(body)).status).toBe(404)
    expect(engine.runs()).toBe(2)
  })

  it("remembers nothing with rememberedKeys 0: a redelivery is the engine's duplicate", async () => {
    const { create, engine } = await setup()
    await create('PAY-FORGET')
    const forgetful = webhookRoutes({
      run: engine.run,
      antomPublicKey: keys.verifier,
      clientId: CLIENT_ID,
      now: () => NOW,
      rememberedKeys: 0,
    })
    const body = paymentNotification('PAY-FORGET')
    const send = async () =>
      forgetful.request(PATH, { method: 'POST', body, headers: await signedHeaders(keys.signer, { path: PATH, body }) })
    const before = engine.runs()
    expect((await send()).status).toBe(200)
    expect((await send()).status).toBe(200)
    expect(engine.runs()).toBe(before + 2)
  })

  it('routes capture and refund notifications on their own paths too', async () => {
    const { app, create, engine } = await setup()
    await create('PAY-2')
    const body = paymentNotification('PAY-2')
    for (const path of ['/antom/notify/capture', '/antom/notify/refund']) {
      const response = await app.request(path, {
        method: 'POST',
        body,
        headers: await signedHeaders(keys.signer, { path, body }),
      })
      expect(response.status).toBe(200)
    }
    // The create, then the first delivery; the same notification on the second path is remembered as committed.
    expect(engine.runs()).toBe(2)
  })

  it('answers 401 to a bad or missing signature without calling the engine', async () => {
    const { post, engine } = await setup()
    const body = paymentNotification('PAY-3')
    const signed = await signedHeaders(keys.signer, { path: PATH, body })
    const tampered = await post(body.replace('1000', '9999'), signed)
    expect(tampered.status).toBe(401)
    expect(JSON.parse(await tampered.text()).result.resultStatus).toBe('F')
    const { signature: _dropped, ...unsigned } = signed
    expect((await post(body, unsigned)).status).toBe(401)
    const otherPath = await signedHeaders(keys.signer, { path: '/elsewhere', body })
    expect((await post(body, otherPath)).status).toBe(401)
    const otherClient = await signedHeaders(keys.signer, { path: PATH, body, clientId: 'SANDBOX_OTHER' })
    expect((await post(body, otherClient)).status).toBe(401)
    expect(engine.runs()).toBe(0)
  })

  it('answers 401 to a request-time outside the tolerance, either way', async () => {
    const { post, engine } = await setup()
    const body = paymentNotification('PAY-4')
    for (const time of [NOW - 5 * 60 * 1000 - 1, NOW + 5 * 60 * 1000 + 1]) {
      const response = await post(body, await signedHeaders(keys.signer, { path: PATH, body, time }))
      expect(response.status).toBe(401)
    }
    const edge = await post(body, await signedHeaders(keys.signer, { path: PATH, body, time: NOW - 5 * 60 * 1000 }))
    expect(edge.status).not.toBe(401)
    expect(engine.runs()).toBe(1)
  })

  it('answers 400 to a malformed body, naming the field', async () => {
    const { post, engine } = await setup()
    const notJson = await post('{"notifyType":')
    expect(notJson.status).toBe(400)
    const badAmount = await post(paymentNotification('PAY-5', { paymentAmount: { currency: 'USD', value: 'ten' } }))
    expect(badAmount.status).toBe(400)
    expect(JSON.parse(await badAmount.text()).result.resultMessage).toContain('paymentAmount')
    expect(engine.runs()).toBe(0)
  })

  it('answers 413 to a body over the limit, by content-length or by what was read', async () => {
    const { post, app, engine } = await setup({ maxBodyBytes: 256 })
    const body = paymentNotification('PAY-6', { padding: 'x'.repeat(400) })
    expect((await post(body)).status).toBe(413)
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(body))
        controller.close()
      },
    })
    const streamed = await app.request(PATH, {
      method: 'POST',
      body: stream,
      headers: await signedHeaders(keys.signer, { path: PATH, body }),
      duplex: 'half',
    } as RequestInit)
    expect(streamed.status).toBe(413)
    expect(engine.runs()).toBe(0)
  })

  it('answers a notification for an unknown payment with a non-success, recorded for review', async () => {
    const { post, engine } = await setup()
    const response = await post(paymentNotification('PAY-UNKNOWN'))
    expect(response.status).toBe(404)
    expect(JSON.parse(await response.text()).result).toMatchObject({ resultCode: 'ORDER_NOT_EXIST', resultStatus: 'F' })
    expect(engine.memory.raw.unmatched.size).toBe(1)
  })

  it('answers 500 with a non-success when the engine fails', async () => {
    const { post } = await setup({ storeDown: true })
    const response = await post(paymentNotification('PAY-7'))
    expect(response.status).toBe(500)
    const text = await response.text()
    expect(text).not.toBe(ACK_BODY)
    expect(JSON.parse(text).result.resultStatus).not.toBe('S')
  })

  it('answers a non-success when the commit itself fails, and acknowledges the redelivery once it can commit', async () => {
    let down = false
    const { post, engine, create } = await setup({ commitDown: () => down })
    await create('PAY-8')
    down = true
    const refused = await post(paymentNotification('PAY-8'))
    expect(refused.status).toBe(500)
    expect(JSON.parse(await refused.text()).result.resultStatus).not.toBe('S')
    expect(engine.memory.raw.notifications.size).toBe(0)
    down = false
    const again = await post(paymentNotification('PAY-8'))
    expect(await again.text()).toBe(ACK_BODY)
    expect(engine.memory.raw.notifications.size).toBe(1)
  })
})
