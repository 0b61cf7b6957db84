// The checkout demo: `npm run demo` (PORT, default 3000; SIM_PORT, default a free port; DATA_DIR, default .data;
// PUBLIC_URL, default http://localhost:PORT; ADMIN_USER and ADMIN_PASSWORD for the merchant pages; PAYCHART_TELEMETRY=console
// or OTEL_EXPORTER_OTLP_ENDPOINT for traces and metrics).
// With ANTOM_CLIENT_ID, ANTOM_PRIVATE_KEY, ANTOM_PUBLIC_KEY and ANTOM_HOST set it talks to the real Antom sandbox.

import { randomBytes } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { TEST_CARDS } from '@paychart/testkit'
import { basicAuth } from 'hono/basic-auth'
import { type CheckoutApp, createCheckoutApp } from './app.js'
import { gatewayFromEnv } from './gateway-config.js'
import { freePort, type Listening, listen } from './listen.js'
import { startLocalSimulator } from './simulated-gateway.js'
import { openCheckoutStore } from './store.js'
import { telemetryFromEnv } from './telemetry.js'

const fail = (message: string): never => {
  console.error(message)
  process.exit(1)
}

const portOf = (name: string, fallback: number): number => {
  const value = Number(process.env[name] ?? fallback)
  return Number.isInteger(value) && value >= 0 && value <= 65_535
    ? value
    : fail(`${name} must be a port number, got ${process.env[name]}`)
}

const choice = gatewayFromEnv(process.env)
if (choice.kind === 'incomplete') {
  fail(`Set all four of ANTOM_CLIENT_ID, ANTOM_PRIVATE_KEY, ANTOM_PUBLIC_KEY and ANTOM_HOST, or none of them.
Missing: ${choice.missing.join(', ')}`)
}
const asked = portOf('PORT', 3000)
const port = asked === 0 ? await freePort() : asked
// Redirect and notify URLs, and the origin forms must come from: configuration, never a request's Host header.
const publicUrl = (process.env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/+$/, '')
// The merchant pages capture, cancel and refund: behind basic auth, with a password made up here unless one is set.
const merchant = {
  username: process.env.ADMIN_USER ?? 'merchant',
  password: process.env.ADMIN_PASSWORD ?? randomBytes(12).toString('base64url'),
}
const simPort = portOf('SIM_PORT', 0)
const dataDir = process.env.DATA_DIR ?? fileURLToPath(new URL('../.data/', import.meta.url))

const { gateway, simulator } =
  choice.kind === 'sandbox'
    ? { gateway: choice.config, simulator: undefined }
    : await startLocalSimulator({
        port: simPort,
        onError: (error) => console.error('notification delivery failed:', error),
      }).then((started) => ({ gateway: started.gateway, simulator: started }))
const gatewayName = simulator === undefined ? 'the Antom sandbox' : 'the gateway simulator'

const telemetry = telemetryFromEnv(process.env)
const store = openCheckoutStore({ filename: `${dataDir.replace(/\/+$/, '')}/checkout.db` })
let checkout: CheckoutApp | undefined
let server: Listening | undefined
let stopping = false
const stop = async (signal: string) => {
  if (stopping) return
  stopping = true
  console.log(`\n${signal}: stopping`)
  await server?.close()
  await simulator?.close()
  await checkout?.dispose()
  store.close()
  process.exit(signal === 'error' ? 1 : 0)
}
process.on('SIGINT', () => void stop('SIGINT'))
process.on('SIGTERM', () => void stop('SIGTERM'))

try {
  checkout = await createCheckoutApp({
    gateway,
    store,
    gatewayName: `${gatewayName} (${gateway.baseUrl})`,
    // The simulator knows every test card; the real sandbox only its own.
    testCards: simulator === undefined ? TEST_CARDS.filter((card) => card.description.includes('sandbox')) : TEST_CARDS,
    ...(simulator === undefined ? {} : { simulatorOtpCode: simulator.server.simulator.config.otpCode }),
    // The real gateway's Checkout Page is embedded with its web SDK; the simulator's is a hosted page.
    ...(simulator === undefined
      ? { checkoutSdk: gateway.clientId.startsWith('SANDBOX_') ? ('sandbox' as const) : ('prod' as const) }
      : {}),
    publicUrl,
    adminAuth: basicAuth(merchant),
    relay: { every: '1 second', owner: `checkout-${process.pid}` },
    ...(telemetry.kind === 'off' ? {} : { telemetry: telemetry.layer }),
    onDomainEvent: (id, event) => console.log(`${new Date().toISOString()}  ${id}  ${event.type}`),
  })
  await checkout.start()
  server = await listen(checkout.app, { port, host: '127.0.0.1' })
} catch (error) {
  // A key that does not import or a port in use; the message names it and carries no secret.
  console.error(`could not start: ${error instanceof Error ? error.message : String(error)}`)
  await stop('error')
}

const cards = TEST_CARDS.map((card) => `  ${card.number}  ${card.brand.padEnd(10)}  ${card.description}`).join('\n')
console.log(`paychart checkout: ${server?.url}

gateway    ${gatewayName} at ${gateway.baseUrl}
store      ${store.description}
telemetry  ${telemetry.kind === 'off' ? 'off (PAYCHART_TELEMETRY=console, or OTEL_EXPORTER_OTLP_ENDPOINT)' : telemetry.describe}
health     ${publicUrl}/health/ready
shop       ${publicUrl}/
payments   ${publicUrl}/payments (user ${merchant.username}, password ${
  process.env.ADMIN_PASSWORD === undefined ? merchant.password : 'from ADMIN_PASSWORD'
})
${
  simulator === undefined
    ? ''
    : `
test cards (any future expiry, any CVV; the OTP is ${simulator.server.simulator.config.otpCode})
${cards}
`
}
Ctrl-C to stop.`)
