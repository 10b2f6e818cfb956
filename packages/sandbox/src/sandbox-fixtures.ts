/** A partner's program credentials as seeded by the sandbox. Obviously fake. */
export interface SandboxClient {
  /** The `client_code` header value (also the SSO `client_id`). */
  clientCode: string;
  /** The `sign_key` used for HMAC-SHA1 request signatures. */
  signKey: string;
  /** Display name (also the SSO `client_name` for providers). */
  name: string;
  /** `dp` (digital platform) or `lp` (training provider). */
  role: 'dp' | 'lp';
  /**
   * Registered redirect URIs (providers only; empty for platforms). A loopback URI
   * (`127.0.0.1`, `localhost`) matches any port, as RFC 8252 §7.3 asks of OAuth servers.
   */
  redirectUris: string[];
}

/** Education levels, lowest first. */
export const EDUCATION_LEVELS = ['SD', 'SMP', 'SMA', 'D3', 'S1', 'S2', 'S3'] as const;

/** An education level of {@link EDUCATION_LEVELS}. */
export type EducationLevel = (typeof EDUCATION_LEVELS)[number];

/** A seeded Kartu Prakerja participant (wire names, like the program's). */
export interface SandboxParticipant {
  prakerja_id: string;
  name: string;
  email: string;
  phone: string;
  age: number;
  education: EducationLevel;
  /** Training balance in IDR at start (purchases deduct from the live balance). */
  balance: number;
  /** Where the incentive is paid (modelled, for `incentive.disbursement_requested`). */
  payout: { type: 'bank' | 'ewallet'; provider: string; account_number: string };
  /** What this participant is for in tests. */
  description: string;
}

/** A seeded course. */
export interface SandboxCourse {
  course_code: string;
  name: string;
  /** `client_code` of the LP that owns the course. */
  provider: string;
  /** `self-paced` (pembelajaran mandiri, course_type 1) or `webinar` (course_type 2). */
  type: 'self-paced' | 'webinar';
  price: number;
  requirements: { min_age: number; max_age: number; min_education: EducationLevel };
}

/** A seeded schedule (batch) of a course. */
export interface SandboxSchedule {
  schedule_code: string;
  course_code: string;
  /** ISO-8601 start, relative to the sandbox start time. */
  start_at: string;
  end_at: string;
  /** Capacity in seats (the live remaining quota is `GET quota-schedule`). */
  seats: number;
  description: string;
}

/** A seeded redeem code with its purchase (the `PRAT-` test codes). */
export interface SandboxRedeemCode {
  redeem_code: string;
  /** Program test case id (`TC1-001-200`...), or null. */
  test_case: string | null;
  /** True for the positive test cases, the only codes `redeem-code/reset` accepts. */
  positive: boolean;
  course_code: string;
  schedule_code: string;
  prakerja_id: string;
  /** `client_code` of the DP that sold it. */
  platform: string;
  invoice_code: string;
  transaction_code: string;
  /** Sequences already verified when the fixture (or a reset) starts. */
  verified_sequences: number[];
  /** True when the purchase is voided (the code is cancelled). */
  voided: boolean;
  description: string;
}

/** Everything the sandbox seeds, as served by `GET /__sandbox/fixtures`. */
export interface SandboxFixtures {
  seed: number;
  /** Sandbox time the fixture times are relative to (ISO-8601). */
  started_at: string;
  platforms: SandboxClient[];
  providers: SandboxClient[];
  participants: SandboxParticipant[];
  courses: SandboxCourse[];
  schedules: SandboxSchedule[];
  redeem_codes: SandboxRedeemCode[];
}
