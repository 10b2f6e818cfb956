import { ProgramApiError } from '@prakerja-kit/core';
import { createPlatformClient } from '@prakerja-kit/platform';
import { createSandbox } from '@prakerja-kit/sandbox';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';

// The whole program API, in process: msw answers on https://api.prakerja.go.id (and the SSO hosts).
const sandbox = createSandbox({ seed: 42 });
const server = setupServer(...sandbox.handlers);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
beforeEach(() => sandbox.control.reset()); // back to the seeded state
afterAll(() => server.close());

function platformClient() {
  const dp = sandbox.fixtures.platforms[0]!; // fake, seeded credentials
  // No baseUrl: the production host, intercepted by msw. Your code under test stays unchanged.
  return createPlatformClient({
    clientCode: dp.clientCode,
    signKey: dp.signKey,
    logLevel: 'silent',
  });
}

it('refuses a purchase once the course has started', async () => {
  const started = sandbox.fixtures.schedules.find((item) => item.description.includes('started'))!;
  const course = sandbox.fixtures.courses.find((item) => item.courseCode === started.courseCode)!;
  const error = await platformClient()
    .payments.sendOtp({
      prakerjaId: sandbox.fixtures.participants[0]!.prakerjaId,
      userPlatformId: 'user-1',
      courseCode: course.courseCode,
      scheduleCode: started.scheduleCode,
      amount: course.price,
    })
    .catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(ProgramApiError);
  expect((error as ProgramApiError).code).toBe('SBX_PLT40003'); // "Pelatihan sudah dimulai."
});

it('signs every request exactly as the program checks it', async () => {
  const [schedule] = sandbox.fixtures.schedules;
  const { quota } = await platformClient().quotas.retrieve({
    courseCode: schedule!.courseCode,
    scheduleCode: schedule!.scheduleCode,
  });
  expect(quota).toBe(schedule!.seats);
});
