import { paymentRequestId, unsafeId } from '@paychart/core/ids'
import { Effect, Exit, Layer } from 'effect'
import { describe, expect, it } from 'vitest'
import { buildSignedContent, importPrivateKey, signatureHeader, signContent } from '../signing/index.js'
import { openssl } from '../signing/openssl.fixtures.js'
import { type HttpRequest, type HttpResponse, Transport } from '../transport.js'
import { makeAntomClient } from './client.js'

const clientId = 'SANDBOX_5YBZ2M2ZJ8AJ01234'

/** A gateway stand-in that answers with `answer` and signs it (unless told not to) with the fixture key. */
const gatewayAnswering = (answer: object, { sign = true, status = 200 } = {}) => {
  const seen: HttpRequest[] = []
  const layer = Layer.effect(
    Transport,
    Effect.gen(function* () {
      const signer = yield* importPrivateKey(openssl.keys.privatePkcs8Pem)
      return {
        send: (request: HttpRequest) =>
          Effect.gen(function* () {
            seen.push(request)
            const body = JSON.stringify(answer)
            const path = new URL(request.url).pathname
            const time = '1763800000000'
            const headers: Record<string, string> = { 'response-time': time, 'client-id': clientId }
            if (sign) {
              const content = buildSignedContent({ method: 'POST', path, clientId, time, body })
              headers.signature = signatureHeader({ keyVersion: 1, signature: yield* signContent(signer, content) })
            }
            return { status, headers, body } satisfies HttpResponse
          }),
      }
    }),
  )
  return { layer, seen }
}

const run = <A, E>(
  answer: object,
  use: (client: Effect.Success<ReturnType<typeof makeAntomClient>>) => Effect.Effect<A, E>,
  sign = true,
  status = 200,
) => {
  const gateway = gatewayAnswering(answer, { sign, status })
  const program = Effect.gen(function* () {
    const client = yield* makeAntomClient({
      clientId,
      merchantPrivateKey: openssl.keys.privatePkcs8Pem,
      antomPublicKey: openssl.keys.publicSpkiPem,
      baseUrl: 'https://gateway.test',
    })
    return yield* use(client)
  })
  return { exit: Effect.runPromiseExit(program.pipe(Effect.provide(gateway.layer))), seen: gateway.seen }
}

const inquiry = { paymentRequestId: unsafeId(paymentRequestId('PAY-1')) }

describe('Antom client', () => {
  it('signs the request, routes a sandbox client to the sandbox path, and decodes an S answer', async () => {
    const { exit, seen } = run(
      { result: { resultCode: 'SUCCESS', resultStatus: 'S', resultMessage: 'success' }, paymentStatus: 'SUCCESS' },
      (client) => client.inquiryPayment(inquiry),
    )
    const value = await exit
    expect(Exit.isSuccess(value) && value.value.paymentStatus).toBe('SUCCESS')
    expect(seen[0]?.url).toBe('https://gateway.test/ams/sandbox/api/v1/payments/inquiryPayment')
    expect(seen[0]?.headers.signature).toMatch(/^algorithm=RSA256,keyVersion=1,signature=/)
    expect(seen[0]?.headers['client-id']).toBe(clientId)
  })

  it('fails with the endpoint’s own typed result code', async () => {
    const { exit } = run(
      { result: { resultCode: 'ORDER_NOT_EXIST', resultStatus: 'F', resultMessage: 'no' } },
      (client) =>
        client
          .inquiryPayment(inquiry)
          .pipe(Effect.catchTag('ORDER_NOT_EXIST', (e) => Effect.succeed(`caught ${e.category}`))),
    )
    const value = await exit
    expect(Exit.isSuccess(value) && value.value).toBe('caught merchantConfiguration')
  })

  it('carries an unknown code with its status instead of crashing', async () => {
    const { exit } = run({ result: { resultCode: 'BRAND_NEW_CODE', resultStatus: 'U' } }, (client) =>
      client.inquiryPayment(inquiry),
    )
    const value = await exit
    expect(Exit.isFailure(value) && JSON.stringify(value.cause)).toContain('UnknownResultCode')
  })

  it('believes no unsigned answer: an S fails MissingSignature, an F or a U is UnverifiedAnswer, not a result', async () => {
    const unsignedS = await run(
      { result: { resultCode: 'SUCCESS', resultStatus: 'S' } },
      (c) => c.inquiryPayment(inquiry),
      false,
    ).exit
    expect(Exit.isFailure(unsignedS) && JSON.stringify(unsignedS.cause)).toContain('MissingSignature')
    for (const resultStatus of ['F', 'U']) {
      const unsigned = await run(
        { result: { resultCode: 'PROCESS_FAIL', resultStatus } },
        (c) => c.inquiryPayment(inquiry),
        false,
      ).exit
      expect(Exit.isFailure(unsigned) && JSON.stringify(unsigned.cause)).toContain('UnverifiedAnswer')
      expect(JSON.stringify(Exit.isFailure(unsigned) && unsigned.cause)).not.toContain('"_tag":"PROCESS_FAIL"')
    }
  })

  it('believes no answer that is not HTTP 200, signed or not', async () => {
    for (const sign of [true, false]) {
      const exit = await run(
        { result: { resultCode: 'PROCESS_FAIL', resultStatus: 'F' } },
        (c) => c.inquiryPayment(inquiry),
        sign,
        500,
      ).exit
      expect(Exit.isFailure(exit) && JSON.stringify(exit.cause)).toContain('"reason":"httpStatus"')
    }
  })
})
