import type { ProgramErrorCode } from '@prakerja-kit/core';
import { profileErrorCode, profileErrorStatus } from './internal/profile-errors.js';
import { SandboxControlError } from './sandbox-control-error.js';
import {
  PROFILE_SWITCHES,
  type ProfileSwitches,
  type ProfileSwitchName,
} from './sandbox-profile-switches.js';

export type { ProfileSwitches, ProfileSwitchName } from './sandbox-profile-switches.js';
export { PROFILE_SWITCHES } from './sandbox-profile-switches.js';

const DEFAULT_SWITCHES: ProfileSwitches = {
  errorCodes: 'sbx',
  errorStatus: 'catalogue',
  unknownInvoice: 'error',
  voidedStatus: 'VOID',
  amounts: 'number',
  invoiceCode: 'string',
  authorizationSignature: 'either',
  extraFields: 'none',
  paymentTokenField: 'payment_token',
  tokenExpiry: 'present',
  attendanceStatus: '0-1-2',
  redeemStatus: 'redeemed',
  submissionStatus: '0-3',
  resetMessage: 'Kode redeem berhasil direset.',
  attendanceRedirectState: 'present',
  refreshPath: 'both',
  bodyCanonicalisation: 'compact',
  signatureHex: 'any-case',
  ssoAuthorizeSigning: 'path',
  timestampTolerance: 'wide',
  legacyCommit: 'available',
};

/**
 * The named profiles. Together they use every variant of every switch at least once.
 *
 * - `default`: what program-api.md deems most likely, the sandbox's behaviour before profiles.
 * - `strict-http`: a REST-style program: HTTP statuses by meaning, opaque codes, exact signing.
 * - `terse`: a minimal program: 400 for everything, no codes, short answers, fields left out.
 * - `lenient`: a forgiving program with extra fields and the rarer spellings.
 */
export const SANDBOX_PROFILES = {
  default: DEFAULT_SWITCHES,
  'strict-http': {
    errorCodes: 'opaque',
    errorStatus: 'http',
    unknownInvoice: 'http-404',
    voidedStatus: 'VOIDED',
    amounts: 'string',
    invoiceCode: 'integer',
    authorizationSignature: 'outside',
    extraFields: 'none',
    paymentTokenField: 'payment_token',
    tokenExpiry: 'absent',
    attendanceStatus: '0-1-2',
    redeemStatus: 'active',
    submissionStatus: 'with-4',
    resetMessage: 'OK',
    attendanceRedirectState: 'present',
    refreshPath: 'token-refresh',
    bodyCanonicalisation: 'exact',
    signatureHex: 'lower-only',
    ssoAuthorizeSigning: 'path-and-query',
    timestampTolerance: 'narrow',
    legacyCommit: 'gone',
  },
  terse: {
    errorCodes: 'absent',
    errorStatus: 'always-400',
    unknownInvoice: 'null-data',
    voidedStatus: 'CANCELLED',
    amounts: 'number',
    invoiceCode: 'string',
    authorizationSignature: 'inside',
    extraFields: 'none',
    paymentTokenField: 'token',
    tokenExpiry: 'absent',
    attendanceStatus: '0-1',
    redeemStatus: 'redeemed',
    submissionStatus: '0-3',
    resetMessage: 'Reset berhasil',
    attendanceRedirectState: 'absent',
    refreshPath: 'token',
    bodyCanonicalisation: 'exact',
    signatureHex: 'lower-only',
    ssoAuthorizeSigning: 'path',
    timestampTolerance: 'narrow',
    legacyCommit: 'gone',
  },
  lenient: {
    errorCodes: 'opaque',
    errorStatus: 'catalogue',
    unknownInvoice: 'error',
    voidedStatus: 'CANCELED',
    amounts: 'string',
    invoiceCode: 'string',
    authorizationSignature: 'either',
    extraFields: 'present',
    paymentTokenField: 'payment_token',
    tokenExpiry: 'present',
    attendanceStatus: '0-1-2',
    redeemStatus: 'active',
    submissionStatus: 'with-4',
    resetMessage: 'OK',
    attendanceRedirectState: 'present',
    refreshPath: 'both',
    bodyCanonicalisation: 'compact',
    signatureHex: 'any-case',
    ssoAuthorizeSigning: 'either',
    timestampTolerance: 'wide',
    legacyCommit: 'available',
  },
} as const satisfies Record<string, ProfileSwitches>;

