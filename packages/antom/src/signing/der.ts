/** AlgorithmIdentifier { rsaEncryption (1.2.840.113549.1.1.1), NULL } */
const rsaEncryption = Uint8Array.of(
  0x30,
  0x0d,
  0x06,
  0x09,
  0x2a,
  0x86,
  0x48,
  0x86,
  0xf7,
  0x0d,
  0x01,
  0x01,
  0x01,
  0x05,
  0x00,
)

const lengthOctets = (length: number): number[] => {
  if (length < 0x80) return [length]
  const octets: number[] = []
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) octets.unshift(rest % 256)
  return [0x80 | octets.length, ...octets]
}

const tlv = (tag: number, ...parts: ReadonlyArray<Uint8Array>): Uint8Array<ArrayBuffer> => {
  const length = parts.reduce((sum, part) => sum + part.length, 0)
  const header = [tag, ...lengthOctets(length)]
  const out = new Uint8Array(header.length + length)
  out.set(header)
  let offset = header.length
  for (const part of parts) {
    out.set(part, offset)
    offset += part.length
  }
  return out
}

/** PrivateKeyInfo { version 0, rsaEncryption, OCTET STRING { RSAPrivateKey } } */
export const pkcs8FromPkcs1 = (rsaPrivateKey: Uint8Array): Uint8Array<ArrayBuffer> =>
  tlv(0x30, Uint8Array.of(0x02, 0x01, 0x00), rsaEncryption, tlv(0x04, rsaPrivateKey))

/** SubjectPublicKeyInfo { rsaEncryption, BIT STRING { RSAPublicKey } } */
export const spkiFromPkcs1 = (rsaPublicKey: Uint8Array): Uint8Array<ArrayBuffer> =>
  tlv(0x30, rsaEncryption, tlv(0x03, Uint8Array.of(0x00), rsaPublicKey))

/** Offset of the first element inside the outer SEQUENCE, or undefined when `der` does not start with one. */
const firstElement = (der: Uint8Array): number | undefined => {
  if (der[0] !== 0x30 || der[1] === undefined) return undefined
  return der[1] < 0x80 ? 2 : 2 + (der[1] & 0x7f)
}

/**
 * Tells PKCS#8 from PKCS#1 for a private key: both open with a small INTEGER version, then PKCS#8 has the
 * AlgorithmIdentifier SEQUENCE and PKCS#1 the modulus INTEGER.
 */
export const privateKeyFormat = (der: Uint8Array): 'pkcs8' | 'pkcs1' | undefined => {
  const start = firstElement(der)
  if (start === undefined || der[start] !== 0x02) return undefined
  const versionLength = der[start + 1]
  if (versionLength === undefined || versionLength > 2) return undefined
  const next = der[start + 2 + versionLength]
  return next === 0x30 ? 'pkcs8' : next === 0x02 ? 'pkcs1' : undefined
}

/** SubjectPublicKeyInfo opens with the AlgorithmIdentifier SEQUENCE, RSAPublicKey with the modulus INTEGER. */
export const publicKeyFormat = (der: Uint8Array): 'spki' | 'pkcs1' | undefined => {
  const start = firstElement(der)
  if (start === undefined) return undefined
  return der[start] === 0x30 ? 'spki' : der[start] === 0x02 ? 'pkcs1' : undefined
}
