import { ProgramErrorCode } from '@prakerja-kit/core';
import type { SandboxClient } from '../sandbox-fixtures.js';
import type { Engine } from './engine.js';
import { fail } from './program-failure.js';
import type { RedeemCodeRecord } from './state.js';

/** Valid attendance sequences: 1 redeem, 2-10 attendance, 999 post-test (program-api.md §4.7). */
export function isValidSequence(sequence: number): boolean {
  return (sequence >= 1 && sequence <= 10) || sequence === 999;
}

/** The redeem code, checked to exist, belong to the calling LP and not be cancelled. */
export function ownedRedeemCode(
  engine: Engine,
  client: SandboxClient,
  redeemCode: string,
): RedeemCodeRecord {
  const record = engine.state.redeemCodes[redeemCode.trim()];
  if (!record) fail(ProgramErrorCode.REDEEM_CODE_NOT_FOUND);
  if (record.provider !== client.clientCode) fail(ProgramErrorCode.REDEEM_CODE_OTHER_PROVIDER);
  if (record.cancelled) fail(ProgramErrorCode.REDEEM_CODE_CANCELLED);
  return record;
}

/** True once sequence 1 (the redeem) is verified. */
export function isRedeemed(record: RedeemCodeRecord): boolean {
  return record.attendance['1']?.status === 1;
}

/**
 * Refuses a redeem outside the window around the schedule start (1 hour either side by default,
 * program-api.md §8). `PRAT-` test codes are exempt so the program's test cases run any time.
 */
export function checkRedeemWindow(engine: Engine, record: RedeemCodeRecord): void {
  if (record.testCase !== null) return;
  const schedule = engine.fixtures.schedules.find(
    (item) => item.scheduleCode === record.scheduleCode,
  );
  const start = schedule ? Date.parse(schedule.startAt) : Number.NaN;
  const window = engine.options.redeemWindowMinutes * 60_000;
  if (!(Math.abs(engine.now() - start) <= window)) fail(ProgramErrorCode.REDEEM_OUTSIDE_WINDOW);
}

/** The status data of a redeem code for one sequence (program-api.md §4.7). */
export function describeRedeemCode(engine: Engine, record: RedeemCodeRecord, sequence: number) {
  const transaction = engine.state.transactions[record.transactionCode];
  const schedule = engine.fixtures.schedules.find(
    (item) => item.scheduleCode === record.scheduleCode,
  );
  const course = engine.fixtures.courses.find((item) => item.courseCode === record.courseCode);
  const platform = engine.fixtures.platforms.find(
    (item) => item.clientCode === transaction?.clientCode,
  );
  const selfPaced = course?.type !== 'webinar';
  return {
    redeem_code: record.redeemCode,
    course_code: record.courseCode,
    invoice_code: transaction?.invoiceCode ?? '',
    schedule_code: record.scheduleCode,
    status: isRedeemed(record) ? 1 : 0,
    attendance_status: record.attendance[String(sequence)]?.status ?? 0,
    redeem_at: record.redeemedAt,
    dp_platform: platform?.name ?? '',
    schedule_start_end: schedule ? `${schedule.startAt} - ${schedule.endAt}` : '',
    course_type: selfPaced ? 1 : 2,
    course_type_label: selfPaced ? 'Pembelajaran Mandiri' : 'Webinar',
    course_learning_method: 'online',
    is_online_attendance: true,
    sequence,
  };
}
