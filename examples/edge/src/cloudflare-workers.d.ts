// The runtime module a Cloudflare worker takes `DurableObject` from: workerd provides it, bundlers leave it external.
declare module 'cloudflare:workers' {
  export abstract class DurableObject<Env = unknown> {
    protected readonly env: Env
    constructor(ctx: never, env: Env)
  }
}
