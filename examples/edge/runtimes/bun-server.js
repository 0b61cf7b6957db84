// Serves the edge bundle with Bun.serve: bun run runtimes/bun-server.js
import worker from '../dist/bundle/worker.js'

const server = Bun.serve({
  hostname: '127.0.0.1',
  port: Number(Bun.env.EDGE_PORT ?? '8787'),
  fetch: (request) => worker.fetch(request, Bun.env),
})
console.log(`listening on ${server.port}`)
