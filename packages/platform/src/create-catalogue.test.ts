import { describe, expect, it } from 'vitest';
import { fakeClient, ok, programError } from '../test/support/fake-program.js';
import { createCatalogue } from './create-catalogue.js';

const schedules = Array.from({ length: 40 }, (_, index) => ({
  courseCode: 'CRS-1',
  scheduleCode: `SCH-${index}`,
  label: `Batch ${index}`,
}));

function quotaFor(body: Record<string, unknown>) {
  const code = String(body['schedule_code']);
  return ok({ course_code: 'CRS-1', schedule_code: code, quota: Number(code.slice(4)) });
}

it('adds live seats to every schedule, in order, keeping their own fields', async () => {
  const { client } = fakeClient({ 'payment/quota-schedule': (call) => quotaFor(call.body) });
  const page = await createCatalogue(client).withSeats(schedules);
  expect(page).toHaveLength(40);
  expect(page[0]).toEqual({
    ...schedules[0],
    seats: { status: 'known', remaining: 0, soldOut: true, fromCache: false },
    startsAt: undefined,
    purchasable: false,
    reason: 'start_unknown',
  });
  expect(page[39]?.seats).toMatchObject({ status: 'known', remaining: 39, soldOut: false });
});

it('never has more lookups in flight than the concurrency limit', async () => {
  let inFlight = 0;
  let peak = 0;
  const { client } = fakeClient({
    'payment/quota-schedule': async (call) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 2));
      inFlight--;
      return quotaFor(call.body);
    },
  });
  await createCatalogue(client, { concurrency: 5 }).withSeats(schedules);
  expect(peak).toBe(5);
});

it('marks one failing schedule unknown without failing the page', async () => {
  const { client } = fakeClient({
    'payment/quota-schedule': (call) =>
      call.body['schedule_code'] === 'SCH-7' ? programError('SBX_PLT40001') : quotaFor(call.body),
  });
  const page = await createCatalogue(client).withSeats(schedules);
  expect(page[7]?.seats.status).toBe('unknown');
  expect(page.filter((item) => item.seats.status === 'known')).toHaveLength(39);
});

it('looks each schedule up once while cached, and shares a lookup already in flight', async () => {
  const { client, calls } = fakeClient({ 'payment/quota-schedule': (call) => quotaFor(call.body) });
  const catalogue = createCatalogue(client, { ttlMs: 60_000 });
  const [first, second] = await Promise.all([
    catalogue.withSeats(schedules),
    catalogue.withSeats(schedules),
  ]);
  const third = await catalogue.withSeats(schedules.slice(0, 3));
  expect(calls).toHaveLength(40);
  expect(
    first.filter((item) => item.seats.status === 'known' && item.seats.fromCache).length +
      (second ?? []).filter((item) => item.seats.status === 'known' && item.seats.fromCache).length,
  ).toBe(40);
  expect(third.every((item) => item.seats.status === 'known' && item.seats.fromCache)).toBe(true);
});

it('looks a schedule up again once its seats expire or are invalidated', async () => {
  let clock = 0;
  const { client, calls } = fakeClient({ 'payment/quota-schedule': (call) => quotaFor(call.body) });
  const catalogue = createCatalogue(client, { ttlMs: 1000, now: () => clock });
  const one = schedules.slice(0, 1);
  await catalogue.withSeats(one);
  clock = 999;
  await catalogue.withSeats(one);
  expect(calls).toHaveLength(1);
  clock = 2500;
  await catalogue.withSeats(one);
  expect(calls).toHaveLength(2);
  catalogue.invalidate(one[0]);
  await catalogue.withSeats(one);
  expect(calls).toHaveLength(3);
});

it('does not cache a failed lookup', async () => {
  const { client, calls } = fakeClient({
    'payment/quota-schedule': [programError('SBX_PLT40001'), ok({ quota: 5 })],
  });
  const catalogue = createCatalogue(client);
  const one = schedules.slice(0, 1);
  expect((await catalogue.withSeats(one))[0]?.seats.status).toBe('unknown');
  expect((await catalogue.withSeats(one))[0]?.seats).toMatchObject({
    status: 'known',
    remaining: 5,
  });
  expect(calls).toHaveLength(2);
});

describe('purchasable', () => {
  const now = Date.parse('2026-12-01T09:00:00+07:00');
  const at = (minutes: number) => new Date(now + minutes * 60_000).toISOString();
  const quota = (call: { body: Record<string, unknown> }) => {
    const code = String(call.body['schedule_code']);
    if (code === 'S-ERR') return programError('X', 503);
    return ok({ course_code: 'C', schedule_code: code, quota: code === 'S-FULL' ? 0 : 5 });
  };

  it.each<[string, Record<string, unknown>, boolean, string | undefined]>([
    ['starts tomorrow, seats left', { startsAt: at(1440) }, true, undefined],
    ['`startAt` is read too', { startAt: at(1440) }, true, undefined],
    ['started a minute ago', { startsAt: at(-1) }, false, 'started'],
    ['starts right now', { startsAt: at(0) }, false, 'started'],
    [
      'started, even with seats unknown',
      { scheduleCode: 'S-ERR', startsAt: at(-60) },
      false,
      'started',
    ],
    ['sold out', { scheduleCode: 'S-FULL', startsAt: at(60) }, false, 'sold_out'],
    ['seats unknown', { scheduleCode: 'S-ERR', startsAt: at(60) }, false, 'seats_unknown'],
    ['no start time', {}, false, 'start_unknown'],
    ['an unreadable start time', { startsAt: 'soon' }, false, 'start_unknown'],
    [
      'purchase window closed',
      { startsAt: at(60), purchaseClosesAt: at(-5) },
      false,
      'purchase_window_closed',
    ],
  ])('%s', async (_, fields, purchasable, reason) => {
    const { client } = fakeClient({ 'payment/quota-schedule': quota }, { maxRetries: 0 });
    const [item] = await createCatalogue(client, { now: () => now }).withSeats([
      { courseCode: 'C', scheduleCode: 'S-1', ...fields },
    ]);
    expect(item).toMatchObject({ purchasable, reason });
    expect(item?.startsAt).toBe(fields['startsAt'] ?? fields['startAt']);
  });

  it('closes sales closeBeforeStartMs before the start', async () => {
    const { client } = fakeClient({ 'payment/quota-schedule': quota });
    const catalogue = createCatalogue(client, { now: () => now, closeBeforeStartMs: 3_600_000 });
    const page = await catalogue.withSeats([
      { courseCode: 'C', scheduleCode: 'S-1', startsAt: at(59) },
      { courseCode: 'C', scheduleCode: 'S-2', startsAt: at(61) },
    ]);
    expect(page.map((item) => item.reason)).toEqual(['purchase_window_closed', undefined]);
  });
});
