export * from './answer-events.js'
export * from './client.js'
export * from './config.js'
export * from './endpoints.js'
