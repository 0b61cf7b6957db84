export * from './gateway/index.js'
export * from './schemas/index.js'
export * from './signing/index.js'
export * from './transport.js'
