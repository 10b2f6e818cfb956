import { createManualClock, realClock } from '@prakerja-kit/watchers';
import { expect, test, vi } from 'vitest';
import { fakeClient, ok, statusData } from '../test/support/fake-program.js';
import { createStatusWatcher } from './create-status-watcher.js';
import type { ProviderEvent } from './schemas/events.js';

const CODE = 'PRAT-UJ0EEQ';

function world() {
  const state = { verified: new Set<number>(), tpm1: [0, 0], uk: [0, 0] };
  const { client } = fakeClient((request) => {
    const body = request.body as { redeem_code: string; sequence: number; scope?: string };
    if (body.scope === undefined) {
      return ok(
        statusData(body.redeem_code, body.sequence, state.verified.has(body.sequence) ? 1 : 0),
      );
    }
    const [assignment, feedback] = body.scope === 'uk' ? state.uk : state.tpm1;
    return ok({ assignment: { status: assignment }, feedback: { status: feedback } });
  });
  return { client, state };
}

test('the watcher emits each state change once, in the documented event shape', async () => {
  const { client, state } = world();
  const events: ProviderEvent[] = [];
  const watcher = createStatusWatcher({
    client,
    onEvent: (event) => {
      events.push(event);
    },
    redeemCodes: [{ redeemCode: CODE, tpmSequences: [1] }],
    clock: { ...realClock, now: () => Date.parse('2026-11-24T07:00:00.000Z') },
  });
  expect(await watcher.poll()).toEqual([]);
  state.verified.add(1);
  state.tpm1 = [1, 0];
  const first = await watcher.poll();
  expect(first.map((event) => event.type)).toEqual(['attendance.verified', 'assignment.submitted']);
  expect(first[0]).toEqual({
    id: expect.stringMatching(/^evt_[0-9A-HJKMNP-TV-Z]{26}$/),
    type: 'attendance.verified',
    created_at: '2026-11-24T07:00:00.000Z',
    data: {
      redeem_code: CODE,
      course_code: 'prakerjaoauth1',
      sequence: 1,
      verified_at: '2026-11-24T07:00:00.000Z',
    },
  });
  expect(await watcher.poll()).toEqual([]);
  state.verified.add(999);
  state.tpm1 = [2, 2];
  state.uk = [2, 2];
  const second = await watcher.poll();
  expect(
    second.map((event) => `${event.type}:${'status' in event.data ? event.data.status : ''}`),
  ).toEqual([
    'attendance.verified:',
    'assignment.submitted:2',
    'assignment.reviewed:2',
    'assignment.submitted:2',
    'assignment.reviewed:2',
    'course.completed:',
  ]);
  expect(events).toHaveLength(8);
});

test('event ids depend only on the state, so a restarted watcher repeats them', async () => {
  const { client, state } = world();
  state.verified.add(1);
  const ids = async () => {
    const watcher = createStatusWatcher({
      client,
      onEvent: () => undefined,
      redeemCodes: [{ redeemCode: CODE }],
    });
    return (await watcher.poll()).map((event) => event.id);
  };
  const first = await ids();
  expect(first).toHaveLength(1);
  expect(await ids()).toEqual(first);
});

test('an event whose handler throws is offered again on the next poll', async () => {
  const { client, state } = world();
  state.verified.add(1);
  const errors: unknown[] = [];
  let failOnce = true;
  const watcher = createStatusWatcher({
    client,
    onEvent: () => {
      if (failOnce) {
        failOnce = false;
        throw new Error('queue down');
      }
    },
    onError: (error) => errors.push(error),
    redeemCodes: [{ redeemCode: CODE }],
  });
  expect(await watcher.poll()).toEqual([]);
  expect(errors).toHaveLength(1);
  expect((await watcher.poll()).map((event) => event.type)).toEqual(['attendance.verified']);
});

test('unwatched codes are no longer polled and start/stop drive polling', async () => {
  const { client, state } = world();
  state.verified.add(1);
  const clock = createManualClock(0);
  const events: ProviderEvent[] = [];
  const watcher = createStatusWatcher({
    client,
    onEvent: (event) => void events.push(event),
    intervalMs: 5,
    clock,
  });
  await watcher.watch({ redeemCode: CODE });
  watcher.start();
  await clock.advance(1);
  // The status calls themselves run on real I/O (signing, the scripted fetch).
  await vi.waitFor(() => expect(events).toHaveLength(1));
  await watcher.stop();
  await watcher.unwatch(CODE);
  expect(await watcher.list()).toEqual([]);
  expect(await watcher.poll()).toEqual([]);
});

