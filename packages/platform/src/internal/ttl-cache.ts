/**
 * A small cache of promises: a value lives `ttlMs` after it resolves, concurrent lookups of one
 * key share the same in-flight promise, failures are not kept, and the oldest entries are
 * dropped past `maxEntries`.
 */
export class TtlCache<V> {
  readonly #entries = new Map<string, { promise: Promise<V>; expiresAt: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
    private readonly now: () => number,
  ) {}

  /** Returns the cached or in-flight value, or starts `load`. `hit` is false when it loaded. */
  get(key: string, load: () => Promise<V>): { promise: Promise<V>; hit: boolean } {
    const entry = this.#entries.get(key);
    if (entry && entry.expiresAt > this.now()) return { promise: entry.promise, hit: true };
    const record = { promise: load(), expiresAt: Number.POSITIVE_INFINITY };
    this.#entries.delete(key);
    this.#entries.set(key, record);
    record.promise.then(
      () => {
        record.expiresAt = this.now() + this.ttlMs;
      },
      () => {
        if (this.#entries.get(key) === record) this.#entries.delete(key);
      },
    );
    if (this.#entries.size > this.maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    return { promise: record.promise, hit: false };
  }

  /** Forgets one key, or everything. */
  clear(key?: string): void {
    if (key === undefined) this.#entries.clear();
    else this.#entries.delete(key);
  }
}
