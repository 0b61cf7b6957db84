import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Effect } from 'effect'
import { afterAll, describe, expect, it } from 'vitest'
import { buildSignedContent, signContent, verifyContent } from './content.js'
import { importPrivateKey, importPublicKey } from './keys.js'
import { fixturePath, openssl } from './openssl.fixtures.js'
import type { SigningBackend } from './signer.js'
import { verifyNotification } from './verify-notification.js'

const { keys, request, notification, clientId } = openssl
const backends: ReadonlyArray<SigningBackend> = ['webcrypto', 'node']
const scratch = mkdtempSync(join(tmpdir(), 'paychart-signing-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

/** Runs `openssl dgst -verify` on paychart's Base64 signature over `content`; returns what openssl prints. */
const opensslVerify = (content: string, signature: string, name: string): string => {
  const contentFile = join(scratch, `${name}.txt`)
  const signatureFile = join(scratch, `${name}.sig`)
  writeFileSync(contentFile, content)
  writeFileSync(signatureFile, Buffer.from(signature, 'base64'))
  const args = ['dgst', '-sha256', '-verify', fixturePath('public-spki.pem'), '-signature', signatureFile, contentFile]
  try {
    return execFileSync('openssl', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim()
  } catch (error) {
    return String((error as { stdout?: unknown }).stdout ?? error).trim()
  }
}

describe('the committed fixtures', () => {
  it('hold the content paychart builds', () => {
    expect(buildSignedContent({ ...request, clientId, time: request.requestTime })).toBe(request.content)
    expect(buildSignedContent({ ...notification, clientId, time: notification.requestTime })).toBe(notification.content)
  })
})

const keysOn = async (backend: SigningBackend) => ({
  signer: await Effect.runPromise(importPrivateKey(keys.privatePkcs8Pem, { backend })),
  verifier: await Effect.runPromise(importPublicKey(keys.publicSpkiPem, { backend })),
})
const imported = { webcrypto: await keysOn('webcrypto'), node: await keysOn('node') }

describe.each(backends)('openssl interop on %s', (backend) => {
  const { signer, verifier } = imported[backend]

  it('verifies the signature openssl made', async () => {
    expect(await Effect.runPromise(verifyContent(verifier, request.content, request.signature))).toBe(true)
  })

  it('verifies the notification openssl signed through verifyNotification', async () => {
    const headers = {
      'Client-Id': clientId,
      'Request-Time': notification.requestTime,
      Signature: `algorithm=RSA256, keyVersion=1, signature=${encodeURIComponent(notification.signature)}`,
    }
    const verified = verifyNotification({ ...notification, clientId, headers, publicKey: verifier })
    expect(await Effect.runPromise(verified)).toEqual({ keyVersion: '1' })
  })

  it('makes signatures openssl verifies', async () => {
    const content = `${request.content} and a different body ✓`
    const signature = await Effect.runPromise(signContent(signer, content))
    expect(opensslVerify(content, signature, `${backend}-good`)).toBe('Verified OK')
  })

  it('makes signatures openssl rejects over other content', async () => {
    const signature = await Effect.runPromise(signContent(signer, request.content))
    expect(opensslVerify(`${request.content} `, signature, `${backend}-bad`)).toBe('Verification failure')
  })
})

describe('the two backends', () => {
  const contents = ['', 'POST /x\nC.1.{}', request.content, `${notification.content}\u00e9\u{1f600}`]

  it.each(contents)('sign %j identically and verify each other', async (content) => {
    const byWebCrypto = await Effect.runPromise(signContent(imported.webcrypto.signer, content))
    const byNode = await Effect.runPromise(signContent(imported.node.signer, content))
    expect(byNode).toBe(byWebCrypto)
    expect(await Effect.runPromise(verifyContent(imported.node.verifier, content, byWebCrypto))).toBe(true)
    expect(await Effect.runPromise(verifyContent(imported.webcrypto.verifier, content, byNode))).toBe(true)
  })

  it.each([
    ['an empty signature', ''],
    ['a signature that is not Base64', 'not base64!'],
    ['a short signature', 'AAAA'],
    ['another content signature', request.signature],
  ])('both reject %s', async (_, signature) => {
    for (const backend of backends) {
      const valid = await Effect.runPromise(verifyContent(imported[backend].verifier, notification.content, signature))
      expect(valid, backend).toBe(false)
    }
  })
})
