import * as Data from 'effect/Data'

/** Which key failed to import, as the caller configured it. */
export type KeyRole = 'merchantPrivateKey' | 'gatewayPublicKey'

/** A key could not be imported. The reason says why and never contains the key material. */
export class InvalidKey extends Data.TaggedError('InvalidKey')<{
  readonly key: KeyRole
  readonly reason: string
}> {
  override get message() {
    return `${this.key} is not usable: ${this.reason}`
  }
}

/** The `node:crypto` backend was asked for on a runtime without `process.versions.node`. */
export class BackendUnavailable extends Data.TaggedError('BackendUnavailable')<{
  readonly backend: 'node'
}> {
  override get message() {
    return `the ${this.backend} signing backend needs process.getBuiltinModule (Node 20.16+, Bun, Deno); use 'webcrypto'`
  }
}

/** A `Signature` header value that is not `algorithm=…,keyVersion=…,signature=…`. */
export class MalformedSignatureHeader extends Data.TaggedError('MalformedSignatureHeader')<{
  readonly reason: string
}> {
  override get message() {
    return `malformed Signature header: ${this.reason}`
  }
}

/** What carried the signature: a response to our request, or a notification the gateway sent us. */
export type SignedMessage = 'response' | 'notification'

/** A message that must be signed came without a `signature` header. */
export class MissingSignature extends Data.TaggedError('MissingSignature')<{
  readonly kind: SignedMessage
  readonly path: string
}> {
  override get message() {
    return `${this.kind} for ${this.path} carries no signature`
  }
}

/** A signature was present but does not verify (or cannot be checked: bad header, no time header, wrong client). */
export class InvalidSignature extends Data.TaggedError('InvalidSignature')<{
  readonly kind: SignedMessage
  readonly path: string
  readonly reason: string
}> {
  override get message() {
    return `${this.kind} for ${this.path} has an invalid signature: ${this.reason}`
  }
}
