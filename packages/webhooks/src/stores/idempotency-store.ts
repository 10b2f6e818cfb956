/** The answer of {@link IdempotencyStore.acquire}. */
export type LeaseResult =
  /** This caller holds the processing lease; pass `token` to `complete` or `release`. */
  | { status: 'acquired'; token: string }
  /** Another caller holds an unexpired lease: the event is being processed right now. */
  | { status: 'processing' }
  /** The event was processed already. */
  | { status: 'processed' };

/**
 * Where a receiver records which events it is processing and has processed, so that each event
 * runs its handler once across retries, duplicates and instances.
 *
 * Implementations must make `acquire` atomic across every receiver sharing the store.
 * Built in: {@link createMemoryStore} (one process) and {@link createRedisStore} (many).
 */
export interface IdempotencyStore {
  /** Takes the processing lease for `key` for `leaseMs`, unless it is held or processed. */
  acquire(key: string, leaseMs: number): Promise<LeaseResult>;
  /** Marks `key` processed for `retainMs`; later deliveries of it are duplicates. */
  complete(key: string, token: string, retainMs: number): Promise<void>;
  /** Gives the lease back (the handler failed), if `token` still holds it, so a retry can run. */
  release(key: string, token: string): Promise<void>;
}
