const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g')

/**
 * Whether a stored payment can hold `text`: no U+0000 and no half of a surrogate pair. JSON escapes both, but
 * Postgres' jsonb refuses both, and no gateway wants them.
 */
export const isStorableText = (text: string): boolean => !text.includes('\u0000') && !LONE_SURROGATE.test(text)

/** `text` with U+0000 and each half of a surrogate pair replaced by U+FFFD, as a UTF-8 decoder reads what it cannot. */
export const storableText = (text: string): string =>
  text.replaceAll('\u0000', '\uFFFD').replace(LONE_SURROGATES, '\uFFFD')
