import * as z from '@prakerja-kit/core/internal/schema';
import { expect, it } from 'vitest';
import { courseSchema, scheduleSchema } from './catalogue.js';

it('parses a course and a schedule as a DP holds them, trimming codes', () => {
  expect(
    z.parse(courseSchema, { courseCode: ' CRS-1 ', title: 'Digital Marketing', price: 500000 }),
  ).toEqual({ courseCode: 'CRS-1', title: 'Digital Marketing', price: 500000 });
  expect(
    z.parse(scheduleSchema, {
      scheduleCode: 'SCH-1',
      courseCode: 'CRS-1',
      startsAt: '2026-12-01T09:00:00+07:00',
    }),
  ).toEqual({ scheduleCode: 'SCH-1', courseCode: 'CRS-1', startsAt: '2026-12-01T09:00:00+07:00' });
});

it('refuses a free course and a schedule with a date that is not ISO-8601', () => {
  expect(z.safeParse(courseSchema, { courseCode: 'C', title: 'T', price: 0 }).success).toBe(false);
  expect(
    z.safeParse(scheduleSchema, { scheduleCode: 'S', courseCode: 'C', startsAt: '1 Dec 2026' })
      .success,
  ).toBe(false);
});
