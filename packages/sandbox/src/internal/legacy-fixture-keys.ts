// Saved sandbox states written before the fixtures moved to camelCase (issue 22) keep loading:
// the old snake_case keys of `state.fixtures` are renamed before the state is validated. A key
// is renamed only when its new name is absent, so a current state passes through unchanged.

type Json = Record<string, unknown>;

/** Old key → new key, per fixture object. */
const FIXTURES = { started_at: 'startedAt', redeem_codes: 'redeemCodes' };
const PARTICIPANT = { prakerja_id: 'prakerjaId' };
const PAYOUT = { account_number: 'accountNumber' };
const COURSE = { course_code: 'courseCode' };
const REQUIREMENTS = { min_age: 'minAge', max_age: 'maxAge', min_education: 'minEducation' };
const SCHEDULE = {
  schedule_code: 'scheduleCode',
  course_code: 'courseCode',
  start_at: 'startAt',
  end_at: 'endAt',
};
const REDEEM_CODE = {
  redeem_code: 'redeemCode',
  test_case: 'testCase',
  course_code: 'courseCode',
  schedule_code: 'scheduleCode',
  prakerja_id: 'prakerjaId',
  invoice_code: 'invoiceCode',
  transaction_code: 'transactionCode',
  verified_sequences: 'verifiedSequences',
};

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function rename(value: unknown, keys: Record<string, string>): unknown {
  if (!isObject(value)) return value;
  const out: Json = {};
  for (const [key, item] of Object.entries(value)) {
    const renamed = keys[key];
    if (renamed !== undefined && !(renamed in value)) out[renamed] = item;
    else out[key] = item;
  }
  return out;
}

function renameEach(value: unknown, map: (item: unknown) => unknown): unknown {
  return Array.isArray(value) ? value.map(map) : value;
}

/** `state.fixtures` with pre-camelCase keys renamed; anything else is returned as given. */
export function upgradeLegacyFixtures(fixtures: unknown): unknown {
  const upgraded = rename(fixtures, FIXTURES);
  if (!isObject(upgraded)) return upgraded;
  return {
    ...upgraded,
    participants: renameEach(upgraded.participants, (item) => {
      const participant = rename(item, PARTICIPANT);
      return isObject(participant) && 'payout' in participant
        ? { ...participant, payout: rename(participant.payout, PAYOUT) }
        : participant;
    }),
    courses: renameEach(upgraded.courses, (item) => {
      const course = rename(item, COURSE);
      return isObject(course) && 'requirements' in course
        ? { ...course, requirements: rename(course.requirements, REQUIREMENTS) }
        : course;
    }),
    schedules: renameEach(upgraded.schedules, (item) => rename(item, SCHEDULE)),
    redeemCodes: renameEach(upgraded.redeemCodes, (item) => rename(item, REDEEM_CODE)),
  };
}

/** A saved state with its `fixtures` upgraded by {@link upgradeLegacyFixtures}. */
export function upgradeLegacyState(state: unknown): unknown {
  return isObject(state) && 'fixtures' in state
    ? { ...state, fixtures: upgradeLegacyFixtures(state.fixtures) }
    : state;
}
