export * from './ids.js'
