import type { Effect } from 'effect'

/** Where the RSA work happens: WebCrypto (every runtime) or `node:crypto` (Node, Bun, Deno; faster verification). */
export type SigningBackend = 'webcrypto' | 'node'

/** An imported merchant private key. It holds the key in a closure: nothing about it serialises or prints. */
export interface Signer {
  readonly backend: SigningBackend
  /** SHA256withRSA over the UTF-8 content; the signature in Base64 (not yet URL-encoded). */
  readonly sign: (content: string) => Effect.Effect<string>
}

/** An imported gateway public key. */
export interface Verifier {
  readonly backend: SigningBackend
  /** Whether the Base64 `signature` is SHA256withRSA over the UTF-8 content; false for anything undecodable. */
  readonly verify: (content: string, signature: string) => Effect.Effect<boolean>
}
