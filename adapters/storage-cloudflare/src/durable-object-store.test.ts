import { TEST_CARDS } from '@paychart/testkit'
import { testPaymentStore } from '@paychart/testkit/store-conformance'
import { afterAll, beforeAll } from 'vitest'
import { alarmTests } from './alarm.suite.js'
import { makeRemoteUnderTest, workerdUnderTest } from './durable-objects.fixtures.js'
import { indexLagTests } from './index-lag.suite.js'
import { restartTests } from './restart.suite.js'

const workerd = workerdUnderTest()

beforeAll(workerd.start, 60_000)
afterAll(workerd.stop)

testPaymentStore({
  name: 'cloudflare durable objects (workerd)',
  make: () => makeRemoteUnderTest(workerd.url()),
  // A second client is a second store over the same prefix: its commits and claims race the first's in the objects.
  capabilities: { concurrentWriters: true, leases: true },
  forbidden: TEST_CARDS.map((card) => card.number),
  extra: () => {
    alarmTests(workerd)
    indexLagTests(workerd)
    restartTests(workerd)
  },
})
