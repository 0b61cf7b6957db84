export { buildSignedContent, type SignedContentParts, signContent, verifyContent } from './content.js'
export {
  BackendUnavailable,
  InvalidKey,
  InvalidSignature,
  type KeyRole,
  MalformedSignatureHeader,
  MissingSignature,
  type SignedMessage,
} from './errors.js'
export { type HeaderSource, header } from './headers.js'
export {
  defaultSigningBackend,
  importPrivateKey,
  importPublicKey,
  type KeyOptions,
  nodeCryptoAvailable,
} from './keys.js'
export { type SignedRequestHeaders, type SignRequestInput, signRequest } from './sign-request.js'
export { parseSignatureHeader, type SignatureHeader, signatureHeader } from './signature-header.js'
export type { Signer, SigningBackend, Verifier } from './signer.js'
export { type VerifyNotificationInput, verifyNotification } from './verify-notification.js'
export { type ResponseVerification, type VerifyResponseInput, verifyResponse } from './verify-response.js'
