import type { StoreUnderTest } from '@paychart/testkit/store-conformance'
import { remoteRawReader, remoteStore } from './remote-store.fixtures.js'
import { bundleTestWorker, startWorkerd, tempDisk, type Workerd } from './workerd.fixtures.js'

/** One workerd for a test file: started in `beforeAll`, restartable on the same disk, stopped in `afterAll`. */
export interface WorkerdUnderTest {
  readonly start: () => Promise<void>
  readonly restart: () => Promise<void>
  readonly stop: () => Promise<void>
  readonly url: () => string
}

export const workerdUnderTest = (): WorkerdUnderTest => {
  const disk = tempDisk()
  let bundle: string | undefined
  let server: Workerd | undefined
  const start = async () => {
    bundle ??= await bundleTestWorker()
    server = await startWorkerd(bundle, disk.dir)
  }
  return {
    start,
    restart: async () => {
      await server?.stop()
      await start()
    },
    stop: async () => {
      await server?.stop()
      disk.remove()
    },
    url: () => {
      if (server === undefined) throw new Error('workerd is not running: start it in beforeAll')
      return server.url
    },
  }
}

/** A fresh store: a random prefix, so its index and payment objects are new and empty. */
export const makeRemoteUnderTest = async (url: string): Promise<StoreUnderTest> => {
  const prefix = `t-${crypto.randomUUID()}/`
  return {
    store: remoteStore(url, prefix),
    raw: remoteRawReader(url, prefix),
    makeSecondClient: async () => ({ store: remoteStore(url, prefix) }),
  }
}
