import * as Data from 'effect/Data'

/**
 * The handler's configuration as env-style bindings: Workers `env`, `Deno.env.toObject()`, `Bun.env`. Keys are the
 * text the Antom dashboard gives (Base64 PKCS#8 / SPKI, or PEM).
 */
export interface EdgeBindings {
  readonly ANTOM_CLIENT_ID?: string
  readonly ANTOM_PRIVATE_KEY?: string
  readonly ANTOM_PUBLIC_KEY?: string
  /** A full origin (`https://open-na-global.alipay.com`, or the simulator's `http://127.0.0.1:4010`). */
  readonly ANTOM_HOST?: string
}

export const BINDING_NAMES = [
  'ANTOM_CLIENT_ID',
  'ANTOM_PRIVATE_KEY',
  'ANTOM_PUBLIC_KEY',
  'ANTOM_HOST',
] as const satisfies ReadonlyArray<keyof EdgeBindings>

/** What the Antom side of the handler needs. */
export interface AntomSettings {
  readonly clientId: string
  readonly merchantPrivateKey: string
  readonly antomPublicKey: string
  readonly baseUrl: string
}

/** Bindings that are missing or empty: named, never echoed (two of them are keys). */
export class MissingBindings extends Data.TaggedError('MissingBindings')<{
  readonly names: ReadonlyArray<string>
}> {
  override get message() {
    return `missing or empty bindings: ${this.names.join(', ')}`
  }
}

const present = (value: unknown): value is string => typeof value === 'string' && value.trim() !== ''

/** Reads the four bindings from any env-like object; extra entries are ignored. */
export const settingsFromBindings = (env: Readonly<Record<string, unknown>>): AntomSettings => {
  const missing = BINDING_NAMES.filter((name) => !present(env[name]))
  if (missing.length > 0) throw new MissingBindings({ names: missing })
  const text = (name: (typeof BINDING_NAMES)[number]) => String(env[name]).trim()
  return {
    clientId: text('ANTOM_CLIENT_ID'),
    merchantPrivateKey: text('ANTOM_PRIVATE_KEY'),
    antomPublicKey: text('ANTOM_PUBLIC_KEY'),
    baseUrl: text('ANTOM_HOST'),
  }
}
