import { testPaymentStore } from '@paychart/testkit/store-conformance'
import { atomicityTests, notificationKeyTests } from './atomicity.suite.js'
import { claimTests } from './claims.suite.js'
import { durabilityTests } from './durability.suite.js'
import { groupCommitTests } from './group-commit.suite.js'
import { indexTests } from './indexes.suite.js'
import { migrationTests } from './migrations.suite.js'
import { storeOnFreshSchema, withPostgres } from './postgres.fixtures.js'

withPostgres('PaymentStore conformance: postgres', () =>
  testPaymentStore({
    name: 'postgres',
    make: () => storeOnFreshSchema(),
    capabilities: { concurrentWriters: true, leases: true },
    extra: () => {
      migrationTests()
      indexTests()
      claimTests()
      atomicityTests()
      notificationKeyTests()
      durabilityTests()
      groupCommitTests()
    },
  }),
)
