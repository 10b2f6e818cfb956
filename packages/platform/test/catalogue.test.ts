import { expect, it } from 'vitest';
import { createCatalogue } from '../src/index.js';
import { sent, useSandbox } from './support/sandbox.js';

const env = useSandbox();

it('adds the sandbox seats to every seeded schedule and marks an unknown one as unknown', async () => {
  const { schedules } = env.fixtures();
  const page = [
    ...schedules.map((item) => ({
      courseCode: item.courseCode,
      scheduleCode: item.scheduleCode,
    })),
    { courseCode: schedules[0]!.courseCode, scheduleCode: 'ffffffffffffffff' },
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

it('never offers a schedule the sandbox says has started or is full, and carries each start time', async () => {
  const { schedules } = env.fixtures();
  const now = env.sandbox.control.clock.now().getTime();
  const page = await createCatalogue(env.client(), {
    now: () => now,
  }).withSeats(
    schedules.map((item) => ({
      courseCode: item.courseCode,
      scheduleCode: item.scheduleCode,
      startAt: item.startAt,
    })),
  );
  for (const [index, item] of page.entries()) {
    const fixture = schedules[index]!;
    expect(item.startsAt).toBe(fixture.startAt);
    const started = Date.parse(fixture.startAt) <= now;
    expect(item.purchasable).toBe(!started && fixture.seats > 0);
    if (started) expect(item.reason).toBe('started');
  }
  expect(page.some((item) => item.reason === 'started')).toBe(true);
  // Every schedule offered as purchasable really can be bought: send-otp accepts it.
  const client = env.client();
  for (const item of page.filter((entry) => entry.purchasable)) {
    const course = env.fixtures().courses.find((entry) => entry.courseCode === item.courseCode)!;
    await expect(
      client.payments.sendOtp(
        env.sendOtpParams({
          courseCode: item.courseCode,
          scheduleCode: item.scheduleCode,
          amount: course.price,
        }),
      ),
    ).resolves.toMatchObject({ paymentToken: expect.any(String) });
  }
  // A started one is refused by the program, as the catalogue said.
  const started = page.find((entry) => entry.reason === 'started')!;
  const course = env.fixtures().courses.find((entry) => entry.courseCode === started.courseCode)!;
  await expect(
    client.payments.sendOtp(
      env.sendOtpParams({
        courseCode: started.courseCode,
        scheduleCode: started.scheduleCode,
        amount: course.price,
      }),
    ),
  ).rejects.toMatchObject({ name: 'ProgramApiError' });
});
