export * from './paychart-routes.js'
export * from './public.js'
export * from './webhook-routes.js'
