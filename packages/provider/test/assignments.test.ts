import { ProgramErrorCode } from '@prakerja-kit/core';
import * as z from '@prakerja-kit/core/internal/schema';
// The event model's schemas live in @prakerja-kit/webhooks (not a dependency of this package):
// read from source so the watcher is checked against exactly the shape consumers verify.
import { webhookEventSchema } from '@prakerja-kit/webhooks';
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { createStatusWatcher, type ProviderClient, type ProviderEvent } from '../src/index.js';
import { codeOf, PROFILE, pressButton, sent, startSandbox } from './support/sandbox.js';

// Under the `with-4` profile switch the program reports "feedback given, awaiting the verdict"
// as status 4, a value the client does not know: `unknown`, never pending or accepted.
const withFour = PROFILE.switches.submissionStatus === 'with-4';
const awaitingVerdict = withFour
  ? { assignmentStatus: 4, assignmentState: 'unknown' }
  : { assignmentStatus: 1, assignmentState: 'pending' };

let context: Awaited<ReturnType<typeof startSandbox>>;
/** A sandbox where the program's verdict waits for the control plane. */
let manual: Awaited<ReturnType<typeof startSandbox>>;
beforeAll(async () => {
  context = await startSandbox();
  manual = await startSandbox(7, { assignments: { verdict: 'manual' } });
});
afterAll(async () => {
  await context.close();
  await manual.close();
});
beforeEach(() => {
  context.sandbox.control.reset();
  manual.sandbox.control.reset();
});

async function verify(client: ProviderClient, redeemCode: string, sequence: number) {
  const email = 'tari@lp.example';
  const started = await client.attendance.createVerificationUrl({
    redeemCode,
    sequence,
    email: 'tari@lp.example',
  });
  const result = await client.attendance.confirm({
    state: started.state,
    returnUrl: await pressButton(started.url, 'decision', 'approve'),
    email,
    redeemCode,
  });
  expect(result.outcome).toBe('verified');
}

test('a TPM goes from submitted to reviewed through submit, review and retrieve', async () => {
  const client = context.makeClient();
  const redeemCode = context.code('TC1-999-200'); // already redeemed
  const target = { redeemCode, scope: 'tpm' as const, sequence: 1 };
  expect(await client.assignments.retrieve(target)).toMatchObject({
    assignmentStatus: 0,
    feedbackStatus: 0,
  });
  const submitted = await client.assignments.submit({
    ...target,
    urlFile: 'https://lp.example/files/tpm1.pdf',
  });
  expect(submitted).toMatchObject({ status: 1, urlFile: 'https://lp.example/files/tpm1.pdf' });
  expect(typeof submitted.id).toBe('number');
  expect(await client.assignments.retrieve(target)).toMatchObject({
    assignmentStatus: 1,
    feedbackStatus: 0,
  });
  const reviewed = await client.assignments.review({
    ...target,
    notes: 'Rapi dan lengkap',
    urlFile: 'https://lp.example/files/notes.md',
  });
  expect(reviewed).toMatchObject({ status: 2, notes: 'Rapi dan lengkap' });
  expect(await client.assignments.retrieve(target)).toMatchObject({
    assignmentStatus: 2,
    feedbackStatus: 2,
  });
});

test('feedback is grading notes: the assignment stays pending until the program decides', async () => {
  const client = manual.makeClient();
  const redeemCode = manual.code('TC1-999-200');
  const target = { redeemCode, scope: 'tpm' as const, sequence: 1 };
  await client.assignments.submit({ ...target, urlFile: 'https://lp.example/files/tpm1.pdf' });
  const reviewed = await client.assignments.review({ ...target, notes: 'Ditolak: ulangi' });
  expect(reviewed).toMatchObject({ status: 1, notes: 'Ditolak: ulangi' });
  expect(await client.assignments.retrieve(target)).toMatchObject({
    ...awaitingVerdict,
    feedbackStatus: 1,
    feedbackState: 'pending',
  });
  manual.sandbox.control.assignments.reject(target);
  expect(await client.assignments.retrieve(target)).toMatchObject({
    assignmentState: 'rejected',
    feedbackState: 'rejected',
  });
});

