/** The type a script expects a key to hold when it exists; checked before the script writes anything. */
export type KeyKind = 'hash' | 'list' | 'zset' | 'set'

const letters: Record<KeyKind, string> = { hash: 'h', list: 'l', zset: 'z', set: 's' }

/**
 * The KEYS and ARGV of one script call. ARGV[1] is always the kind of every key, one letter each (see
 * `lua/prelude.ts`); the script's own arguments follow.
 */
export interface ScriptCall {
  readonly keys: ReadonlyArray<string>
  readonly args: ReadonlyArray<string>
}

export interface ScriptCallBuilder {
  readonly key: (name: string, kind: KeyKind) => ScriptCallBuilder
  /** Numbers are sent as their decimal text: Redis and Lua read them back exactly (all are safe integers). */
  readonly arg: (...values: ReadonlyArray<string | number>) => ScriptCallBuilder
  readonly build: () => ScriptCall
}

export const scriptCall = (): ScriptCallBuilder => {
  const keys: string[] = []
  const kinds: string[] = []
  const args: string[] = []
  const builder: ScriptCallBuilder = {
    key: (name, kind) => {
      keys.push(name)
      kinds.push(letters[kind])
      return builder
    },
    arg: (...values) => {
      args.push(...values.map(String))
      return builder
    },
    build: () => ({ keys: [...keys], args: [kinds.join(''), ...args] }),
  }
  return builder
}
