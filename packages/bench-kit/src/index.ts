export * from './figures.js'
export * from './measure.js'
