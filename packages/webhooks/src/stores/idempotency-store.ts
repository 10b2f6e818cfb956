/** The answer of {@link IdempotencyStore.acquire}. */
export type LeaseResult =
  /** This caller holds the processing lease; pass `token` to `extend`, `complete` or `release`. */
  | { status: 'acquired'; token: string }
  /** Another caller holds an unexpired lease: the event is being processed right now. */
  | { status: 'processing' }
  /** The event was processed already. */
  | { status: 'processed' };

/**
 * Where a receiver records which events it is processing and has processed, so that each event
 * runs its handler once across retries, duplicates and instances.
 *
 * The contract, which `runStoreConformance` from `@prakerja-kit/webhooks/testing` checks:
 * - `acquire` is atomic across every receiver sharing the store: of any number of concurrent
 *   calls for a key, at most one gets `acquired`, with a token unique to that lease.
 * - A lease lasts `leaseMs` from its last `acquire` or `extend`; once it expires, another
 *   `acquire` may take the key with a new token.
 * - Every write is fenced by the token: `extend`, `complete` and `release` with a token that no
 *   longer holds the lease change nothing of the current holder's record and answer `false`.
 * - `complete` records the event as processed for `retainMs` when `token` holds the lease, or
 *   when nobody does (the lease lapsed and was not retaken): the handler did succeed. It is
 *   idempotent: repeating it with the same token answers `true` again, so a caller may retry a
 *   `complete` whose answer was lost.
 */
export interface IdempotencyStore {
  /** Takes the processing lease for `key` for `leaseMs`, unless it is held or processed. */
  acquire(key: string, leaseMs: number): Promise<LeaseResult>;
  /**
   * Extends the lease `token` holds to end `leaseMs` from now (the receiver's heartbeat).
   * Answers `false`, changing nothing, when `token` no longer holds an unexpired lease.
   */
  extend(key: string, token: string, leaseMs: number): Promise<boolean>;
  /**
   * Marks `key` processed for `retainMs`; later deliveries of it are duplicates. Answers
   * `false`, changing nothing, when another lease holds the key or another token recorded it.
   */
  complete(key: string, token: string, retainMs: number): Promise<boolean>;
  /**
   * Gives the lease back (the handler failed) so a retry can run, if `token` still holds it;
   * answers whether it did. Never removes a processed record.
   */
  release(key: string, token: string): Promise<boolean>;
}
