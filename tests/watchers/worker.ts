// One worker process of the watcher fleet test (watchers.test.ts): a payment watcher (as the DP)
// and a redeem-code status watcher (as the LP) on the BullMQ backend, sharing the work with the
// other workers through Redis. Every event handed to `onEvent` is appended to a Redis list with
// this worker's name (awaited: once `onEvent` returns, the record is in Redis). Every program
// call carries `x-watch-worker: <name>` so the test can tell the workers apart in the sandbox's
// log. Prints `ready` once polling; stops cleanly on SIGTERM.
import { createPaymentWatcher, createPlatformClient } from '@prakerja-kit/platform';
import { createProviderClient, createStatusWatcher } from '@prakerja-kit/provider';
import { createBullmqBackend } from '@prakerja-kit/watchers/bullmq';
import { createRedisStore } from '@prakerja-kit/webhooks';
import Redis from 'ioredis';
import { EVENTS_LIST, type FleetConfig } from './fleet.js';

const config = JSON.parse(process.env['WATCH_FLEET'] ?? '{}') as FleetConfig;
const name = process.env['WATCH_WORKER'] ?? 'worker';
const connection = { host: '127.0.0.1', port: config.redisPort };

const tagged: typeof fetch = (input, init) => {
  const request = new Request(input, init);
  request.headers.set('x-watch-worker', name);
  // When the call leaves (after the shared limiter let it through), on this machine's clock.
  request.headers.set('x-watch-sent-at', String(Date.now()));
  return fetch(request);
};

const events = new Redis(connection);
const dedupeClient = new Redis(connection);
// The engine leases an event for the backend's lock duration while `onEvent` runs: after a
// SIGKILL inside `onEvent`, the same event is offered again once the item is recovered.
const dedupe = createRedisStore({ client: dedupeClient, prefix: 'watch-test:dedupe:' });
const report = async (event: { id: string; type: string; data: object }) => {
  await events.rpush(EVENTS_LIST, JSON.stringify({ worker: name, ...event }));
};
const backendOptions = (role: 'platform' | 'provider') => ({
  connection,
  queueName: `watch-test-${role}`,
  dedupe,
  lockDurationMs: config.lockDurationMs,
  stalledIntervalMs: config.stalledIntervalMs,
});

const platform = createPlatformClient({
  clientCode: config.dp.clientCode,
  signKey: config.dp.signKey,
  baseUrl: config.url,
  logLevel: 'silent',
  fetch: tagged,
});
const provider = createProviderClient({
  clientCode: config.lp.clientCode,
  signKey: config.lp.signKey,
  baseUrl: config.url,
  redirectUri: 'http://127.0.0.1/prakerja/callback',
  stateSecret: 'fake-watch-fleet-state-secret-0123456789abcdef',
  logLevel: 'silent',
  env: {},
  fetch: tagged,
});
// Failed polls, counted by error code and printed on exit (a poll that fails is retried).
const failures = new Map<string, number>();
const onError = (error: unknown) => {
  const {
    code,
    name: errorName,
    message,
  } = error as { code?: string; name?: string; message?: string };
  const key = code ?? `${errorName}: ${String(message).slice(0, 60)}`;
  failures.set(key, (failures.get(key) ?? 0) + 1);
};
const timing = (role: 'platform' | 'provider') => ({
  rateLimit: config.rateLimit[role],
  intervalMs: config.intervalMs,
  maxIntervalMs: config.maxIntervalMs,
  concurrency: config.concurrency,
});
const payments = createPaymentWatcher(platform, {
  ...timing('platform'),
  backend: createBullmqBackend(backendOptions('platform')),
  onEvent: report,
  onError,
});
const codes = createStatusWatcher({
  ...timing('provider'),
  client: provider,
  backend: createBullmqBackend(backendOptions('provider')),
  onEvent: report,
  onError,
});
payments.start();
codes.start();
process.stdout.write('ready\n');

process.once('SIGTERM', () => {
  void Promise.all([payments.stop(), codes.stop()])
    .then(() => Promise.all([events.quit(), dedupeClient.quit()]))
    .then(() => {
      if (failures.size > 0) {
        process.stderr.write(
          `[${name}] failed polls: ${JSON.stringify(Object.fromEntries(failures))}\n`,
        );
      }
    })
    .then(() => process.exit(0));
});
