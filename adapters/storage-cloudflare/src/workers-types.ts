// The parts of the Workers runtime API this package uses, declared structurally so that it needs no
// @cloudflare/workers-types: a real `DurableObjectState` or `DurableObjectNamespace` satisfies them.

export type SqlValue = string | number | null | ArrayBuffer

export interface SqlCursor<Row> {
  toArray(): Row[]
  one(): Row
  readonly rowsWritten: number
}

export interface SqlStorage {
  exec<Row = Record<string, SqlValue>>(query: string, ...bindings: ReadonlyArray<SqlValue>): SqlCursor<Row>
}

export interface DurableObjectStorage {
  readonly sql: SqlStorage
  transactionSync<T>(work: () => T): T
  getAlarm(): Promise<number | null>
  setAlarm(scheduledTime: number): Promise<void>
  deleteAlarm(): Promise<void>
}

export interface DurableObjectState {
  readonly storage: DurableObjectStorage
}

export interface DurableObjectId {
  toString(): string
}

/** What calling a Durable Object's method over RPC gives: every method returns a promise. */
export type Stub<Rpc> = {
  readonly [K in keyof Rpc]: Rpc[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : never
}

export interface DurableObjectNamespace<Rpc> {
  idFromName(name: string): DurableObjectId
  get(id: DurableObjectId): Stub<Rpc>
}

/**
 * `DurableObject` from `cloudflare:workers`, which the classes extend so that the runtime lets them be called over
 * RPC. Taken as an argument rather than imported, so that this package loads (and type-checks) outside workerd.
 */
export type DurableObjectClass = abstract new (ctx: never, env: never) => object
