import { type ConnectionOptions, DelayedError, type Job, Queue, Worker } from 'bullmq';
import { sleepOn } from './internal/sleep-on.js';
import type {
  IdempotencyStore,
  RateGate,
  WatchBackend,
  WatchBackendSession,
  WatchRecord,
  WatchRunner,
} from './types.js';

/** Options of {@link createBullmqBackend}. */
export interface BullmqBackendOptions {
  /**
   * The Redis connection: options (`{ host, port }`) or an ioredis instance created with
   * `maxRetriesPerRequest: null` (BullMQ's requirement for workers).
   */
  connection: ConnectionOptions;
  /**
   * The BullMQ queue that holds the watched items (one job per item). Give each watcher its
   * own when several share a Redis database.
   * @default `prakerja-${kind}` (`prakerja-payment`, `prakerja-redeem-code`)
   */
  queueName?: string | undefined;
  /** Prefix of every Redis key. @default 'prakerja' */
  prefix?: string | undefined;
  /**
   * Where emitted event ids are recorded, shared by every worker, so each change is emitted
   * once even when a worker dies between `onEvent` and recording the state: any store of
   * `@prakerja-kit/webhooks` (`createRedisStore({ client })` on the same Redis fits).
   */
  dedupe: IdempotencyStore;
  /**
   * How long a worker holds an item it polls before another may take it over (BullMQ
   * `lockDuration`; renewed while the poll runs). @default 30000
   */
  lockDurationMs?: number | undefined;
  /** How often workers look for items whose worker died (BullMQ `stalledInterval`). @default 30000 */
  stalledIntervalMs?: number | undefined;
}

/** What a job holds: the record, or null until the items in its inbox are merged. */
interface JobData {
  record: WatchRecord | null;
}

// The rate gate: a sliding-window log of the calls let through (exact: at most `max` in any
// window of `duration` ms, on Redis' clock) and a fleet-wide pause. Answers 0 when the call may
// go, else the milliseconds to wait.
const TAKE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local paused = tonumber(redis.call('GET', KEYS[2]) or '0')
if paused > now then return paused - now end
local max = tonumber(ARGV[1])
local duration = tonumber(ARGV[2])
local cost = tonumber(ARGV[3])
if max <= 0 then return 0 end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - duration)
local count = redis.call('ZCARD', KEYS[1])
if count + cost <= max or count == 0 then
  for i = 1, cost do redis.call('ZADD', KEYS[1], now, ARGV[4] .. ':' .. i) end
  redis.call('PEXPIRE', KEYS[1], duration)
  return 0
end
local index = math.max(0, count + cost - max - 1)
local oldest = redis.call('ZRANGE', KEYS[1], index, index, 'WITHSCORES')
return math.max(1, tonumber(oldest[2]) + duration - now)
`;

// Pauses every worker's calls for ARGV[1] ms (on Redis' clock), never shortening a pause.
const PAUSE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local untilMs = now + tonumber(ARGV[1])
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if untilMs > current then redis.call('SET', KEYS[1], untilMs, 'PX', tonumber(ARGV[1])) end
return 1
`;

/** The part of BullMQ's Redis client the backend uses (ioredis by default). */
interface RedisCommands {
  runCommand(name: string, args: unknown[]): Promise<unknown>;
}

/**
 * A durable, distributed backend on BullMQ (Redis): the watched items, each item's schedule
 * and its last reported state live in Redis, and any number of worker processes share the
 * polling. Requires the optional peer dependency `bullmq`.
 *
 * - One BullMQ job per item (job id from the kind and the key), holding the item and its last
 *   reported state; between polls the job waits in BullMQ's delayed set until it is due, so an
 *   item is polled by one worker at a time (the job's lock).
 * - A worker that dies mid-poll loses its lock; BullMQ's stalled-job check hands the item to
 *   another worker (an item is never failed for stalling).
 * - Every change is emitted once across workers: deterministic event ids recorded in `dedupe`
 *   before the state is saved.
 * - The watcher's `rateLimit` is shared by every worker (a sliding window in Redis), and a 429
 *   from the program pauses the calls of every worker for its `Retry-After`.
 * - `watch()`/`follow()` from any process (a web server that never calls `start()`) write to
 *   Redis and resolve once the item is stored; `start()` makes the process a worker.
 *
 * @example
 * import { createBullmqBackend } from '@prakerja-kit/watchers/bullmq';
 * import { createRedisStore } from '@prakerja-kit/webhooks';
 * import Redis from 'ioredis';
 *
 * const backend = createBullmqBackend({
 *   connection: { host: 'localhost', port: 6379 },
 *   dedupe: createRedisStore({ client: new Redis() }),
 * });
 * const watcher = createPaymentWatcher(client, { backend, onEvent, rateLimit: { max: 20, durationMs: 1000 } });
 * watcher.start(); // this process is one of the workers
 */
export function createBullmqBackend(options: BullmqBackendOptions): WatchBackend {
  return {
    dedupe: options.dedupe,
    // An emit interrupted by a dead worker is retried once its item lock has expired too.
    dedupeLeaseMs: options.lockDurationMs ?? 30_000,
    open: (runner) => openBullmq(runner, options),
  };
}

