/** What the parent hands each child process, as JSON in one environment variable. */
export interface InstanceConfig {
  readonly name: string
  readonly databaseUrl: string
  readonly schema: string
  readonly simulatorUrl: string
  readonly clientId: string
  readonly merchantPrivateKey: string
  readonly gatewayPublicKey: string
}

export const CONFIG_VARIABLE = 'PAYCHART_SCALE_OUT_CONFIG'

/** The line a child prints once it serves: `READY <port>`. */
export const READY = 'READY'

export const readConfig = (env: NodeJS.ProcessEnv): InstanceConfig => {
  const text = env[CONFIG_VARIABLE]
  if (text === undefined) throw new Error(`${CONFIG_VARIABLE} is not set: this file is started by scale-out.test.ts`)
  return JSON.parse(text) as InstanceConfig
}
