// Serves the edge bundle with Deno.serve: deno run --allow-net --allow-env runtimes/deno-server.js
import worker from '../dist/bundle/worker.js'

const port = Number(Deno.env.get('EDGE_PORT') ?? '8787')
Deno.serve(
  { hostname: '127.0.0.1', port, onListen: (address) => console.log(`listening on ${address.port}`) },
  (request) => worker.fetch(request, Deno.env.toObject()),
)
