export * from './ids/index.js'
export * from './machine/index.js'
export * from './money/index.js'
export * from './result-codes/index.js'
