export type { ManualClock } from './create-manual-clock.js';
export { createManualClock, realClock } from './create-manual-clock.js';
export { createMemoryBackend } from './create-memory-backend.js';
export type { PollInfo, WatchedItem, Watcher, WatcherOptions } from './create-watcher.js';
export { createWatcher } from './create-watcher.js';
export type {
  DiffInput,
  FetchContext,
  IdempotencyLease,
  IdempotencyStore,
  RateGate,
  RateLimit,
  WatchBackend,
  WatchBackendSession,
  WatchClock,
  WatchDiff,
  WatchKind,
  WatchRecord,
  WatchRunner,
  WatchUpdate,
} from './types.js';
