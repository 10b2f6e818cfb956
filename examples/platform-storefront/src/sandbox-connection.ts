import type { Course, Schedule } from '@prakerja-kit/platform';
import type { SandboxFixtures } from '@prakerja-kit/sandbox';

/** What the storefront takes from a sandbox: credentials, a catalogue, the SMS inbox. */
export interface SandboxConnection {
  clientCode: string;
  signKey: string;
  baseUrl: string;
  courses: Course[];
  schedules: Schedule[];
  /** The first participant, to prefill checkout. */
  prakerjaId: string;
  /** Latest OTP texted to a participant (`GET /__sandbox/sms/latest`). */
  latestOtp(prakerjaId: string): Promise<string | undefined>;
}

/**
 * Reads the seeded DP credentials and catalogue from a sandbox's control plane
 * (`GET /__sandbox/fixtures`). Development only: production credentials come from the env.
 */
export async function connectSandbox(baseUrl: string): Promise<SandboxConnection> {
  const response = await fetch(`${baseUrl}/__sandbox/fixtures`);
  if (!response.ok)
    throw new Error(`no sandbox at ${baseUrl} (GET /__sandbox/fixtures: ${response.status})`);
  const fixtures = (await response.json()) as SandboxFixtures;
  const platform = fixtures.platforms[0]!;
  return {
    clientCode: platform.clientCode,
    signKey: platform.signKey,
    baseUrl,
    courses: fixtures.courses.map((course) => ({
      courseCode: course.courseCode,
      title: course.name,
      price: course.price,
      learningMethod: course.type === 'webinar' ? 'webinar' : 'self_paced',
    })),
    schedules: fixtures.schedules.map((schedule) => ({
      scheduleCode: schedule.scheduleCode,
      courseCode: schedule.courseCode,
      startsAt: schedule.startAt,
      endsAt: schedule.endAt,
    })),
    prakerjaId: fixtures.participants[0]!.prakerjaId,
    async latestOtp(prakerjaId) {
      const sms = await fetch(
        `${baseUrl}/__sandbox/sms/latest?prakerjaId=${encodeURIComponent(prakerjaId)}`,
      );
      return sms.ok ? ((await sms.json()) as { otp: string }).otp : undefined;
    },
  };
}
