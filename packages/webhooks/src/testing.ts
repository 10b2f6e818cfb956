// `@prakerja-kit/webhooks/testing`: build signed deliveries for partners' own tests.
export type { CreateTestDeliveryParams, TestDelivery } from './create-test-delivery.js';
export { createTestDelivery } from './create-test-delivery.js';
export { createTestEvent } from './create-test-event.js';
export type {
  ConformanceTestApi,
  MakeStore,
  StoreConformanceCase,
} from './testing/store-conformance.js';
export { runStoreConformance, storeConformanceCases } from './testing/store-conformance.js';
