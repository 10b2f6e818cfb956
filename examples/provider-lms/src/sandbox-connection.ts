import type { SandboxFixtures } from '@prakerja-kit/sandbox';

/** What the LMS takes from a sandbox: the seeded LP credentials and its test redeem codes. */
export interface SandboxConnection {
  clientCode: string;
  signKey: string;
  baseUrl: string;
  /** Positive `PRAT-` test codes of this LP whose redeem (sequence 1) is still to do. */
  testCodes: string[];
}

/**
 * Reads the seeded LP credentials from a sandbox's control plane (`GET /__sandbox/fixtures`).
 * Development only: production credentials come from the env.
 */
export async function connectSandbox(baseUrl: string): Promise<SandboxConnection> {
  const response = await fetch(`${baseUrl}/__sandbox/fixtures`);
  if (!response.ok)
    throw new Error(`no sandbox at ${baseUrl} (GET /__sandbox/fixtures: ${response.status})`);
  const fixtures = (await response.json()) as SandboxFixtures;
  const provider = fixtures.providers[0]!;
  const ours = new Set(
    fixtures.courses
      .filter((course) => course.provider === provider.clientCode)
      .map((course) => course.courseCode),
  );
  return {
    clientCode: provider.clientCode,
    signKey: provider.signKey,
    baseUrl,
    testCodes: fixtures.redeemCodes
      .filter(
        (code) => code.positive && ours.has(code.courseCode) && code.verifiedSequences.length === 0,
      )
      .map((code) => code.redeemCode),
  };
}
