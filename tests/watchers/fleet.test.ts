// Issue 16, "Must show": 3 worker processes on the BullMQ backend (one real redis-server) watch
// 1,000 invoices and 1,000 redeem codes of one sandbox over real HTTP while the test changes
// them; one worker is SIGKILLed mid-run and another started in its place. Checked from Redis
// and from the sandbox's own record of every status call:
// - every change reaches `onEvent` (none lost), and exactly once per event id across the fleet,
//   except for events the killed worker was handing over when it died (its lease expires and
//   another worker offers the same id again; at most its concurrency, and always the same id);
// - no item is polled by two workers at once (overlapping status calls for one key);
// - the status calls per second stay within the program's limit (sliding window over the
//   sandbox's arrival times).
import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { createPaymentWatcher, createPlatformClient } from '@prakerja-kit/platform';
import { createProviderClient, createStatusWatcher } from '@prakerja-kit/provider';
import { createSandbox, type Sandbox, type SandboxServer } from '@prakerja-kit/sandbox';
import { createBullmqBackend } from '@prakerja-kit/watchers/bullmq';
import { createRedisStore } from '@prakerja-kit/webhooks';
import Redis from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type RedisServer, startRedisServer } from '../../packages/webhooks/test/redis-server.js';
import {
  EVENTS_LIST,
  type FleetConfig,
  overlappingPolls,
  peakInWindow,
  type StatusCall,
  statusCallOf,
} from './fleet.js';
import { applyRound, createWorld, describeEvent, expectedEvents } from './world.js';

const SIZE = Number(process.env['WATCH_FLEET_SIZE'] ?? 1000);
/** What the program allows per client (the assertion); the fleets are configured below it. */
const PROGRAM_LIMIT = { platform: 100, provider: 250 } as const;
const tsx = createRequire(import.meta.url).resolve('tsx');
const workerFile = fileURLToPath(new URL('./worker.ts', import.meta.url));
const root = fileURLToPath(new URL('../..', import.meta.url));

let redis: RedisServer;
let sandbox: Sandbox;
let server: SandboxServer;
const calls: StatusCall[] = [];
const children: ChildProcess[] = [];

beforeAll(async () => {
  redis = await startRedisServer();
  sandbox = createSandbox({
    seed: 16,
    onProgramResponse: (exchange) => {
      const call = statusCallOf(exchange);
      if (call) calls.push(call);
      if (exchange.answeredAt - exchange.receivedAt > 1000) {
        progress(`slow answer ${exchange.path}: ${exchange.answeredAt - exchange.receivedAt} ms`);
      }
    },
  });
  server = await sandbox.listen({ port: 0 });
});

afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  await server?.close();
  await sandbox?.close();
  await redis?.stop();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const testStarted = Date.now();
/** A progress line on stderr (the run is long; a failure says where it was). */
const progress = (line: string) =>
  process.stderr.write(
    `[fleet +${((Date.now() - testStarted) / 1000).toFixed(1)} s] ${line} (${calls.length} status calls so far)\n`,
  );

function startWorker(name: string, config: FleetConfig) {
  const child = spawn(
    process.execPath,
    ['--import', tsx, '--conditions=@prakerja-kit/source', workerFile],
    {
      cwd: root,
      env: { ...process.env, WATCH_FLEET: JSON.stringify(config), WATCH_WORKER: name },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  children.push(child);
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) resolve();
    });
    child.once('exit', (code, signal) => reject(new Error(`${name} exited: ${signal ?? code}`)));
  });
  const exit = new Promise<string | number | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? code)),
  );
  return { child, ready, exit };
}

interface Reported {
  worker: string;
  id: string;
  type: string;
  data: Record<string, unknown>;
}

