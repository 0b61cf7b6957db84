export * from './public.js'
export * from './webhook-routes.js'
