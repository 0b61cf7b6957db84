#!/usr/bin/env node
// The Antom gateway simulator on a local port, for manual testing: `npm run sim` (SIM_PORT, default 4010).
import { startNotificationLoop, startSimulatorServer, TEST_CARDS } from '../src/index.js'

const port = Number(process.env.SIM_PORT ?? 4010)
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(`SIM_PORT must be a port number, got ${process.env.SIM_PORT}`)
  process.exit(1)
}

const sim = await startSimulatorServer({ port, host: '127.0.0.1' })
const loop = startNotificationLoop({
  simulator: sim.simulator,
  keys: sim.keys,
  clientId: sim.clientId,
  intervalMs: 1_000,
  onError: (error) => console.error('notification delivery failed:', error),
})

const cards = TEST_CARDS.map((card) => `  ${card.number}  ${card.brand.padEnd(10)}  ${card.description}`).join('\n')
console.log(`paychart gateway simulator listening on ${sim.url}

baseUrl                 ${sim.url}
client id               ${sim.clientId}
merchant private key    (Base64 PKCS#8, throwaway, made at start)
${sim.keys.merchantPrivateKey}
gateway public key      (Base64 SPKI: verify responses and notifications with it)
${sim.keys.gatewayPublicKey}

test cards
${cards}

Notifications due are delivered every second. Ctrl-C to stop.`)

let stopping = false
const stop = async (signal: string) => {
  if (stopping) return
  stopping = true
  console.log(`\n${signal}: stopping`)
  await loop.stop()
  await sim.close()
  process.exit(0)
}
process.on('SIGINT', () => void stop('SIGINT'))
process.on('SIGTERM', () => void stop('SIGTERM'))
