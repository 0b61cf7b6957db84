export type BodyResult = { readonly _tag: 'Body'; readonly text: string } | { readonly _tag: 'TooLarge' }

const tooLarge: BodyResult = { _tag: 'TooLarge' }

const discard = (cancel: () => Promise<void>): void => {
  cancel().catch(() => undefined)
}

const decode = (chunks: ReadonlyArray<Uint8Array>, length: number): string => {
  const bytes = new Uint8Array(length)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  // Keep a byte-order mark: signatures cover the body byte for byte.
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)
}

/**
 * Reads the body as a stream and stops as soon as it passes `maxBytes`, whatever content-length said. A declared
 * length over the cap is refused without reading.
 */
export const readBodyCapped = async (response: Response, maxBytes: number): Promise<BodyResult> => {
  const body = response.body
  const declared = Number(response.headers.get('content-length') ?? Number.NaN)
  if (declared > maxBytes) {
    if (body !== null) discard(() => body.cancel())
    return tooLarge
  }
  if (body === null) return { _tag: 'Body', text: '' }
  const reader = body.getReader()
  const chunks: Uint8Array[] = []
  let length = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) return { _tag: 'Body', text: decode(chunks, length) }
    length += value.byteLength
    if (length > maxBytes) {
      discard(() => reader.cancel())
      return tooLarge
    }
    chunks.push(value)
  }
}
