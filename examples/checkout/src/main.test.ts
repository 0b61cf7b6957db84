import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startSimulatorServer } from '@paychart/testkit'
import { afterEach, describe, expect, it } from 'vitest'

const packageDir = fileURLToPath(new URL('..', import.meta.url))
let child: ChildProcess | undefined
let dataDir = ''

afterEach(() => {
  if (child?.exitCode === null) child.kill('SIGKILL')
  rmSync(dataDir, { recursive: true, force: true })
})

// Whatever the shell running the tests has set, the demo here talks to its own simulator.
const { PUBLIC_URL: _, ...inherited } = process.env
const NO_SANDBOX = { ANTOM_CLIENT_ID: '', ANTOM_PRIVATE_KEY: '', ANTOM_PUBLIC_KEY: '', ANTOM_HOST: '' }
const MERCHANT = { ADMIN_USER: 'shopkeeper', ADMIN_PASSWORD: 'demo-test-password' }
const merchantHeaders = { authorization: `Basic ${btoa('shopkeeper:demo-test-password')}` }

/** Starts `npm run demo`'s command on free ports; resolves with the URL it prints. */
const startDemo = (env: Record<string, string> = {}) =>
  new Promise<{ url: string; origin: string; output: () => string }>((resolve, reject) => {
    dataDir = mkdtempSync(join(tmpdir(), 'paychart-demo-'))
    child = spawn(process.execPath, ['--import', 'tsx', '--conditions=@paychart/source', 'src/main.ts'], {
      cwd: packageDir,
      env: { ...inherited, ...NO_SANDBOX, ...MERCHANT, PORT: '0', SIM_PORT: '0', DATA_DIR: dataDir, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    const read = (chunk: Buffer) => {
      output += chunk.toString()
      const url = /paychart checkout: (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1]
      const shop = /shop +(http:\/\/localhost:\d+)\//.exec(output)?.[1]
      if (url !== undefined && shop !== undefined && output.includes('Ctrl-C to stop.')) {
        resolve({ url, origin: shop, output: () => output })
      }
    }
    child.stdout?.on('data', read)
    child.stderr?.on('data', read)
    child.once('exit', (code) => reject(new Error(`the demo exited with ${code} before listening:\n${output}`)))
  })

const exited = (process: ChildProcess) =>
  new Promise<number | null>((resolve) => process.once('exit', (code) => resolve(code)))

describe('the demo (src/main.ts)', () => {
  it('starts the simulator and the shop, prints the URL, serves, and stops cleanly on SIGINT', async () => {
    const { url, output } = await startDemo()
    expect(output()).toMatch(/gateway +the gateway simulator at http:\/\/127\.0\.0\.1:\d+/)
    expect(output()).toContain(`store      SQLite, ${dataDir}/checkout.db`)
    expect((await fetch(`${url}/`)).status).toBe(200)
    expect((await fetch(`${url}/payments`)).status).toBe(401)
    expect((await fetch(`${url}/payments`, { headers: merchantHeaders })).status).toBe(200)
    expect(output()).toMatch(
      /payments +http:\/\/localhost:\d+\/payments \(user shopkeeper, password from ADMIN_PASSWORD\)/,
    )
    expect(existsSync(join(dataDir, 'checkout.db'))).toBe(true)

    const running = child
    if (running === undefined) throw new Error('no demo')
    const done = exited(running)
    running.kill('SIGINT')
    expect(await done).toBe(0)
    expect(output()).toContain('SIGINT: stopping')
    await expect(fetch(`${url}/`)).rejects.toThrow()
  }, 30_000)

  it('talks to the gateway the four sandbox variables name, signed over HTTP, instead of its own simulator', async () => {
    // A gateway of our own stands in for the Antom sandbox: the app sees only its client id, keys and host.
    const gateway = await startSimulatorServer()
    try {
      const { url, origin, output } = await startDemo({
        ANTOM_CLIENT_ID: gateway.clientId,
        ANTOM_PRIVATE_KEY: gateway.keys.merchantPrivateKey,
        ANTOM_PUBLIC_KEY: gateway.keys.gatewayPublicKey,
        ANTOM_HOST: gateway.url,
      })
      expect(output()).toContain(`gateway    the Antom sandbox at ${gateway.url}`)
      const paid = await fetch(`${url}/checkout/card`, {
        method: 'POST',
        headers: { origin },
        body: new URLSearchParams({ cardNo: '4054695723100768', expiryMonth: '12', expiryYear: '30', cvv: '123' }),
        redirect: 'manual',
      })
      expect(paid.status).toBe(303)
      const calls = gateway.simulator.calls()
      expect(calls.map((c) => [c.endpoint, c.result?.resultCode])).toEqual([['pay', 'SUCCESS']])
      const paymentRequestId = calls[0]?.paymentRequestId ?? ''
      expect(gateway.simulator.payment(paymentRequestId)?.status).toBe('captured')
    } finally {
      await gateway.close()
    }
  }, 30_000)

  it('refuses to start with only some of the sandbox variables, naming the missing ones', async () => {
    await expect(startDemo({ ANTOM_CLIENT_ID: 'SANDBOX_X' })).rejects.toThrow(
      /exited with 1[\s\S]*Missing: ANTOM_PRIVATE_KEY, ANTOM_PUBLIC_KEY, ANTOM_HOST/,
    )
  }, 30_000)
})
