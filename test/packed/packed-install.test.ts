import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join, relative } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  BUDGET_GZIP_BYTES,
  bundleEdge,
  CEILING_GZIP_BYTES,
  CLOUDFLARE_CEILING_GZIP_BYTES,
} from '../../examples/edge/scripts/bundle.js'
import { freePort } from '../support/free-port.js'
import { copiesOf, installApp, peerRange, run, tsconfig } from './support/app.js'
import { type Publishable, packAll, publishable, ROOT, type Tarball } from './support/pack.js'
import { eventually, type Running, startProcess } from './support/processes.js'
import { brokenPromises, programsOf, promisedLines } from './support/snippets.js'

// Every publishable package packed with `npm pack`, installed into a new app in the OS's temp directory with the
// newest effect and hono their peer ranges allow, then used there as a merchant would: typechecked, run with plain
// node, Deno and Bun, bundled for the edge, and every README program run against what was installed.

const bin = (name: string) => join(ROOT, 'node_modules/.bin', name)

/** What only tests use, by the repository's naming (README, "Tests and fixtures"): never shipped, never user code. */
const isTestOnly = (path: string) => /\.(test|fixtures|suite)\.[^/]+$/.test(path) || /(^|\/)fixtures(\/|$)/.test(path)

let work: string
let app: string
let packages: Publishable[]
let tarballs: Tarball[]
let sim: Running | undefined
let keys: { clientId: string; merchantPrivateKey: string; antomPublicKey: string; baseUrl: string }

const readmes = () => packages.map((p) => ({ name: p.name, dir: p.dir, readme: join(p.dir, 'README.md') }))
const snippetFile = (name: string, index: number) => `readme/${name.replace('@paychart/', '')}-${index + 1}.ts`

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'paychart-packed-'))
  app = join(work, 'app')
  packages = publishable()
  mkdirSync(join(work, 'tarballs'))
  tarballs = packAll(packages, join(work, 'tarballs'))
  await installApp(app, tarballs, { effect: peerRange(packages, 'effect'), hono: peerRange(packages, 'hono') })

  // The app's sources: the root README's setup as written, a payment for Deno and Bun, the edge example's handler
  // and worker (user code), and every README program.
  mkdirSync(join(app, 'src'), { recursive: true })
  writeFileSync(join(app, 'src/server.ts'), programsOf(join(ROOT, 'README.md'))[0] ?? '')
  cpSync(new URL('./app-files/runtime-payment.ts', import.meta.url).pathname, join(app, 'src/runtime-payment.ts'))
  cpSync(join(ROOT, 'examples/edge/src'), join(app, 'src/edge'), {
    recursive: true,
    filter: (path) => !isTestOnly(relative(ROOT, path)),
  })
  mkdirSync(join(app, 'readme'))
  for (const { name, readme } of readmes()) {
    for (const [i, program] of programsOf(readme).entries()) writeFileSync(join(app, snippetFile(name, i)), program)
  }
  writeFileSync(join(app, 'tsconfig.json'), JSON.stringify(tsconfig('nodenext'), null, 2))
  writeFileSync(join(app, 'tsconfig.bundler.json'), JSON.stringify(tsconfig('bundler'), null, 2))
}, 600_000)

afterAll(async () => {
  sim?.child.kill('SIGTERM')
  await sim?.exited
  if (work !== undefined) rmSync(work, { recursive: true, force: true })
})

