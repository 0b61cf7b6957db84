// Serves the edge bundle on node:http with a minimal Request/Response bridge: node runtimes/node-server.js
import { createServer } from 'node:http'
import worker from '../dist/bundle/worker.js'

const toRequest = async (incoming) => {
  const chunks = []
  for await (const chunk of incoming) chunks.push(chunk)
  const body = Buffer.concat(chunks)
  const headers = new Headers()
  for (const [name, value] of Object.entries(incoming.headers)) {
    for (const item of Array.isArray(value) ? value : [value]) if (item !== undefined) headers.append(name, item)
  }
  const hasBody = incoming.method !== 'GET' && incoming.method !== 'HEAD' && body.length > 0
  return new Request(`http://${incoming.headers.host ?? '127.0.0.1'}${incoming.url}`, {
    method: incoming.method,
    headers,
    ...(hasBody ? { body } : {}),
  })
}

const server = createServer(async (incoming, outgoing) => {
  try {
    const response = await worker.fetch(await toRequest(incoming), process.env)
    outgoing.writeHead(response.status, [...response.headers].flat())
    outgoing.end(Buffer.from(await response.arrayBuffer()))
  } catch {
    outgoing.writeHead(500).end()
  }
})
server.listen(Number(process.env.EDGE_PORT ?? '8787'), '127.0.0.1', () => {
  console.log(`listening on ${server.address().port}`)
})
