const base64 = /^[A-Za-z0-9+/]*={0,2}$/

/** Whether `text` is padded Base64 with no whitespace. */
export const isBase64 = (text: string): boolean => text.length % 4 === 0 && base64.test(text)

/** Base64 over `atob`/`btoa`, which every runtime has (Node 16+, Deno, Bun, Workers, browsers). */
export const toBase64 = (bytes: Uint8Array): string => {
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary)
}

/** Decodes Base64, ignoring whitespace; `undefined` when the text is not Base64. */
export const fromBase64 = (text: string): Uint8Array<ArrayBuffer> | undefined => {
  const compact = /\s/.test(text) ? text.replace(/\s+/g, '') : text
  if (!isBase64(compact)) return undefined
  const binary = atob(compact)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}
