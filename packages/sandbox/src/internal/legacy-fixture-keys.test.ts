import { describe, expect, it } from 'vitest';
import { createFixtures } from '../create-fixtures.js';
import { upgradeLegacyState } from './legacy-fixture-keys.js';

/** The fixtures as saved before issue 22: snake_case keys, as a state file of 0.x had them. */
function legacy(fixtures: ReturnType<typeof createFixtures>) {
  return {
    seed: fixtures.seed,
    started_at: fixtures.startedAt,
    platforms: fixtures.platforms,
    providers: fixtures.providers,
    participants: fixtures.participants.map(({ prakerjaId, payout, ...rest }) => ({
      ...rest,
      prakerja_id: prakerjaId,
      payout: {
        type: payout.type,
        provider: payout.provider,
        account_number: payout.accountNumber,
      },
    })),
    courses: fixtures.courses.map(({ courseCode, requirements, ...rest }) => ({
      ...rest,
      course_code: courseCode,
      requirements: {
        min_age: requirements.minAge,
        max_age: requirements.maxAge,
        min_education: requirements.minEducation,
      },
    })),
    schedules: fixtures.schedules.map(({ scheduleCode, courseCode, startAt, endAt, ...rest }) => ({
      ...rest,
      schedule_code: scheduleCode,
      course_code: courseCode,
      start_at: startAt,
      end_at: endAt,
    })),
    redeem_codes: fixtures.redeemCodes.map((code) => ({
      redeem_code: code.redeemCode,
      test_case: code.testCase,
      positive: code.positive,
      course_code: code.courseCode,
      schedule_code: code.scheduleCode,
      prakerja_id: code.prakerjaId,
      platform: code.platform,
      invoice_code: code.invoiceCode,
      transaction_code: code.transactionCode,
      verified_sequences: code.verifiedSequences,
      voided: code.voided,
      description: code.description,
    })),
  };
}

describe('upgradeLegacyState', () => {
  const fixtures = createFixtures({ seed: 7, startAt: new Date('2026-11-24T07:00:00.000Z') });

  it('renames the pre-camelCase fixture keys of a saved state', () => {
    const upgraded = upgradeLegacyState({ version: 1, fixtures: legacy(fixtures) }) as {
      fixtures: unknown;
    };
    expect(upgraded.fixtures).toEqual(fixtures);
  });

  it('leaves a current state and a non-state as they are', () => {
    expect(upgradeLegacyState({ fixtures })).toEqual({ fixtures });
    expect(upgradeLegacyState(null)).toBeNull();
    expect(upgradeLegacyState({ transactions: {} })).toEqual({ transactions: {} });
  });
});
