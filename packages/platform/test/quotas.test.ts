import {
  ProgramApiError,
  type ProgramErrorCode,
  ProgramPath,
  RequestValidationError,
} from '@prakerja-kit/core';
import * as z from '@prakerja-kit/core/internal/schema';
import { expect, it } from 'vitest';
import { sent, sentStatus, useSandbox } from './support/sandbox.js';

const env = useSandbox();

it('returns the live seats of a seeded schedule', async () => {
  const schedule = env.fixtures().schedules[0]!;
  const quota = await env.client().quotas.retrieve({
    courseCode: schedule.courseCode,
    scheduleCode: schedule.scheduleCode,
  });
  expect(quota).toEqual({
    courseCode: schedule.courseCode,
    scheduleCode: schedule.scheduleCode,
    quota: schedule.seats,
  });
});

it('reports zero seats on a full schedule', async () => {
  const full = env.fixtures().schedules.find((item) => item.seats === 0)!;
  const quota = await env.client().quotas.retrieve({
    courseCode: full.courseCode,
    scheduleCode: full.scheduleCode,
  });
  expect(quota.quota).toBe(0);
});

it('answers ERRPLT40036 for an empty schedule code, which the client refuses before sending', async () => {
  const schedule = env.fixtures().schedules[0]!;
  const client = env.client();
  await expect(
    client.quotas.retrieve({ courseCode: schedule.courseCode, scheduleCode: ' ' }),
  ).rejects.toBeInstanceOf(RequestValidationError);
  // The program's own answer, through the client's transport with validation bypassed.
  const error = await client.transport
    .request({
      method: 'POST',
      path: ProgramPath.QUOTA_SCHEDULE,
      body: { course_code: schedule.courseCode, schedule_code: '' },
      readOnly: true,
      data: z.unknown(),
    })
    .catch((caught: unknown) => caught);
  expect(error).toMatchObject({ name: 'ProgramApiError', status: 400, code: 'ERRPLT40036' });
});

it.each([
  ['an unknown schedule', 'SBX_PLT40001'],
  ['a schedule of another course', 'SBX_PLT40002'],
  ['an unknown course', 'SBX_PLT40010'],
])('answers %s with its program error', async (_, code) => {
  const [first, , , , webinar] = env.fixtures().schedules;
  const params = {
    SBX_PLT40001: { courseCode: first!.courseCode, scheduleCode: 'ffffffffffffffff' },
    SBX_PLT40002: { courseCode: first!.courseCode, scheduleCode: webinar!.scheduleCode },
    SBX_PLT40010: { courseCode: 'sbx-crs-unknown', scheduleCode: first!.scheduleCode },
  }[code]!;
  const error = await env
    .client()
    .quotas.retrieve(params)
    .catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(ProgramApiError);
  expect((error as ProgramApiError).code).toBe(sent(code as ProgramErrorCode));
});

it('is refused with a signature error when the sign key is wrong', async () => {
  const schedule = env.fixtures().schedules[0]!;
  const error = await env
    .client({ signKey: 'sk_fake_wrong_key' })
    .quotas.retrieve({ courseCode: schedule.courseCode, scheduleCode: schedule.scheduleCode })
    .catch((caught: unknown) => caught);
  expect(error).toMatchObject({
    name: 'ProgramApiError',
    code: sent('SBX_GEN40101'),
    status: sentStatus('SBX_GEN40101'),
  });
});
