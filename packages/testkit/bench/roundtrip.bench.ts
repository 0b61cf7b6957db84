// Signed round trips per second: makeAntomClient -> simulatorTransport -> the simulator app and back, next to a loop
// that only signs the same request body with the same merchant key. A round trip signs twice (the client's request,
// the simulator's response) and verifies twice, so the crypto alone caps the ratio near 0.5; the second figure of
// each backend compares against that floor (sign + sign + verify + verify) to show what the wire layer itself costs,
// through the app (a Request and a Response per call) and through simulatorApiTransport (the same API, no HTTP objects).
import {
  encodeRequest,
  endpointPath,
  importPrivateKey,
  importPublicKey,
  makeAntomClient,
  type SigningBackend,
  signRequest,
  type Transport,
} from '@paychart/antom'
import { type Figure, figure, opsPerSecondNextTo, writeFigures } from '@paychart/bench-kit'
import { paymentRequestId, unsafeId } from '@paychart/core/ids'
import { Effect, type Layer } from 'effect'
import { createSimulator } from '../src/simulator/index.js'
import { payBody } from '../src/simulator/simulator.fixtures.js'
import {
  createSimulatorApp,
  generateSimulatorKeys,
  simulatorApiTransport,
  simulatorTransport,
} from '../src/wire/index.js'

// Calls are awaited one after another, each timed call doing `batch` of them.
const batch = 20
const clientId = 'SANDBOX_BENCH'
const keys = await generateSimulatorKeys()
const request = { paymentRequestId: unsafeId(paymentRequestId('PAY-BENCH-1')) }
const body = await Effect.runPromise(encodeRequest('inquiryPayment', request))
const path = endpointPath(clientId, 'inquiryPayment')

const measure = async (backend: SigningBackend): Promise<ReadonlyArray<Figure>> => {
  const simulator = createSimulator({ baseUrl: 'http://bench.test' })
  simulator.request('pay', payBody({ paymentRequestId: 'PAY-BENCH-1', captureMode: 'MANUAL' }))
  const clientOver = (transport: Layer.Layer<Transport>) =>
    Effect.runPromise(
      makeAntomClient({
        clientId,
        merchantPrivateKey: keys.merchantPrivateKey,
        antomPublicKey: keys.gatewayPublicKey,
        baseUrl: 'http://bench.test',
        signing: backend,
      }).pipe(Effect.provide(transport)),
    )
  const roundTripsOver = async (transport: Layer.Layer<Transport>) => {
    const client = await clientOver(transport)
    return async () => {
      for (let i = 0; i < batch; i++) {
        const answer = await Effect.runPromise(client.inquiryPayment(request))
        if (answer.paymentStatus !== 'SUCCESS') throw new Error(`unexpected ${answer.paymentStatus}`)
      }
      return batch
    }
  }
  const roundTrips = await roundTripsOver(
    simulatorTransport(createSimulatorApp({ simulator, keys, clientId, backend })),
  )
  const apiRoundTrips = await roundTripsOver(simulatorApiTransport({ simulator, keys, clientId, backend }))
  const signer = await Effect.runPromise(importPrivateKey(keys.merchantPrivateKey, { backend }))
  const verifier = await Effect.runPromise(importPublicKey(keys.merchantPublicKey, { backend }))
  const sign = () => Effect.runPromise(signRequest({ path, clientId, body, now: Date.now(), privateKey: signer }))
  const signOnly = async () => {
    for (let i = 0; i < batch; i++) await sign()
    return batch
  }
  const cryptoFloor = async () => {
    for (let i = 0; i < batch; i++) {
      const [a, b] = [await sign(), await sign()]
      const content = `POST ${path}\n${clientId}.${a['request-time']}.${body}`
      const signature = decodeURIComponent(b.signature.slice(b.signature.indexOf('signature=') + 10))
      await Effect.runPromise(verifier.verify(content, signature))
      await Effect.runPromise(verifier.verify(content, signature))
    }
    return batch
  }
  const vsSign = await opsPerSecondNextTo(roundTrips, signOnly)
  const vsFloor = await opsPerSecondNextTo(roundTrips, cryptoFloor, { rounds: 5 })
  const apiVsFloor = await opsPerSecondNextTo(apiRoundTrips, cryptoFloor, { rounds: 5 })
  const label = backend === 'node' ? 'node:crypto' : 'WebCrypto'
  return [
    figure(
      `testkit: signed inquiryPayment round trips, in-process simulator (${label})`,
      vsSign.value,
      'round trips/s',
      `signRequest alone, same body and key (${label})`,
      vsSign.baselineValue,
    ),
    figure(
      `testkit: signed inquiryPayment round trips vs their crypto (${label})`,
      vsFloor.value,
      'round trips/s',
      `2 signs + 2 verifies, same body and keys (${label})`,
      vsFloor.baselineValue,
    ),
    figure(
      `testkit: signed inquiryPayment round trips over simulatorApiTransport vs their crypto (${label})`,
      apiVsFloor.value,
      'round trips/s',
      `2 signs + 2 verifies, same body and keys (${label})`,
      apiVsFloor.baselineValue,
    ),
  ]
}

writeFigures(new URL('../', import.meta.url), [...(await measure('node')), ...(await measure('webcrypto'))])
