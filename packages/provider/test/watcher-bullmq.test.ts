// Two worker processes (two watchers here) share the redeem codes through Redis (issue 16): each
// state change is emitted once across both, against the sandbox over real HTTP.

import { createBullmqBackend } from '@prakerja-kit/watchers/bullmq';
import { createMemoryStore } from '@prakerja-kit/webhooks';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { type RedisServer, startRedisServer } from '../../webhooks/test/redis-server.js';
import { createStatusWatcher, type ProviderEvent, type StatusWatcher } from '../src/index.js';
import { startSandbox } from './support/sandbox.js';

let context: Awaited<ReturnType<typeof startSandbox>>;
let redis: RedisServer;
beforeAll(async () => {
  [context, redis] = await Promise.all([startSandbox(), startRedisServer()]);
});
afterAll(async () => {
  await context?.close();
  await redis?.stop();
});

it('emits each change once across two workers sharing a code, then stops polling it once complete', async () => {
  const queueName = `codes-${Date.now()}`;
  const dedupe = createMemoryStore();
  const events: Array<ProviderEvent & { worker: number }> = [];
  const workers: StatusWatcher[] = [1, 2].map((worker) =>
    createStatusWatcher({
      client: context.makeClient(),
      onEvent: (event) => {
        events.push({ ...event, worker });
      },
      intervalMs: 100,
      maxIntervalMs: 200,
      backend: createBullmqBackend({
        connection: { host: '127.0.0.1', port: redis.port, maxRetriesPerRequest: null },
        queueName,
        dedupe,
        lockDurationMs: 1000,
        stalledIntervalMs: 500,
      }),
    }),
  );
  const client = context.makeClient();
  const redeemCode = context.code('TC1-999-200'); // redeemed: sequence 1 is verified
  await workers[0]!.watch({ redeemCode });
  for (const worker of workers) worker.start();
  try {
    await vi.waitFor(() => expect(events).toHaveLength(1), { timeout: 10_000, interval: 50 });
    // The participant finishes the course: post-test verified, UK submitted and accepted.
    const started = await client.attendance.createVerificationUrl({
      redeemCode,
      sequence: 999,
      email: 'tari@lp.example',
    });
    context.sandbox.control.verifications.approve(started.programState!);
    const uk = { redeemCode, scope: 'uk', sequence: 999 } as const;
    await client.assignments.submit({ ...uk, urlFile: 'https://lp.example/files/uk.pdf' });
    await client.assignments.review({ ...uk, notes: 'Lulus.' });
    await vi.waitFor(() => expect(events).toHaveLength(5), { timeout: 10_000, interval: 50 });
    await new Promise((resolve) => setTimeout(resolve, 500));
    // Complete: nothing left to poll.
    expect(await workers[1]!.list()).toEqual([]);
  } finally {
    await Promise.all(workers.map((worker) => worker.stop()));
  }
  expect(events.map((event) => event.type).sort()).toEqual([
    'assignment.reviewed',
    'assignment.submitted',
    'attendance.verified',
    'attendance.verified',
    'course.completed',
  ]);
  expect(new Set(events.map((event) => event.id)).size).toBe(5);
});