describe('the packed packages, installed in a new app outside the workspace', () => {
  it('ship compiled code, types, maps, README and LICENSE only', () => {
    for (const tarball of tarballs) {
      const unexpected = tarball.files.filter(
        (file) =>
          !/^dist\/(src|bin)\/.+\.(js|d\.ts|js\.map)$/.test(file) &&
          !['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md'].includes(file),
      )
      expect(unexpected, tarball.name).toEqual([])
      expect(tarball.files.filter(isTestOnly), tarball.name).toEqual([])
      expect(tarball.files, tarball.name).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'dist/src/index.js']))
    }
    console.log(tarballs.map((t) => `${basename(t.file)}: ${t.files.length} files`).join('\n'))
  })

  it('pass publint and arethetypeswrong (ESM only)', async () => {
    for (const tarball of tarballs) {
      const lint = await run(bin('publint'), ['run', tarball.file, '--strict'], { cwd: work })
      expect(lint.stdout, tarball.name).toContain('All good!')
      // attw exits non-zero on any problem its ESM-only profile counts (CommonJS resolutions are out of scope).
      const types = await run(bin('attw'), [tarball.file, '--profile', 'esm-only', '--format', 'ascii'], { cwd: work })
        .then(() => 'ok')
        .catch((error: { stdout?: string }) => error.stdout ?? String(error))
      expect(types, tarball.name).toBe('ok')
    }
  }, 180_000)

  it('hold one copy of effect and one of hono, the newest the ranges allow', () => {
    const effect = copiesOf(app, 'effect')
    const hono = copiesOf(app, 'hono')
    console.log(`effect ${effect.map((c) => c.version)}, hono ${hono.map((c) => c.version)}`)
    expect(effect).toHaveLength(1)
    expect(hono).toHaveLength(1)
  })

  // The NodeNext run also emits build/, which the tests after it run.
  it('typecheck under moduleResolution NodeNext and bundler, strict', async () => {
    const check = (project: string) =>
      run(bin('tsc'), ['-p', project], { cwd: app }).then(
        () => '',
        (error: { stdout?: string }) => error.stdout ?? String(error),
      )
    expect(await check('tsconfig.bundler.json')).toBe('')
    expect(await check('tsconfig.json')).toBe('')
  }, 120_000)

  it("run the root README's server with node: a 3DS card, a manual capture and a refund, over HTTP", async () => {
    sim = await startProcess(join(app, 'node_modules/.bin/paychart-sim'), [], {
      cwd: app,
      env: { ...process.env, SIM_PORT: String(await freePort()) },
      ready: 'Ctrl-C to stop',
    })
    keys = simulatorKeys(sim.output())
    const port = await freePort()
    const shop = `http://127.0.0.1:${port}`
    const server = await startProcess(process.execPath, ['build/src/server.js'], {
      cwd: app,
      env: {
        ...process.env,
        PORT: String(port),
        ANTOM_CLIENT_ID: keys.clientId,
        ANTOM_PRIVATE_KEY: keys.merchantPrivateKey,
        ANTOM_PUBLIC_KEY: keys.antomPublicKey,
        ANTOM_HOST: keys.baseUrl,
        MERCHANT_TOKEN,
      },
      ready: `listening on ${port}`,
    })
    try {
      const id = 'PAY-PACKED-3DS'
      const created = await post(`${shop}/payments`, {
        paymentRequestId: id,
        amount: { currency: 'USD', minor: 1099 },
        paymentMethodType: 'CARD',
        captureMode: 'MANUAL',
        card: { cardNo: '4000000000003220', cvv: '123', expiryMonth: '12', expiryYear: '30' },
        requestDetails: details(shop, id),
      })
      expect(created.status).toBe(201)
      const challenge = (created.body as { customerAction?: { kind: string; url: string } }).customerAction
      expect(challenge?.kind).toBe('threeDS')

      // The buyer passes the challenge on the simulator's page and is sent back to the shop's return URL.
      const passed = await fetch(challenge?.url ?? '', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'outcome=pass',
        redirect: 'manual',
      })
      expect(passed.status).toBe(303)
      const back = await fetch(passed.headers.get('location') ?? '')
      expect(((await back.json()) as { state: string }).state).toBe('authorized')

      // Capture: the gateway answers, and only its signed CAPTURE_RESULT notification makes a card ready to ship.
      const merchant = `${shop}/merchant/payments/${id}`
      expect((await post(`${merchant}/capture`, {})).status).toBe(401)
      expect((await post(`${merchant}/capture`, {}, MERCHANT_TOKEN)).status).toBe(200)
      const captured = await eventually(
        () => status(shop, id),
        (s) => s.state === 'captured',
      )
      expect(captured.state).toBe('captured')

      const refund = await post(`${merchant}/refunds`, { amount: { currency: 'USD', minor: 500 } }, MERCHANT_TOKEN)
      expect(refund.status).toBe(201)
      const refunded = await eventually(
        () => status(shop, id),
        (s) => s.refunds[0]?.status === 'succeeded',
      )
      expect(refunded.refunds[0]).toMatchObject({ status: 'succeeded', amount: { currency: 'USD', minor: 500 } })
      expect(refunded.refundable).toEqual({ currency: 'USD', minor: 599 })

      const unsigned = await fetch(`${shop}/antom/notify/payment`, { method: 'POST', body: '{}' })
      expect(unsigned.status).toBe(401)
      expect(server.output()).toContain(`${id} readyToShip`)
    } finally {
      // Graceful shutdown as the README wires it: the process ends by itself once the relay and the store stop.
      server.child.kill('SIGTERM')
      const code = await Promise.race([server.exited, new Promise((r) => setTimeout(() => r('still running'), 10_000))])
      if (code === 'still running') server.child.kill('SIGKILL')
      expect(code, server.output()).toBe(0)
    }
  }, 120_000)

  it.each(['deno', 'bun'] as const)(
    "run a card payment under %s from the installed packages, kept in SQLite on the runtime's own driver",
    async (runtime) => {
      if (sim === undefined) throw new Error('the simulator did not start')
      const config = JSON.stringify({ ...keys, paymentRequestId: `PAY-PACKED-${runtime.toUpperCase()}` })
      const args =
        runtime === 'deno'
          ? ['run', '--allow-all', '--no-lock', '--node-modules-dir=manual', 'build/src/runtime-payment.js', config]
          : ['run', 'build/src/runtime-payment.js', config]
      const { stdout } = await run(bin(runtime), args, {
        cwd: app,
        env: { ...process.env, DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' },
      })
      const driver = runtime === 'deno' ? 'node:sqlite' : 'bun:sqlite'
      expect(stdout.trim()).toBe(`authorized then captured, stored captured on ${driver}`)
    },
    60_000,
  )

  it("bundle the edge entries (portable, Cloudflare) from the installed packages with wrangler's settings", async () => {
    // The edge example's own bundling (wrangler's settings), resolving every package from the app's node_modules.
    const result = await bundleEdge({ entry: join(app, 'src/edge/worker.ts'), fromSource: false, write: false })
    if (!result.ok) throw new Error(result.errors.join('\n'))
    const { rawBytes, gzipBytes: gzip } = result
    const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`
    console.log(`edge bundle from the tarballs: raw ${kb(rawBytes)}, gzip ${kb(gzip)} (${gzip} B)`)
    console.log(
      `budget ${kb(BUDGET_GZIP_BYTES)} (${BUDGET_GZIP_BYTES} B): ${gzip <= BUDGET_GZIP_BYTES ? 'met' : 'NOT met'}`,
    )
    expect(gzip).toBeLessThanOrEqual(CEILING_GZIP_BYTES)

    // The Cloudflare entry: the same worker on the Durable Objects store of @paychart/storage-cloudflare.
    const durable = await bundleEdge({
      entry: join(app, 'src/edge/cloudflare-worker.ts'),
      fromSource: false,
      write: false,
    })
    if (!durable.ok) throw new Error(durable.errors.join('\n'))
    console.log(`Cloudflare bundle from the tarballs: gzip ${kb(durable.gzipBytes)} (${durable.gzipBytes} B)`)
    expect(durable.gzipBytes).toBeLessThanOrEqual(CLOUDFLARE_CEILING_GZIP_BYTES)
  }, 60_000)

  it('run every README program and print what its comments promise', async () => {
    if (sim === undefined) throw new Error('the simulator did not start')
    const failures: string[] = []
    for (const { name, readme } of readmes()) {
      for (const [i, program] of programsOf(readme).entries()) {
        const promised = promisedLines(program)
        if (promised.length === 0) failures.push(`${name} program ${i + 1} promises no printed line`)
        const file = `build/${snippetFile(name, i).replace(/\.ts$/, '.js')}`
        const printed = await run(process.execPath, [file], {
          cwd: app,
          env: { ...process.env, ANTOM_PUBLIC_KEY: keys.antomPublicKey },
          maxBuffer: 16 * 1024 * 1024,
        }).then(
          ({ stdout }) => stdout.split('\n').map((line) => line.trimEnd()),
          (error: { stderr?: string }) => [`(failed) ${error.stderr ?? String(error)}`],
        )
        const broken = brokenPromises(promised, printed)
        if (broken.length > 0)
          failures.push(`${name} program ${i + 1}: missing ${JSON.stringify(broken)}\n${printed.join('\n')}`)
      }
    }
    expect(failures).toEqual([])
  }, 300_000)
})

const details = (shop: string, id: string) => ({
  order: {
    referenceOrderId: `ORDER-${id}`,
    orderDescription: 'Cappuccino',
    orderAmount: { currency: 'USD', minor: 1099 },
  },
  env: { terminalType: 'WEB' },
  settlementStrategy: { settlementCurrency: 'USD' },
  paymentRedirectUrl: `${shop}/payments/${id}/return`,
  paymentNotifyUrl: `${shop}/antom/notify/payment`,
})

const MERCHANT_TOKEN = 'packed-install-merchant-token'

const post = async (url: string, body: unknown, token?: string) => {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
    },
    body: JSON.stringify(body),
  })
  const json = response.headers.get('content-type')?.includes('json') === true
  return { status: response.status, body: (json ? await response.json() : await response.text()) as unknown }
}

interface Status {
  readonly state: string
  readonly refunds: ReadonlyArray<{ readonly status: string }>
  readonly refundable: unknown
}
const status = async (shop: string, id: string): Promise<Status> =>
  (await fetch(`${shop}/payments/${id}`)).json() as Promise<Status>

/** What `paychart-sim` prints at start: its URL, client id and the two keys, each on the line after its label. */
const simulatorKeys = (printed: string) => {
  const lines = printed.split('\n')
  const after = (label: string) => lines[lines.findIndex((line) => line.startsWith(label)) + 1]?.trim() ?? ''
  const field = (label: string) => (lines.find((line) => line.startsWith(label)) ?? '').slice(label.length).trim()
  return {
    baseUrl: field('baseUrl'),
    clientId: field('client id'),
    merchantPrivateKey: after('merchant private key'),
    antomPublicKey: after('gateway public key'),
  }
}
