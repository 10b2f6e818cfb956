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
  return fetch(request);
};

const events = new Redis(connection);
const dedupeClient = new Redis(connection);
const dedupe = createRedisStore({ client: dedupeClient, prefix: 'watch-test:dedupe:' });
const report = async (event: { id: string; type: string; data: object }) => {
  await events.rpush(EVENTS_LIST, JSON.stringify({ worker: name, ...event }));
};
const backendOptions = (role: 'platform' | 'provider') => ({
  connection,
  queueName: `watch-test-${role}`,
  dedupe,
  rateLimit: config.rateLimit[role],
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
const onError = (error: unknown, key: string) => {
  // Expected now and then (a 429 slows the fleet); anything else shows in the test output.
  if ((error as { status?: number }).status !== 429) {
    console.error(`[${name}] ${key}: ${error instanceof Error ? error.message : String(error)}`);
  }
};
const timing = {
  intervalMs: config.intervalMs,
  maxIntervalMs: config.maxIntervalMs,
  concurrency: config.concurrency,
};
const payments = createPaymentWatcher(platform, {
  ...timing,
  backend: createBullmqBackend(backendOptions('platform')),
  onEvent: report,
  onError,
});
const codes = createStatusWatcher({
  ...timing,
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
    .then(() => process.exit(0));
});
