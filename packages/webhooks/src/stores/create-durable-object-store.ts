import type { IdempotencyStore, LeaseResult } from './idempotency-store.js';

/** A Durable Object stub: what `namespace.get(id)` returns (only `fetch` is used). */
export interface DurableObjectStubLike {
  /** Sends a request to the object. */
  fetch(
    input: string,
    init: { method: string; body: string },
  ): Promise<{ json(): Promise<unknown> }>;
}

/**
 * A Cloudflare Durable Object namespace binding (`env.WEBHOOK_EVENTS`) whose class is
 * {@link WebhookEventsObject}.
 */
export interface DurableObjectNamespaceLike {
  /** The id of the object named `name` (the same everywhere, for every isolate). */
  idFromName(name: string): unknown;
  /** The stub of an object. */
  get(id: unknown): DurableObjectStubLike;
}

/** Options of {@link createDurableObjectStore}. */
export interface DurableObjectStoreOptions {
  /** The namespace binding of {@link WebhookEventsObject}, e.g. `env.WEBHOOK_EVENTS`. */
  namespace: DurableObjectNamespaceLike;
  /**
   * Prefix of every object name (one object per event id).
   * @default 'prakerja-kit:webhook:'
   */
  prefix?: string | undefined;
}

type Operation = 'acquire' | 'extend' | 'complete' | 'release';

interface Command {
  op: Operation;
  token: string;
  ms: number;
}

/**
 * An {@link IdempotencyStore} in Cloudflare Durable Objects, for receivers on Workers, where
 * each isolate has its own memory and a receiver is often built per request.
 *
 * Each event id has its own object ({@link WebhookEventsObject}, `idFromName(prefix + id)`),
 * which runs one operation at a time in one place, so `acquire` is atomic across every isolate
 * and every colo; the record expires by itself (an alarm deletes it).
 *
 * @example
 * // worker.ts
 * export { WebhookEventsObject } from '@prakerja-kit/webhooks';
 * export default {
 *   fetch: (request: Request, env: Env) =>
 *     createWebhookReceiver({
 *       secret: env.PRAKERJA_WEBHOOK_SECRET,
 *       store: createDurableObjectStore({ namespace: env.WEBHOOK_EVENTS }),
 *     })
 *       .on('payment.voided', handleVoid)
 *       .receiveRequest(request),
 * };
 * // wrangler.toml: [[durable_objects.bindings]] name = "WEBHOOK_EVENTS", class_name = "WebhookEventsObject"
 * // and a migration: [[migrations]] tag = "v1", new_sqlite_classes = ["WebhookEventsObject"]
 */
export function createDurableObjectStore(options: DurableObjectStoreOptions): IdempotencyStore {
  const { namespace } = options;
  const prefix = options.prefix ?? 'prakerja-kit:webhook:';
  async function send(key: string, command: Command): Promise<unknown> {
    const stub = namespace.get(namespace.idFromName(prefix + key));
    const response = await stub.fetch('https://webhook-events.prakerja-kit.invalid/', {
      method: 'POST',
      body: JSON.stringify(command),
    });
    return ((await response.json()) as { result: unknown }).result;
  }
  return {
    async acquire(key, leaseMs) {
      const token = `lease:${crypto.randomUUID()}`;
      return (await send(key, { op: 'acquire', token, ms: leaseMs })) as LeaseResult;
    },
    async extend(key, token, leaseMs) {
      return (await send(key, { op: 'extend', token, ms: leaseMs })) === true;
    },
    async complete(key, token, retainMs) {
      return (await send(key, { op: 'complete', token, ms: retainMs })) === true;
    },
    async release(key, token) {
      return (await send(key, { op: 'release', token, ms: 0 })) === true;
    },
  };
}

/** The part of a Durable Object's `ctx.storage` that {@link WebhookEventsObject} uses. */
export interface DurableObjectStorageLike {
  /** Reads a value. */
  get(key: string): Promise<unknown>;
  /** Writes a value. */
  put(key: string, value: unknown): Promise<void>;
  /** Deletes a value. */
  delete(key: string): Promise<boolean>;
  /** Schedules `alarm()` at `time` (ms since the epoch). */
  setAlarm(time: number): Promise<void>;
}

type EventRecord = { token: string; processed: boolean; expiresAt: number };

const RECORD = 'record';

/**
 * The Durable Object class behind {@link createDurableObjectStore}: export it from your Worker's
 * entry module and bind it (`WEBHOOK_EVENTS`). One object holds one event id's lease or
 * processed marker, applying the same rules as the other stores (token-fenced writes,
 * idempotent `complete`); operations run one at a time.
 *
 * @example
 * export { WebhookEventsObject } from '@prakerja-kit/webhooks';
 */
export class WebhookEventsObject {
  readonly #storage: DurableObjectStorageLike;
  #queue: Promise<unknown> = Promise.resolve();

  /** Called by the Workers runtime with the object's state (`ctx`). */
  constructor(state: { storage: DurableObjectStorageLike }, _env?: unknown) {
    this.#storage = state.storage;
  }

  /** Applies one command sent by {@link createDurableObjectStore}. */
  async fetch(request: Request): Promise<Response> {
    const command = (await request.json()) as Command;
    // One operation at a time, even across awaits on storage.
    const result = this.#queue.then(() => this.#apply(command));
    this.#queue = result.catch(() => undefined);
    return Response.json({ result: await result });
  }

  /** Deletes the record once it has expired (scheduled when it is written). */
  async alarm(): Promise<void> {
    const record = (await this.#storage.get(RECORD)) as EventRecord | undefined;
    if (record !== undefined && record.expiresAt <= Date.now()) await this.#storage.delete(RECORD);
    else if (record !== undefined) await this.#storage.setAlarm(record.expiresAt);
  }

  async #write(record: EventRecord): Promise<void> {
    await this.#storage.put(RECORD, record);
    await this.#storage.setAlarm(record.expiresAt);
  }

  async #apply({ op, token, ms }: Command): Promise<LeaseResult | boolean> {
    const now = Date.now();
    const stored = (await this.#storage.get(RECORD)) as EventRecord | undefined;
    const live = stored !== undefined && stored.expiresAt > now ? stored : undefined;
    switch (op) {
      case 'acquire':
        if (live !== undefined) return { status: live.processed ? 'processed' : 'processing' };
        await this.#write({ token, processed: false, expiresAt: now + ms });
        return { status: 'acquired', token };
      case 'extend':
        if (live === undefined || live.processed || live.token !== token) return false;
        await this.#write({ ...live, expiresAt: now + ms });
        return true;
      case 'complete':
        if (live !== undefined && live.token !== token) return false;
        await this.#write({ token, processed: true, expiresAt: now + ms });
        return true;
      case 'release':
        if (live === undefined || live.processed || live.token !== token) return false;
        await this.#storage.delete(RECORD);
        return true;
    }
  }
}
