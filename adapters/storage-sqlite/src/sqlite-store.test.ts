import { TEST_CARDS } from '@paychart/testkit'
import { testPaymentStore } from '@paychart/testkit/store-conformance'
import { atomicityTests } from './atomicity.suite.js'
import { busyTests } from './busy.suite.js'
import { defaultDriver } from './driver/open-driver.js'
import { driverTests } from './driver.suite.js'
import { durabilityTests } from './durability.suite.js'
import { groupCommitTests } from './group-commit.suite.js'
import { migrationTests } from './migrations.suite.js'
import { queryPlanTests } from './query-plans.suite.js'
import { makeSqliteUnderTest } from './sqlite.fixtures.js'

testPaymentStore({
  name: `sqlite on ${defaultDriver()}`,
  make: makeSqliteUnderTest,
  capabilities: { concurrentWriters: true, leases: true },
  forbidden: TEST_CARDS.map((card) => card.number),
  extra: () => {
    driverTests()
    migrationTests()
    atomicityTests()
    busyTests()
    durabilityTests()
    groupCommitTests()
    queryPlanTests()
  },
})