test('an LP that rejects in its notes makes nothing accepted; the program verdict decides completion', async () => {
  const client = manual.makeClient();
  const redeemCode = manual.code('TC1-999-200');
  const uk = { redeemCode, scope: 'uk' as const, sequence: 999 };
  const plan = { redeemCode, attendanceSequences: [1] };
  const incentives = () => manual.sandbox.control.events.list('incentive.disbursement_requested');
  await verify(client, redeemCode, 999);
  await client.assignments.submit({ ...uk, urlFile: 'https://lp.example/uk-1.md' });
  await client.assignments.review({ ...uk, notes: 'Tidak lulus, status 3' });
  // Never complete while the program has not decided; under a profile that reports the wait as
  // an undocumented status (4) the honest answer is unknown.
  expect(await client.completion.retrieve(plan)).toMatchObject(
    withFour
      ? { uk: awaitingVerdict, completion: 'unknown', complete: undefined }
      : { uk: awaitingVerdict, completion: 'incomplete', complete: false },
  );

  manual.sandbox.control.assignments.reject(uk);
  expect(await client.completion.retrieve(plan)).toMatchObject({
    uk: { assignmentStatus: 3, assignmentState: 'rejected' },
    completion: 'incomplete',
  });
  expect(manual.sandbox.control.events.list('course.completed')).toEqual([]);
  expect(incentives()).toEqual([]);

  await client.assignments.submit({ ...uk, urlFile: 'https://lp.example/uk-2.md' });
  await client.assignments.review({ ...uk, notes: 'Lulus' });
  expect((await client.completion.retrieve(plan)).completion).toBe(
    withFour ? 'unknown' : 'incomplete',
  );
  manual.sandbox.control.assignments.accept(uk);
  expect(await client.completion.retrieve(plan)).toMatchObject({
    uk: { assignmentStatus: 2, assignmentState: 'accepted', feedbackState: 'accepted' },
    completion: 'complete',
    complete: true,
  });
  expect(manual.sandbox.control.events.list('course.completed')).toHaveLength(1);
  expect(incentives()).toHaveLength(1);
});

test('the program refuses feedback without a submission and assignments on an unredeemed code', async () => {
  const client = context.makeClient();
  expect(
    await codeOf(
      client.assignments.review({
        redeemCode: context.code('TC1-999-200'),
        scope: 'uk',
        sequence: 999,
        notes: 'x',
      }),
    ),
  ).toBe(sent(ProgramErrorCode.SUBMISSION_NOT_FOUND));
  expect(
    await codeOf(
      client.assignments.retrieve({
        redeemCode: context.code('TC1-001-200'),
        scope: 'tpm',
        sequence: 1,
      }),
    ),
  ).toBe(sent(ProgramErrorCode.REDEEM_CODE_NOT_REDEEMED));
});

test('completion tracking reports progress and completion in one call', async () => {
  const client = context.makeClient();
  const redeemCode = context.code('TC1-999-200');
  const plan = { redeemCode, attendanceSequences: [1, 2], tpmSequences: [1], concurrency: 2 };
  const before = await client.completion.retrieve(plan);
  expect(before).toMatchObject({
    attendance: [
      { sequence: 1, verified: true },
      { sequence: 2, verified: false },
    ],
    postTest: { verified: false },
    uk: { assignmentStatus: 0, feedbackStatus: 0 },
    complete: false,
    partial: false,
  });
  await verify(client, redeemCode, 2);
  await verify(client, redeemCode, 999);
  await client.assignments.submit({
    redeemCode,
    scope: 'uk',
    sequence: 999,
    urlFile: 'https://lp.example/uk.md',
  });
  await client.assignments.review({ redeemCode, scope: 'uk', sequence: 999, notes: 'Kompeten' });
  const after = await client.completion.retrieve(plan);
  expect(after).toMatchObject({
    courseCode: context.sandbox.fixtures.redeemCodes.find((item) => item.redeemCode === redeemCode)!
      .courseCode,
    attendance: [{ verified: true }, { verified: true }],
    postTest: { verified: true },
    uk: { assignmentStatus: 2, feedbackStatus: 2 },
    completion: 'complete',
    complete: true,
  });
});

test('the status watcher emits the same event types the sandbox pushes, each once', async () => {
  const client = context.makeClient();
  const redeemCode = context.code('TC1-999-200');
  const events: ProviderEvent[] = [];
  const watcher = createStatusWatcher({
    client,
    onEvent: (event) => void events.push(event),
    redeemCodes: [{ redeemCode, tpmSequences: [1] }],
  });
  await watcher.poll();
  expect(events.map((event) => event.type)).toEqual(['attendance.verified']);
  await client.assignments.submit({
    redeemCode,
    scope: 'tpm',
    sequence: 1,
    urlFile: 'https://lp.example/t1.pdf',
  });
  await verify(client, redeemCode, 999);
  await client.assignments.submit({
    redeemCode,
    scope: 'uk',
    sequence: 999,
    urlFile: 'https://lp.example/uk.md',
  });
  await client.assignments.review({ redeemCode, scope: 'uk', sequence: 999, notes: 'Kompeten' });
  await watcher.poll();
  await watcher.poll();
  const types = events.map((event) => event.type);
  expect(types).toEqual([
    'attendance.verified',
    'attendance.verified',
    'assignment.submitted',
    'assignment.submitted',
    'assignment.reviewed',
    'course.completed',
  ]);
  const pushed = new Set(context.sandbox.control.events.list().map((event) => event.type));
  for (const type of types) expect(pushed.has(type)).toBe(true);
  const completed = events.at(-1)!;
  expect(completed.data).toMatchObject({
    redeem_code: redeemCode,
    course_code: expect.any(String),
  });
  expect(new Set(events.map((event) => event.id)).size).toBe(events.length);
  for (const event of events) expect(z.safeParse(webhookEventSchema, event).success).toBe(true);
});