test('backs off an unchanged code and stops polling it once its course is complete', async () => {
  const { client, state } = world();
  const clock = createManualClock(0);
  const calls: number[] = [];
  // Status answers without I/O, so the manual clock alone decides when each poll happens.
  client.attendance.retrieve = async (params) => {
    const sequence = params.sequence ?? 1;
    if (sequence === 1) calls.push(clock.now());
    const verified = state.verified.has(sequence);
    return {
      redeemCode: params.redeemCode,
      sequence,
      courseCode: 'prakerjaoauth1',
      verified,
      attendanceStatus: verified ? 1 : 0,
    } as Awaited<ReturnType<typeof client.attendance.retrieve>>;
  };
  client.assignments.retrieve = async (params) => {
    const [assignment, feedback] = params.scope === 'uk' ? state.uk : state.tpm1;
    const name = (status: number | undefined) =>
      (['none', 'pending', 'accepted', 'rejected'] as const)[status ?? 0] ?? 'unknown';
    return {
      assignmentStatus: assignment,
      assignmentState: name(assignment),
      feedbackStatus: feedback,
      feedbackState: name(feedback),
    } as Awaited<ReturnType<typeof client.assignments.retrieve>>;
  };
  const events: ProviderEvent[] = [];
  const watcher = createStatusWatcher({
    client,
    onEvent: (event) => void events.push(event),
    intervalMs: 100,
    maxIntervalMs: 400,
    clock,
    redeemCodes: [{ redeemCode: CODE }],
  });
  watcher.start();
  await clock.advance(1000);
  // 0, then +200, +400, +400 (capped).
  expect(calls).toEqual([0, 200, 600, 1000]);
  state.verified.add(1);
  state.verified.add(999);
  state.uk = [2, 2];
  await clock.advance(400);
  // Event ids are digests (WebCrypto, off the event loop's microtasks): wait for them, bounded.
  await vi.waitFor(
    () =>
      expect(events.map((event) => event.type)).toEqual([
        'attendance.verified',
        'attendance.verified',
        'assignment.submitted',
        'assignment.reviewed',
        'course.completed',
      ]),
    { timeout: 5000 },
  );
  await vi.waitFor(async () => expect(await watcher.list()).toEqual([]), { timeout: 5000 });
  const polled = calls.length;
  await clock.advance(5000);
  expect(calls.length).toBe(polled);
  await watcher.stop();
});

test('each status call of a poll passes the rate limit', async () => {
  const { client } = world();
  const clock = createManualClock(0);
  const at: number[] = [];
  const retrieve = client.attendance.retrieve;
  client.attendance.retrieve = (params, options) => {
    at.push(clock.now());
    return retrieve(params, options);
  };
  const watcher = createStatusWatcher({
    client,
    onEvent: () => undefined,
    clock,
    rateLimit: { max: 2, durationMs: 1000 },
    redeemCodes: [{ redeemCode: CODE, attendanceSequences: [1, 2, 3] }],
  });
  const polled = watcher.poll();
  await clock.advance(3000);
  await polled;
  // Four attendance calls (1, 2, 3 and the post-test) and the UK call: two per second.
  expect(at).toEqual([0, 0, 1000, 1000]);
});

test('feedback alone is not a review, and a status outside 0-3 makes no event and no completion', async () => {
  const { client, state } = world();
  const events: ProviderEvent[] = [];
  const watcher = createStatusWatcher({
    client,
    onEvent: (event) => {
      events.push(event);
    },
    redeemCodes: [{ redeemCode: CODE, tpmSequences: [1] }],
  });
  state.verified.add(1);
  state.verified.add(999);
  state.tpm1 = [1, 1]; // the LP's feedback arrived; the program has not decided
  state.uk = [4, 2]; // a status the table does not know
  await watcher.poll();
  expect(events.map((event) => event.type)).toEqual([
    'attendance.verified',
    'attendance.verified',
    'assignment.submitted',
  ]);
  state.tpm1 = [3, 3];
  state.uk = [2, 2];
  await watcher.poll();
  expect(
    events
      .slice(3)
      .map((event) => `${event.type}:${'status' in event.data ? event.data.status : ''}`),
  ).toEqual([
    'assignment.submitted:3',
    'assignment.reviewed:3',
    'assignment.submitted:2',
    'assignment.reviewed:2',
    'course.completed:',
  ]);
});
