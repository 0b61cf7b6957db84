import { testPaymentStore } from '@paychart/testkit/store-conformance'
import { atomicityTests, notificationKeyTests } from './atomicity.fixtures.js'
import { claimTests } from './claims.fixtures.js'
import { indexTests } from './indexes.fixtures.js'
import { migrationTests } from './migrations.fixtures.js'
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
    },
  }),
)
