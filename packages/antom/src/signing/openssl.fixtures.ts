import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** Where `scripts/make-openssl-fixtures.sh` wrote its files, for tests that hand them to the openssl CLI. */
export const fixturePath = (name: string): string =>
  fileURLToPath(new URL(`./fixtures/openssl/${name}`, import.meta.url))

const read = (name: string): string => readFileSync(fixturePath(name), 'utf8')

interface Meta {
  readonly clientId: string
  readonly request: { readonly method: 'POST'; readonly path: string; readonly requestTime: string }
  readonly notification: { readonly method: 'POST'; readonly path: string; readonly requestTime: string }
}

const meta = JSON.parse(read('fixture.json')) as Meta

/** The key pair and the two messages the openssl CLI signed. */
export const openssl = {
  clientId: meta.clientId,
  keys: {
    privatePkcs8Pem: read('private-pkcs8.pem'),
    privatePkcs1Pem: read('private-pkcs1.pem'),
    privatePkcs8Base64: read('private-pkcs8.b64.txt'),
    publicSpkiPem: read('public-spki.pem'),
    publicPkcs1Pem: read('public-pkcs1.pem'),
    publicSpkiBase64: read('public-spki.b64.txt'),
  },
  request: {
    ...meta.request,
    body: read('request-body.txt'),
    content: read('request-content.txt'),
    signature: read('request-signature.b64.txt'),
  },
  notification: {
    ...meta.notification,
    body: read('notification-body.txt'),
    content: read('notification-content.txt'),
    signature: read('notification-signature.b64.txt'),
  },
}
