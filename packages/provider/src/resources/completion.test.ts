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
    uk: { sequence: 999, assignmentStatus: 2, feedbackStatus: 2 },
    complete: true,
    partial: false,
  });
});

test('a course is not complete until the UK feedback is accepted', async () => {
  const { client } = programOf([1, 999], { uk999: [2, 1] });
  expect((await client.completion.retrieve({ redeemCode: CODE })).complete).toBe(false);
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
});

test('an invalid sequence is thrown, not reported', async () => {
  const { client } = programOf([], {});
  await expect(
    client.completion.retrieve({ redeemCode: CODE, attendanceSequences: [42] }),
  ).rejects.toMatchObject({
    name: 'RequestValidationError',
  });
});
