import { expect, it } from 'vitest';
import { createCatalogue } from '../src/index.js';
import { sent, useSandbox } from './support/sandbox.js';

const env = useSandbox();

it('adds the sandbox seats to every seeded schedule and marks an unknown one as unknown', async () => {
  const { schedules } = env.fixtures();
  const page = [
    ...schedules.map((item) => ({
      courseCode: item.course_code,
      scheduleCode: item.schedule_code,
    })),
    { courseCode: schedules[0]!.course_code, scheduleCode: 'ffffffffffffffff' },
  ];
  const result = await createCatalogue(env.client(), { concurrency: 4 }).withSeats(page);
  expect(result.slice(0, -1).map((item) => item.seats)).toEqual(
    schedules.map((item) => ({
      status: 'known',
      remaining: item.seats,
      soldOut: item.seats === 0,
      fromCache: false,
    })),
  );
  expect(result.at(-1)?.seats).toMatchObject({
    status: 'unknown',
    error: { code: sent('SBX_PLT40001') },
  });
});
