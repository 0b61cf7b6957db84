import { testPaymentStore } from '@paychart/testkit/store-conformance'
import { describe } from 'vitest'
import { redisUrl } from './connection.js'
import { reachRedis, shownUrl } from './reach-redis.fixtures.js'
import { redisExtraTests } from './redis-store.suite.js'
import { redisUnderTest } from './redis-under-test.fixtures.js'

const url = redisUrl()
const reach = await reachRedis(url)

const conformance = () =>
  testPaymentStore({
    name: 'redis',
    make: () => redisUnderTest(url),
    capabilities: { concurrentWriters: true, leases: true },
    forbidden: ['4054695723100768', '123'],
    extra: redisExtraTests(url),
  })

if (reach.reachable) {
  conformance()
} else if (process.env.CI) {
  throw new Error(
    `the Redis store's tests need Redis at ${shownUrl(url)} (REDIS_URL), and CI has none: ${reach.reason}`,
  )
} else {
  const why = `no Redis at ${shownUrl(url)} (${reach.reason}); start one or set REDIS_URL`
  console.warn(`custom-store: skipping the Redis store's tests: ${why}`)
  describe.skip(`skipped: ${why}`, conformance)
}
