import { Alphabet, createRandom } from './internal/random.js';
import type {
  EducationLevel,
  SandboxClient,
  SandboxCourse,
  SandboxFixtures,
  SandboxParticipant,
  SandboxRedeemCode,
  SandboxSchedule,
} from './sandbox-fixtures.js';

/** Credentials to use instead of the seeded ones for the first DP or LP. */
export interface CredentialOverride {
  clientCode?: string | undefined;
  signKey?: string | undefined;
}

/** Inputs of {@link createFixtures}. */
export interface CreateFixturesOptions {
  seed: number;
  /** Time the schedules are placed around. */
  startAt: Date;
  platform?: CredentialOverride | undefined;
  provider?: CredentialOverride | undefined;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * Builds the seeded fixtures: two DPs, two LPs, participants, courses, schedules and the `PRAT-`
 * test redeem codes. Codes depend only on the seed; times are relative to `startAt`.
 *
 * @example
 * const fixtures = createFixtures({ seed: 42, startAt: new Date('2026-11-24T07:00:00Z') });
 */
export function createFixtures(options: CreateFixturesOptions): SandboxFixtures {
  const random = createRandom(options.seed);
  const start = options.startAt.getTime();
  const iso = (offset: number) => new Date(start + offset).toISOString();
  const key = () => `sk_sandbox_fake_${random.string(24, Alphabet.LOWER_ALPHANUMERIC)}`;
  const client = (clientCode: string, name: string, role: 'dp' | 'lp'): SandboxClient => ({
    clientCode,
    signKey: key(),
    name,
    role,
    redirectUris:
      role === 'lp'
        ? [
            'http://127.0.0.1/prakerja/callback',
            'http://localhost/prakerja/callback',
            'http://127.0.0.1/sso/callback',
            'http://localhost/sso/callback',
            `https://${clientCode}.example/prakerja/callback`,
            `https://${clientCode}.example/sso/callback`,
          ]
        : [],
  });
  const platforms = [
    client('dp-sandbox-01', 'Sandbox Marketplace Satu', 'dp'),
    client('dp-sandbox-02', 'Sandbox Marketplace Dua', 'dp'),
  ];
  const providers = [
    client('lp-sandbox-01', 'LP Sandbox Satu', 'lp'),
    client('lp-sandbox-02', 'LP Sandbox Dua', 'lp'),
  ];
  applyOverride(platforms[0]!, options.platform);
  applyOverride(providers[0]!, options.provider);

  const prakerjaId = () => `99${random.string(14, Alphabet.DIGITS)}`;
  const participant = (
    name: string,
    age: number,
    education: EducationLevel,
    balance: number,
    index: number,
    description: string,
  ): SandboxParticipant => {
    const phone = `08120000${String(index).padStart(4, '0')}`;
    return {
      prakerjaId: prakerjaId(),
      name,
      email: `${name.toLowerCase().replaceAll(' ', '.')}@peserta.sandbox.test`,
      phone,
      age,
      education,
      balance,
      payout:
        index % 2 === 1
          ? { type: 'ewallet', provider: 'sandbox-wallet', accountNumber: phone }
          : {
              type: 'bank',
              provider: 'sandbox-bank',
              accountNumber: `000${random.string(7, Alphabet.DIGITS)}`,
            },
      description,
    };
  };
  const participants = [
    participant('Budi Santoso', 28, 'S1', 3_500_000, 1, 'eligible for every course'),
    participant('Siti Rahma', 35, 'SMA', 3_500_000, 2, 'eligible for SMA-level courses'),
    participant(
      'Agus Pratama',
      17,
      'SMA',
      1_000_000,
      3,
      'too young for every course (SBX_PLT40005)',
    ),
    participant('Dewi Lestari', 40, 'SD', 3_500_000, 4, 'education too low (SBX_PLT40006)'),
    participant('Rudi Hartono', 30, 'S1', 50_000, 5, 'balance too low (SBX_PLT40007)'),
    participant('Tari Wulandari', 24, 'D3', 3_500_000, 6, 'owner of the PRAT- test codes'),
  ];

  const courseCode = () => `sbx-crs-${random.string(8, Alphabet.HEX)}`;
  const course = (
    name: string,
    provider: string,
    type: SandboxCourse['type'],
    price: number,
    minEducation: EducationLevel,
  ): SandboxCourse => ({
    courseCode: courseCode(),
    name,
    provider,
    type,
    price,
    requirements: { minAge: 18, maxAge: 64, minEducation: minEducation },
  });
  const courses = [
    course('Digital Marketing untuk UMKM', providers[0]!.clientCode, 'self-paced', 500_000, 'SMA'),
    course('Public Speaking Webinar', providers[0]!.clientCode, 'webinar', 750_000, 'SMA'),
    course('Analisis Data Lanjutan', providers[0]!.clientCode, 'self-paced', 300_000, 'S1'),
    course('Barista Profesional', providers[1]!.clientCode, 'webinar', 400_000, 'SMP'),
  ];

  const scheduleCode = () => random.string(16, Alphabet.HEX);
  const schedule = (
    courseIndex: number,
    offset: number,
    seats: number,
    description: string,
  ): SandboxSchedule => ({
    scheduleCode: scheduleCode(),
    courseCode: courses[courseIndex]!.courseCode,
    startAt: iso(offset),
    endAt: iso(offset + 30 * DAY),
    seats,
    description,
  });
  const schedules = [
    schedule(0, 30 * MINUTE, 20, 'starts in 30 minutes: buy now, redeem right away'),
    schedule(0, 3 * DAY, 50, 'starts in 3 days: redeem only after time travel'),
    schedule(0, -2 * HOUR, 10, 'started 2 hours ago (SBX_PLT40003)'),
    schedule(0, DAY, 0, 'no seats left (SBX_PLT40004)'),
    schedule(1, 45 * MINUTE, 30, 'webinar starting in 45 minutes'),
    schedule(1, 2 * DAY, 30, 'webinar starting in 2 days'),
    schedule(2, 30 * MINUTE, 5, 'S1-only course starting in 30 minutes'),
    schedule(3, 30 * MINUTE, 15, 'course of the second LP starting in 30 minutes'),
  ];

  const owner = participants[5]!;
  const testCode = (
    testCase: string,
    courseIndex: number,
    scheduleIndex: number,
    positive: boolean,
    verified: number[],
    voided: boolean,
    description: string,
  ): SandboxRedeemCode => ({
    redeemCode: `PRAT-${random.string(6, Alphabet.UPPER_ALPHANUMERIC)}`,
    testCase: testCase,
    positive,
    courseCode: courses[courseIndex]!.courseCode,
    scheduleCode: schedules[scheduleIndex]!.scheduleCode,
    prakerjaId: owner.prakerjaId,
    platform: platforms[0]!.clientCode,
    invoiceCode: `PRAT-INV-${testCase}`,
    transactionCode: random.string(16, Alphabet.UPPER_ALPHANUMERIC),
    verifiedSequences: verified,
    voided,
    description,
  });
  const redeemCodes = [
    testCode('TC1-001-200', 0, 0, true, [], false, 'self-paced, redeem (sequence 1) succeeds'),
    testCode(
      'TC1-999-200',
      0,
      0,
      true,
      [1],
      false,
      'self-paced, post-test (sequence 999) succeeds',
    ),
    testCode('TC2-001-200', 1, 4, true, [], false, 'webinar, redeem (sequence 1) succeeds'),
    testCode('TC2-999-200', 1, 4, true, [1], false, 'webinar, post-test (sequence 999) succeeds'),
    testCode('TC1-001-400', 0, 0, false, [], true, 'negative case: cancelled code (SBX_RDM40003)'),
  ];

  return {
    seed: options.seed,
    startedAt: iso(0),
    platforms,
    providers,
    participants,
    courses,
    schedules,
    redeemCodes: redeemCodes,
  };
}

function applyOverride(client: SandboxClient, override: CredentialOverride | undefined): void {
  if (override?.clientCode) client.clientCode = override.clientCode;
  if (override?.signKey) client.signKey = override.signKey;
}
