import { TEST_CARDS } from '@paychart/testkit'
import { testPaymentStore } from '@paychart/testkit/store-conformance'
import { atomicityTests } from './driver-tests/atomicity.js'
import { busyTests } from './driver-tests/busy.js'
import { migrationTests } from './driver-tests/migrations.js'
import { queryPlanTests } from './driver-tests/query-plans.js'
import { makeSqliteUnderTest } from './sqlite.fixtures.js'

testPaymentStore({
  name: 'sqlite',
  make: makeSqliteUnderTest,
  capabilities: { concurrentWriters: true, leases: true },
  forbidden: TEST_CARDS.map((card) => card.number),
  extra: () => {
    migrationTests()
    atomicityTests()
    busyTests()
    queryPlanTests()
  },
})