/** A job id from the kind and the key (BullMQ ids may not contain `:` nor be integers). */
function jobIdOf(kind: string, key: string): string {
  return `${kind}-${encodeURIComponent(key)}`;
}

function openBullmq(runner: WatchRunner, options: BullmqBackendOptions): WatchBackendSession {
  const { clock } = runner;
  const prefix = options.prefix ?? 'prakerja';
  const queueName = options.queueName ?? `prakerja-${runner.name}`;
  const base = `${prefix}:${queueName}:watch`;
  const inboxOf = (jobId: string) => `${base}:inbox:${jobId}`;
  const queue = new Queue<JobData>(queueName, { connection: options.connection, prefix });
  queue.on('error', (error) => runner.reportError(error, ''));
  const redis = (async () => (await queue.getBackend().client) as unknown as RedisCommands)();
  const command = async (name: string, args: unknown[]) => (await redis).runCommand(name, args);
  let worker: Worker<JobData> | undefined;

  const sleep = (ms: number) => sleepOn(clock, ms);
  let member = 0;
  const instance = `${Date.now().toString(36)}${Math.random().toString(36).slice(2)}`;
  const gate: RateGate = {
    async take(cost) {
      const limit = runner.rateLimit;
      const id = `${instance}:${member++}`;
      for (;;) {
        const wait = Number(
          await command('eval', [
            TAKE,
            2,
            `${base}:rate`,
            `${base}:paused-until`,
            limit?.max ?? 0,
            limit?.durationMs ?? 0,
            cost,
            id,
          ]),
        );
        if (!(wait > 0)) return;
        await sleep(wait);
      }
    },
    async pause(untilMs) {
      const ms = Math.ceil(untilMs - clock.now());
      if (ms > 0) await command('eval', [PAUSE, 1, `${base}:paused-until`, ms]);
    },
  };

  async function process(job: Job<JobData>, token: string | undefined): Promise<string> {
    const jobId = job.id as string;
    const inbox = inboxOf(jobId);
    // Items given to watch() (and unwatch markers) since the last poll, oldest first.
    const entries = (await command('lrange', [inbox, 0, -1])) as string[];
    let record = job.data.record;
    for (const raw of entries) {
      const entry = JSON.parse(raw) as { item?: unknown; unwatch?: true };
      if (entry.unwatch) record = null;
      else if (record === null) record = runner.create(entry.item);
      else record = { ...record, item: runner.merge(record.item, entry.item) };
    }
    const drain = () => command('ltrim', [inbox, entries.length, -1]);
    if (record === null) {
      await drain();
      return 'unwatched';
    }
    const { update } = await runner.poll(record, gate);
    // Watched again while it was polled: look at the new items at once, never drop them.
    const arrived = Number(await command('llen', [inbox])) > entries.length;
    if (update.done && !arrived) {
      await drain();
      return 'done';
    }
    const next = update.done ? null : update.record;
    await job.updateData({ record: next });
    await drain();
    const dueAt = arrived || next === null ? Date.now() : next.dueAt;
    await job.moveToDelayed(dueAt, token);
    throw new DelayedError();
  }

  return {
    async watch(item) {
      const key = runner.key(item);
      const jobId = jobIdOf(runner.name, key);
      await command('rpush', [inboxOf(jobId), JSON.stringify({ item })]);
      const job = await queue.add(
        runner.name,
        { record: runner.create(item) },
        {
          jobId,
          removeOnComplete: true,
          removeOnFail: true,
          // A poll never throws; a Redis failure while saving is retried, never dropped.
          attempts: Number.MAX_SAFE_INTEGER,
          backoff: { type: 'fixed', delay: runner.intervalMs },
        },
      );
      // Already watched and waiting out its backoff: due now, so the new item is looked at.
      if ((await job.getState()) === 'delayed') await job.promote().catch(() => undefined);
    },
    async unwatch(key) {
      const jobId = jobIdOf(runner.name, key);
      const removed = await queue.remove(jobId).catch(() => 0);
      if (removed === 1) {
        await command('del', [inboxOf(jobId)]);
        return;
      }
      // A worker holds it: leave a marker its next look at the inbox honours.
      if (await queue.getJob(jobId)) {
        await command('rpush', [inboxOf(jobId), JSON.stringify({ unwatch: true })]);
      }
    },
    async list() {
      const jobs = await queue.getJobs(['active', 'waiting', 'delayed', 'prioritized']);
      const records: WatchRecord[] = [];
      for (const job of jobs) if (job?.data?.record) records.push(job.data.record);
      return records;
    },
    async poll() {
      await queue.promoteJobs();
      return [];
    },
    start() {
      if (worker) return;
      worker = new Worker<JobData>(queueName, process, {
        connection: options.connection,
        prefix,
        concurrency: runner.concurrency,
        lockDuration: options.lockDurationMs ?? 30_000,
        stalledInterval: options.stalledIntervalMs ?? 30_000,
        // A dead worker's item is handed over however often that happens: never failed.
        maxStalledCount: Number.MAX_SAFE_INTEGER,
      });
      worker.on('error', (error) => runner.reportError(error, ''));
      worker.on('failed', (job, error) => runner.reportError(error, job?.id ?? ''));
    },
    async stop() {
      await worker?.close();
      await queue.close();
    },
  };
}