it('3 workers, one SIGKILLed and replaced: every change once, one poller per item, within the rate limit', async () => {
  const dp = sandbox.fixtures.platforms[0]!;
  const lp = sandbox.fixtures.providers[0]!;
  const config: FleetConfig = {
    url: server.url,
    redisPort: redis.port,
    dp: { clientCode: dp.clientCode, signKey: dp.signKey },
    lp: { clientCode: lp.clientCode, signKey: lp.signKey },
    // 30% under the program's limit: the limiter counts calls as they leave; a worker stalled
    // between the limiter and the socket (a loaded machine) sends late, bunching arrivals.
    rateLimit: {
      platform: { max: PROGRAM_LIMIT.platform * 0.7, durationMs: 1000 },
      provider: { max: PROGRAM_LIMIT.provider * 0.7, durationMs: 1000 },
    },
    intervalMs: 500,
    maxIntervalMs: 4000,
    concurrency: 8,
    lockDurationMs: 6000,
    stalledIntervalMs: 500,
  };
  const plan = createWorld(sandbox, { size: SIZE, seed: 16, roundCount: 8 });

  // A web process enrols every item (no start(): it never polls), then leaves.
  const connection = { host: '127.0.0.1', port: redis.port };
  const enrolRedis = new Redis(connection);
  const dedupe = createRedisStore({ client: enrolRedis, prefix: 'watch-test:dedupe:' });
  const enrolOptions = (role: 'platform' | 'provider') => ({
    connection,
    queueName: `watch-test-${role}`,
    dedupe,
  });
  // The test's own calls (enrolment's clients, the changes) go to the sandbox's dispatcher in
  // process (`sandbox.fetch`, same routes and signature checks): on a loaded machine, requests
  // from the process that also serves the sandbox were seen left unanswered over loopback. The
  // workers, whose calls are measured, use real HTTP.
  const inProcess: typeof fetch = (input, init) => sandbox.fetch(new Request(input, init));
  const platform = createPlatformClient({
    clientCode: dp.clientCode,
    signKey: dp.signKey,
    baseUrl: server.url,
    logLevel: 'silent',
    fetch: inProcess,
  });
  const provider = createProviderClient({
    clientCode: lp.clientCode,
    signKey: lp.signKey,
    baseUrl: server.url,
    redirectUri: 'http://127.0.0.1/prakerja/callback',
    stateSecret: 'fake-watch-fleet-state-secret-0123456789abcdef',
    logLevel: 'silent',
    env: {},
    fetch: inProcess,
  });
  const fail = (error: unknown) => {
    throw error;
  };
  const payments = createPaymentWatcher(platform, {
    backend: createBullmqBackend(enrolOptions('platform')),
    onEvent: fail,
  });
  const codes = createStatusWatcher({
    client: provider,
    backend: createBullmqBackend(enrolOptions('provider')),
    onEvent: fail,
  });
  const enrolStarted = performance.now();
  for (let index = 0; index < SIZE; index += 50) {
    await Promise.all([
      ...plan.invoices.slice(index, index + 50).map((code) => payments.watch(code)),
      ...plan.codes.slice(index, index + 50).map((redeemCode) => codes.watch({ redeemCode })),
    ]);
  }
  await Promise.all([payments.stop(), codes.stop()]);
  const enrolMs = performance.now() - enrolStarted;

  const heartbeat = setInterval(() => progress('heartbeat'), 5000);
  heartbeat.unref();
  progress(`enrolled ${2 * SIZE} items in ${Math.round(enrolMs)} ms`);
  const workers = ['w1', 'w2', 'w3'].map((name) => startWorker(name, config));
  await Promise.all(workers.map((worker) => worker.ready));
  progress('3 workers polling');

  // The world changes in rounds; the first worker is killed half-way and a fourth one started.
  const actors = { sandbox, url: server.url, platform, provider };
  let replacement: ReturnType<typeof startWorker> | undefined;
  for (const [index, round] of plan.rounds.entries()) {
    await applyRound(actors, round);
    progress(`round ${index + 1}/${plan.rounds.length}: ${round.length} changes`);
    if (index === Math.floor(plan.rounds.length / 2)) {
      workers[0]!.child.kill('SIGKILL');
      await workers[0]!.exit;
      progress('w1 SIGKILLed');
      await sleep(500);
      replacement = startWorker('w4', config);
      await replacement.ready;
      progress('w4 polling');
    }
    await sleep(700);
  }

  // Every change must come out: wait until each expected event was reported (bounded).
  const expected = expectedEvents(sandbox, plan);
  const reader = new Redis(connection);
  const read = async () =>
    (await reader.lrange(EVENTS_LIST, 0, -1)).map((line) => JSON.parse(line) as Reported);
  const deadline = Date.now() + 60_000;
  let reported = await read();
  for (;;) {
    const seen = new Set(reported.map(describeEvent));
    const missing = expected.required.filter((item) => !seen.has(item));
    if (missing.length === 0 || Date.now() > deadline) break;
    progress(`${missing.length} of ${expected.required.length} changes not reported yet`);
    await sleep(2000);
    reported = await read();
  }
  // A moment more, for any late duplicate to show.
  await sleep(1500);
  reported = await read();

  const survivors = [workers[1]!, workers[2]!, replacement!];
  for (const worker of survivors) worker.child.kill('SIGTERM');
  expect(await Promise.all(survivors.map((worker) => worker.exit))).toEqual([0, 0, 0]);
  expect(await workers[0]!.exit).toBe('SIGKILL');
  await reader.quit();
  await enrolRedis.quit();

  // None lost, nothing made up.
  const described = reported.map(describeEvent);
  const allowed = new Set([...expected.required, ...expected.optional]);
  expect(described.filter((item) => !allowed.has(item))).toEqual([]);
  expect(
    [...new Set(described)].filter((item) => !expected.optional.includes(item)).sort(),
  ).toEqual(expected.required);
  // Exactly once per event id; one id per change (deterministic ids), whoever emitted it.
  const idsByChange = new Map<string, Set<string>>();
  const countById = new Map<string, number>();
  for (const event of reported) {
    const change = describeEvent(event);
    idsByChange.set(change, (idsByChange.get(change) ?? new Set()).add(event.id));
    countById.set(event.id, (countById.get(event.id) ?? 0) + 1);
  }
  expect([...idsByChange.values()].filter((ids) => ids.size !== 1)).toEqual([]);
  const repeated = [...countById].filter(([, count]) => count > 1).map(([id]) => id);
  // Only an event the killed worker had handed over (and whose record it could not complete)
  // may come out again, from one other worker, and at most as many as it had in flight.
  const firstBy = new Map<string, string>();
  for (const event of reported) if (!firstBy.has(event.id)) firstBy.set(event.id, event.worker);
  expect(repeated.filter((id) => firstBy.get(id) !== 'w1' || countById.get(id) !== 2)).toEqual([]);
  expect(repeated.length).toBeLessThanOrEqual(2 * config.concurrency);

  // One poller per item at a time, from the sandbox's side.
  expect(overlappingPolls(calls)).toEqual([]);
  // When each call left its worker (reported, not asserted: the limiter grants on Redis' clock,
  // and a worker stalled between the grant and the socket sends late, bunched with later ones).
  const peakSent = (role: StatusCall['role']) =>
    peakInWindow(
      calls.filter((call) => call.role === role).map((call) => call.sentAt),
      1000,
    );
  // The program's limit in every 1 s window of arrival times at the sandbox.
  const peak = {
    platform: peakInWindow(
      calls.filter((call) => call.role === 'platform').map((call) => call.receivedAt),
      1000,
    ),
    provider: peakInWindow(
      calls.filter((call) => call.role === 'provider').map((call) => call.receivedAt),
      1000,
    ),
  };
  expect(peak.platform).toBeLessThanOrEqual(PROGRAM_LIMIT.platform);
  expect(peak.provider).toBeLessThanOrEqual(PROGRAM_LIMIT.provider);
  // Every worker did its share, the replacement included.
  const workersSeen = new Set(calls.map((call) => call.worker));
  expect([...workersSeen].sort()).toEqual(['w1', 'w2', 'w3', 'w4']);

  progress(
    `watcher fleet: ${SIZE} invoices + ${SIZE} redeem codes, enrolled in ${Math.round(enrolMs)} ms; ` +
      `${expected.required.length} changes, ${reported.length} events reported ` +
      `(${repeated.length} repeated after the SIGKILL); ${calls.length} status calls; ` +
      `peak per 1 s window sent: DP ${peakSent('platform')}/${config.rateLimit.platform.max}, ` +
      `LP ${peakSent('provider')}/${config.rateLimit.provider.max}; ` +
      `arrived: DP ${peak.platform}/${PROGRAM_LIMIT.platform}, ` +
      `LP ${peak.provider}/${PROGRAM_LIMIT.provider}; ${((Date.now() - testStarted) / 1000).toFixed(0)} s`,
  );
}, 240_000);
