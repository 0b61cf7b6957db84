export * from './fetch-transport.js'
export * from './public.js'
