export * from './simulator/index.js'
export * from './wire/index.js'
