/**
 * Exponential backoff with full jitter: before retry `n` (1-based) wait a uniform draw from
 * [0, min(maxDelayMs, baseDelayMs * 2^(n-1))). A `random` outside [0, 1) is clamped.
 */
export const backoffDelayMs = (
  retry: number,
  options: { readonly baseDelayMs: number; readonly maxDelayMs: number; readonly random: () => number },
): number => {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.max(0, retry - 1))
  const draw = options.random()
  const unit = Number.isNaN(draw) ? 0 : Math.min(Math.max(draw, 0), 1)
  return Math.floor(unit * ceiling)
}
