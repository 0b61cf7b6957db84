import type { AntomConfig } from '@paychart/antom'

/** The environment variables that point the app at the real Antom sandbox instead of the local simulator. */
export const SANDBOX_VARIABLES = ['ANTOM_CLIENT_ID', 'ANTOM_PRIVATE_KEY', 'ANTOM_PUBLIC_KEY', 'ANTOM_HOST'] as const

export type GatewayChoice =
  | { readonly kind: 'simulator' }
  | { readonly kind: 'sandbox'; readonly config: AntomConfig }
  | { readonly kind: 'incomplete'; readonly missing: ReadonlyArray<string> }

/**
 * All four variables set: the real sandbox (`ANTOM_HOST` is the origin, e.g. https://open-sea-global.alipay.com);
 * none set: the simulator; some set: an error naming the missing ones, so a typo never falls back silently.
 */
export const gatewayFromEnv = (env: Readonly<Record<string, string | undefined>>): GatewayChoice => {
  const given = SANDBOX_VARIABLES.filter((name) => (env[name] ?? '').trim() !== '')
  if (given.length === 0) return { kind: 'simulator' }
  const missing = SANDBOX_VARIABLES.filter((name) => !given.includes(name))
  if (missing.length > 0) return { kind: 'incomplete', missing }
  // A PEM key pasted into one line of a .env file keeps its line breaks as literal \n.
  const value = (name: (typeof SANDBOX_VARIABLES)[number]) => (env[name] ?? '').trim().replaceAll('\\n', '\n')
  return {
    kind: 'sandbox',
    config: {
      clientId: value('ANTOM_CLIENT_ID'),
      merchantPrivateKey: value('ANTOM_PRIVATE_KEY'),
      antomPublicKey: value('ANTOM_PUBLIC_KEY'),
      baseUrl: value('ANTOM_HOST'),
    },
  }
}
