import { describe, expect, it } from 'vitest'
import { parseStorableJson } from './storable-json.js'

describe('parseStorableJson', () => {
  it('parses a body without U+0000 or surrogate escapes as JSON.parse does', () => {
    const body = '{"result":{"resultMessage":"ok 🍵 \\u00e9"},"list":[1,"a"]}'
    expect(parseStorableJson(body)).toEqual(JSON.parse(body))
  })

  it('replaces U+0000 and half surrogate pairs with U+FFFD, in values and keys, at any depth', () => {
    const body = String.raw`{"a\u0000":"x\u0000y","b":["\ud83c","\udf75 tea","\ud83c\udf75"],"c":{"d":"\udf75\ud83c"}}`
    expect(parseStorableJson(body)).toEqual({
      'a\uFFFD': 'x\uFFFDy',
      b: ['\uFFFD', '\uFFFD tea', '\uD83C\uDF75'],
      c: { d: '\uFFFD\uFFFD' },
    })
  })

  it('keeps an escaped backslash before u0000: that is text, not U+0000', () => {
    const body = String.raw`{"path":"C:\\u0000"}`
    expect(parseStorableJson(body)).toEqual({ path: String.raw`C:\u0000` })
  })

  it('throws on malformed JSON, as JSON.parse does', () => {
    expect(() => parseStorableJson('{"a":')).toThrow(SyntaxError)
  })
})
