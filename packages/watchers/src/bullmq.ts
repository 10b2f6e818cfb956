export type { BullmqBackendOptions } from './create-bullmq-backend.js';
export { createBullmqBackend } from './create-bullmq-backend.js';
