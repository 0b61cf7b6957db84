export * from './antom-over-fetch.js'
export * from './fetch-transport.js'
export * from './public.js'
