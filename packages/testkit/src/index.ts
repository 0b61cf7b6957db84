export * from './arbitraries/index.js'
export * from './properties/index.js'
export * from './simulator/index.js'
export * from './wire/index.js'
