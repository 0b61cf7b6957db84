/** Antom's regional hosts; the merchant's contract decides which one to use. */
export const REGION_HOSTS = {
  northAmerica: 'https://open-na-global.alipay.com',
  asia: 'https://open-sea-global.alipay.com',
  europe: 'https://open-de-global.alipay.com',
} as const

export type Region = keyof typeof REGION_HOSTS

export interface AntomConfig {
  readonly clientId: string
  /** Base64 PKCS#8 or PEM; a PKCS#1 PEM is converted. */
  readonly merchantPrivateKey: string
  /** Base64 SubjectPublicKeyInfo or PEM: the gateway's key, to verify responses and notifications. */
  readonly antomPublicKey: string
  /** A regional host, or a full origin such as the simulator's `http://127.0.0.1:4010`. */
  readonly region?: Region
  readonly baseUrl?: string
  /** The `keyVersion` of the Signature header. */
  readonly keyVersion?: string
}

export const baseUrlOf = (config: AntomConfig): string =>
  (config.baseUrl ?? REGION_HOSTS[config.region ?? 'northAmerica']).replace(/\/+$/, '')
