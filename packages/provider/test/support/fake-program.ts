import { createProviderClient, type ProviderClientOptions } from '../../src/index.js';

/** One request the fake program received. */
export interface Received {
  method: string;
  url: URL;
  headers: Headers;
  body: unknown;
}

/** What a handler answers: a status and a JSON body. */
export interface FakeAnswer {
  status?: number;
  body: unknown;
}

/** Fake credentials: obviously not real. */
export const FAKE_CREDENTIALS = {
  clientCode: 'lp-unit-test',
  signKey: 'sk_fake_provider_unit_key',
  baseUrl: 'https://program.test',
} as const;

/** A state secret for tests (32+ characters, fake). */
export const FAKE_STATE_SECRET = 'fake-state-secret-for-unit-tests-0123456789';

/**
 * A client whose `fetch` is answered by `handler` (path → answer), recording every request.
 * Logging is silent and retries are instant.
 */
export function fakeClient(
  handler: (request: Received) => FakeAnswer | Promise<FakeAnswer>,
  options: Partial<ProviderClientOptions> = {},
) {
  const received: Received[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const text = await request.text();
    const entry: Received = {
      method: request.method,
      url: new URL(request.url),
      headers: request.headers,
      body: text ? JSON.parse(text) : undefined,
    };
    received.push(entry);
    const answer = await handler(entry);
    return new Response(JSON.stringify(answer.body), {
      status: answer.status ?? 200,
      headers: { 'content-type': 'application/json' },
    });
  };
  const client = createProviderClient({
    ...FAKE_CREDENTIALS,
    stateSecret: FAKE_STATE_SECRET,
    redirectUri: 'https://lp.test/attendance/return',
    logLevel: 'silent',
    retry: { baseDelayMs: 1, maxDelayMs: 1 },
    fetch: fetch as typeof globalThis.fetch,
    env: {},
    ...options,
  });
  return { client, received };
}

/** The program's success envelope. */
export function ok(data: unknown): FakeAnswer {
  return { body: { success: true, message: 'OK', data } };
}

/** The program's error envelope. */
export function fail(status: number, code: string, message: string): FakeAnswer {
  return { status, body: { success: false, code, message } };
}

/** A redeem-code status `data` body. */
export function statusData(redeemCode: string, sequence: number, attendanceStatus: number) {
  return {
    redeem_code: redeemCode,
    course_code: 'prakerjaoauth1',
    invoice_code: 'testing-1234567',
    schedule_code: 'prakerjaoauth',
    status: 1,
    attendance_status: attendanceStatus,
    redeem_at: '2023-10-24T10:54:45Z',
    dp_platform: 'Tokopedia',
    sequence,
  };
}
