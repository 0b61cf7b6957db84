import fc from 'fast-check'

/** Which payment a focused mix's command aims at: those mixes make few payments, so one of the first four. */
export const focusedTarget = fc.nat({ max: 3 })
