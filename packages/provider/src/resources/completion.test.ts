import { expect, test } from 'vitest';
import {
  type FakeAnswer,
  fail,
  fakeClient,
  ok,
  statusData,
} from '../../test/support/fake-program.js';

const CODE = 'PRAT-UJ0EEQ';

/** A fake program where `verified` sequences pass and `statuses` gives [assignment, feedback]. */
function programOf(verified: number[], statuses: Record<string, [number, number]>, delayMs = 0) {
  let inFlight = 0;
  let maxInFlight = 0;
  const { client, received } = fakeClient(async (request): Promise<FakeAnswer> => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    inFlight--;
    const body = request.body as { redeem_code: string; sequence: number; scope?: string };
    if (body.scope === undefined) {
      return ok(
        statusData(body.redeem_code, body.sequence, verified.includes(body.sequence) ? 1 : 0),
      );
    }
    const key = `${body.scope}${body.sequence}`;
    if (key === 'tpm9') return fail(500, 'SBX_GEN50001', 'Terjadi kesalahan pada sistem.');
    const [assignment, feedback] = statuses[key] ?? [0, 0];
    return ok({ assignment: { status: assignment }, feedback: { status: feedback } });
  });
  return { client, received, maxInFlight: () => maxInFlight };
}

test('progress reports every sequence and a complete course in one call', async () => {
  const { client } = programOf([1, 2, 999], { tpm1: [2, 2], uk999: [2, 2] });
  const progress = await client.completion.retrieve({
    redeemCode: CODE,
    attendanceSequences: [1, 2, 3],
    tpmSequences: [1],
  });
  expect(progress).toMatchObject({
    redeemCode: CODE,
    courseCode: 'prakerjaoauth1',
    attendance: [
      { sequence: 1, verified: true },
      { sequence: 2, verified: true },
      { sequence: 3, verified: false, attendanceStatus: 0 },
    ],
    postTest: { sequence: 999, verified: true },
    tpm: [{ sequence: 1, assignmentStatus: 2, feedbackStatus: 2 }],
    uk: {
      sequence: 999,
      assignmentStatus: 2,
      assignmentState: 'accepted',
      feedbackStatus: 2,
      feedbackState: 'accepted',
    },
    completion: 'complete',
    complete: true,
    partial: false,
  });
});

test.each([
  // [post-test verified, UK assignment, UK feedback] -> answer
  [true, [2, 2], 'complete'],
  [true, [0, 0], 'incomplete'],
  [true, [1, 0], 'incomplete'],
  [true, [1, 1], 'incomplete'],
  [true, [3, 3], 'incomplete'],
  [false, [2, 2], 'incomplete'],
  [false, [4, 0], 'incomplete'],
  [true, [4, 0], 'unknown'],
  [true, [4, 2], 'unknown'],
  [true, [2, 1], 'unknown'],
  [true, [2, 7], 'unknown'],
] as const)(
  'post-test verified %s, UK [assignment, feedback] %j: %s',
  async (postTest, uk, answer) => {
    const { client } = programOf(postTest ? [1, 999] : [1], { uk999: [uk[0], uk[1]] });
    const progress = await client.completion.retrieve({ redeemCode: CODE });
    expect(progress.completion).toBe(answer);
    expect(progress.complete).toBe(answer === 'unknown' ? undefined : answer === 'complete');
    expect(progress.partial).toBe(false);
  },
);

test('an unknown UK status is reported with its raw value', async () => {
  const { client } = programOf([1, 999], { uk999: [4, 9] });
  const { uk } = await client.completion.retrieve({ redeemCode: CODE });
  expect(uk).toMatchObject({
    assignmentStatus: 4,
    assignmentState: 'unknown',
    feedbackStatus: 9,
    feedbackState: 'unknown',
  });
});

test('status calls run with bounded concurrency', async () => {
  const { client, received, maxInFlight } = programOf([1], {}, 5);
  await client.completion.retrieve({
    redeemCode: CODE,
    attendanceSequences: [1, 2, 3, 4, 5, 6],
    tpmSequences: [1, 2, 3, 4],
    concurrency: 3,
  });
  expect(received).toHaveLength(12);
  expect(maxInFlight()).toBe(3);
});

test('a failed status call is reported on its item and marks the report partial', async () => {
  const { client } = programOf([1], {}, 0);
  const progress = await client.completion.retrieve(
    { redeemCode: CODE, tpmSequences: [9] },
    { maxRetries: 0 },
  );
  expect(progress.partial).toBe(true);
  expect(progress.tpm[0]?.error).toMatchObject({ name: 'ProgramApiError', code: 'SBX_GEN50001' });
  expect(progress.tpm[0]).toMatchObject({ assignmentState: 'unknown', feedbackState: 'unknown' });
});

test('a failed UK or post-test call makes completion unknown, unless the other fact says no', async () => {
  const failing = (failOn: 'uk' | 'post', verified: number[], uk: [number, number]) =>
    fakeClient(async (request): Promise<FakeAnswer> => {
      const body = request.body as { redeem_code: string; sequence: number; scope?: string };
      if (body.scope === undefined) {
        if (failOn === 'post' && body.sequence === 999) return fail(500, 'X', 'x');
        return ok(
          statusData(body.redeem_code, body.sequence, verified.includes(body.sequence) ? 1 : 0),
        );
      }
      if (failOn === 'uk') return fail(500, 'X', 'x');
      return ok({ assignment: { status: uk[0] }, feedback: { status: uk[1] } });
    }).client;
  const ask = (client: ReturnType<typeof failing>) =>
    client.completion.retrieve({ redeemCode: CODE }, { maxRetries: 0 });
  expect((await ask(failing('uk', [1, 999], [0, 0]))).completion).toBe('unknown');
  expect((await ask(failing('uk', [1], [0, 0]))).completion).toBe('incomplete');
  expect((await ask(failing('post', [1], [2, 2]))).completion).toBe('unknown');
  expect((await ask(failing('post', [1], [3, 3]))).completion).toBe('incomplete');
});

test('an invalid sequence is thrown, not reported', async () => {
  const { client } = programOf([], {});
  await expect(
    client.completion.retrieve({ redeemCode: CODE, attendanceSequences: [42] }),
  ).rejects.toMatchObject({
    name: 'RequestValidationError',
  });
});
