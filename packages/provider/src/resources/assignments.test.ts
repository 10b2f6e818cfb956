import { RequestValidationError } from '@prakerja-kit/core';
import { expect, test } from 'vitest';
import { fakeClient, ok } from '../../test/support/fake-program.js';

const CODE = 'PRAT-UJ0EEQ';

test('submit sends the participant submission with snake_case fields', async () => {
  const { client, received } = fakeClient(() =>
    ok({
      id: 7,
      redeem_code: CODE,
      scope: 'tpm',
      sequence: 2,
      status: 1,
      url_file: 'https://lp.test/t2.pdf',
    }),
  );
  const record = await client.assignments.submit({
    redeemCode: CODE,
    scope: 'tpm',
    sequence: 2,
    urlFile: 'https://lp.test/t2.pdf',
  });
  expect(received[0]?.url.pathname).toBe('/api/v1/integration/tpm/submission');
  expect(received[0]?.body).toEqual({
    redeem_code: CODE,
    scope: 'tpm',
    sequence: 2,
    url_file: 'https://lp.test/t2.pdf',
  });
  expect(record).toMatchObject({ id: 7, status: 1, urlFile: 'https://lp.test/t2.pdf' });
});

test('review sends feedback notes and leaves out an absent file', async () => {
  const { client, received } = fakeClient(() => ok(undefined));
  const record = await client.assignments.review({
    redeemCode: CODE,
    scope: 'uk',
    sequence: 999,
    notes: 'Lulus',
  });
  expect(received[0]?.url.pathname).toBe('/api/v1/integration/tpm/feedback/submission');
  expect(received[0]?.body).toEqual({
    redeem_code: CODE,
    scope: 'uk',
    sequence: 999,
    notes: 'Lulus',
  });
  expect(record.id).toBeUndefined();
});

test('retrieve returns the assignment and feedback statuses', async () => {
  const { client } = fakeClient(() =>
    ok({
      assignment: { redeem_code: CODE, scope: 'tpm', sequence: 2, status: 2 },
      feedback: { redeem_code: CODE, scope: 'tpm', sequence: 2, status: '0' },
    }),
  );
  expect(
    await client.assignments.retrieve({ redeemCode: CODE, scope: 'tpm', sequence: 2 }),
  ).toEqual({
    redeemCode: CODE,
    scope: 'tpm',
    sequence: 2,
    assignmentStatus: 2,
    assignmentState: 'accepted',
    feedbackStatus: 0,
    feedbackState: 'none',
  });
});

test('retrieve reports a status outside 0-3 as unknown with its raw value, never throws', async () => {
  for (const [assignment, feedback] of [
    [4, 1],
    ['5', -1],
    [1, 99],
  ] as const) {
    const { client } = fakeClient(() =>
      ok({ assignment: { status: assignment }, feedback: { status: feedback } }),
    );
    const state = await client.assignments.retrieve({
      redeemCode: CODE,
      scope: 'uk',
      sequence: 999,
    });
    expect(state.assignmentStatus).toBe(Number(assignment));
    expect(state.feedbackStatus).toBe(Number(feedback));
    expect(state.assignmentState).toBe(Number(assignment) === 1 ? 'pending' : 'unknown');
    expect(state.feedbackState).toBe(Number(feedback) === 1 ? 'pending' : 'unknown');
  }
});

test('review sends only the documented fields, whatever else the caller passes', async () => {
  const { client, received } = fakeClient(() => ok({ id: 1, status: 1 }));
  await client.assignments.review({
    redeemCode: CODE,
    scope: 'tpm',
    sequence: 1,
    notes: 'Ditolak: ulangi bagian 2',
    status: 3,
  } as never);
  expect(Object.keys(received[0]!.body as object).sort()).toEqual([
    'notes',
    'redeem_code',
    'scope',
    'sequence',
  ]);
});

test('a sequence that does not fit the scope is refused before sending', async () => {
  const { client, received } = fakeClient(() => ok({}));
  for (const params of [
    { scope: 'uk' as const, sequence: 2 },
    { scope: 'tpm' as const, sequence: 999 },
  ]) {
    const error = await client.assignments
      .retrieve({ redeemCode: CODE, ...params })
      .catch((caught) => caught);
    expect(error).toBeInstanceOf(RequestValidationError);
    expect(error.field).toBe('sequence');
  }
  expect(received).toHaveLength(0);
});

test('a submission without a file URL is refused before sending', async () => {
  const { client, received } = fakeClient(() => ok({}));
  await expect(
    client.assignments.submit({
      redeemCode: CODE,
      scope: 'tpm',
      sequence: 1,
      urlFile: 'not a url',
    }),
  ).rejects.toMatchObject({ field: 'urlFile' });
  expect(received).toHaveLength(0);
});