/** The name of a named profile. */
export type SandboxProfileName = keyof typeof SANDBOX_PROFILES;

/** Names of every named profile, `default` first. */
export const SANDBOX_PROFILE_NAMES = Object.keys(SANDBOX_PROFILES) as SandboxProfileName[];

/**
 * A profile as given to `createSandbox({ profile })`, `PUT /__sandbox/profile` or
 * `control.profile.set()`: a named profile, or a base (default `default`) with switches overridden.
 */
export type SandboxProfileInput =
  | SandboxProfileName
  | ({ base?: SandboxProfileName | undefined } & Partial<ProfileSwitches>);

/** A resolved profile: the base it came from, the switches that differ from it, and all switches. */
export interface SandboxProfile {
  /** The named profile it starts from. */
  base: SandboxProfileName;
  /** Switches set differently from `base` (empty for a plain named profile). */
  overrides: Partial<ProfileSwitches>;
  /** Every switch. */
  switches: ProfileSwitches;
}

const isName = (value: unknown): value is SandboxProfileName =>
  typeof value === 'string' && Object.hasOwn(SANDBOX_PROFILES, value);

/**
 * Resolves and validates a profile input. Throws a 400 {@link SandboxControlError} naming the
 * unknown profile, switch or variant and listing what is accepted.
 *
 * @example
 * resolveSandboxProfile({ base: 'strict-http', voidedStatus: 'VOID' }).switches.errorStatus; // 'http'
 */
export function resolveSandboxProfile(input: unknown = 'default'): SandboxProfile {
  if (typeof input === 'string') {
    if (!isName(input)) {
      throw new SandboxControlError(
        `unknown profile "${input}": use one of ${SANDBOX_PROFILE_NAMES.join(', ')}`,
      );
    }
    return { base: input, overrides: {}, switches: { ...SANDBOX_PROFILES[input] } };
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new SandboxControlError(
      'profile must be a profile name or { base?, ...switches } (see GET /__sandbox/profile)',
    );
  }
  const { base = 'default', ...rest } = input as Record<string, unknown>;
  if (!isName(base)) {
    throw new SandboxControlError(
      `unknown base profile "${String(base)}": use one of ${SANDBOX_PROFILE_NAMES.join(', ')}`,
    );
  }
  const switches: ProfileSwitches = { ...SANDBOX_PROFILES[base] };
  const overrides: Partial<ProfileSwitches> = {};
  for (const [name, value] of Object.entries(rest)) {
    if (value === undefined) continue;
    if (!Object.hasOwn(PROFILE_SWITCHES, name)) {
      throw new SandboxControlError(
        `unknown profile switch "${name}": use ${Object.keys(PROFILE_SWITCHES).join(', ')}`,
      );
    }
    const variants: readonly string[] = PROFILE_SWITCHES[name as ProfileSwitchName];
    if (typeof value !== 'string' || !variants.includes(value)) {
      throw new SandboxControlError(
        `profile switch ${name}: expected one of ${variants.map((v) => JSON.stringify(v)).join(', ')}, received ${JSON.stringify(value)}`,
      );
    }
    (switches as Record<string, string>)[name] = value;
    if (SANDBOX_PROFILES[base][name as ProfileSwitchName] !== value) {
      (overrides as Record<string, string>)[name] = value;
    }
  }
  return { base, overrides, switches };
}

/** `strict-http`, or `strict-http+voidedStatus=VOID` when switches are overridden. */
export function describeSandboxProfile(profile: SandboxProfile): string {
  const overrides = Object.entries(profile.overrides).map(([name, value]) => `${name}=${value}`);
  return [profile.base, ...overrides].join('+');
}

/**
 * What the sandbox sends for a program error under a profile: the `code` (undefined when the
 * profile sends none) and the HTTP status. For tests that assert an exact code or status.
 * (`payment/status` on an unknown invoice may answer differently: see `unknownInvoice`.)
 *
 * @example
 * sandboxErrorFor('strict-http', 'SBX_GEN40101'); // { code: 'OPQ…', status: 401 }
 */
export function sandboxErrorFor(
  profile: SandboxProfileInput | SandboxProfile,
  code: ProgramErrorCode,
): { code: string | undefined; status: number } {
  const { switches } =
    typeof profile === 'object' && 'switches' in profile ? profile : resolveSandboxProfile(profile);
  return { code: profileErrorCode(switches, code), status: profileErrorStatus(switches, code) };
}
