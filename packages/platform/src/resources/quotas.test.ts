import { RequestValidationError, ResponseValidationError } from '@prakerja-kit/core';
import { expect, it } from 'vitest';
import { fakeClient, ok, programError } from '../../test/support/fake-program.js';

it('returns the seats left, accepting a numeric-string quota', async () => {
  const { client, calls } = fakeClient({
    'payment/quota-schedule': ok({ course_code: 'CRS-1', schedule_code: 'SCH-1', quota: '12' }),
  });
  expect(await client.quotas.retrieve({ courseCode: 'CRS-1', scheduleCode: 'SCH-1' })).toEqual({
    courseCode: 'CRS-1',
    scheduleCode: 'SCH-1',
    quota: 12,
  });
  expect(calls[0]?.body).toEqual({ course_code: 'CRS-1', schedule_code: 'SCH-1' });
  expect(calls[0]?.headers.get('client_code')).toBe('dp-fake-client');
  expect(calls[0]?.headers.get('signature')).toMatch(/^[0-9a-f]{40}$/);
});

it('refuses an empty course code before sending, naming courseCode', async () => {
  const { client, calls } = fakeClient({});
  const error = await client.quotas
    .retrieve({ courseCode: '', scheduleCode: 'SCH-1' })
    .catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(RequestValidationError);
  expect((error as RequestValidationError).field).toBe('courseCode');
  expect(calls).toHaveLength(0);
});

it('retries a quota lookup after a 5xx because it is read-only', async () => {
  const { client, calls } = fakeClient({
    'payment/quota-schedule': [programError('SBX_GEN50001', 503), ok({ quota: 3 })],
  });
  expect((await client.quotas.retrieve({ courseCode: 'C', scheduleCode: 'S' })).quota).toBe(3);
  expect(calls).toHaveLength(2);
});

it('reports a quota answer without a number as a response validation error', async () => {
  const { client } = fakeClient({ 'payment/quota-schedule': ok({ quota: 'many' }) });
  await expect(
    client.quotas.retrieve({ courseCode: 'C', scheduleCode: 'S' }),
  ).rejects.toBeInstanceOf(ResponseValidationError);
});
