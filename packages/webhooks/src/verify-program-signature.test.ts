import { createSignatureSync } from '@prakerja-kit/core/node';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NOW_SECONDS, now } from '../test/fixtures.js';
import { WebhookVerificationError } from './errors/webhook-verification-error.js';
import { verifyProgramRequest } from './verify-program-request.js';
import { verifyProgramSignature } from './verify-program-signature.js';

const CLIENT_CODE = 'fake_client_code';
const SIGN_KEY = 'fake-sign-key-for-tests-only';
const PATH = '/api/v1/integration/payment/redeem-code/status';
const BODY = '{"redeem_code":"GHOPNYXUVMT0","sequence":1}';

function signed(overrides: { body?: string; timestamp?: number; signKey?: string } = {}) {
  const timestamp = overrides.timestamp ?? NOW_SECONDS;
  const signature = createSignatureSync({
    clientCode: CLIENT_CODE,
    signKey: overrides.signKey ?? SIGN_KEY,
    timestamp,
    method: 'POST',
    path: PATH,
    body: overrides.body ?? BODY,
  });
  return { client_code: CLIENT_CODE, signature, timestamp: String(timestamp) };
}

const base = { method: 'POST', path: PATH, body: BODY, signKey: SIGN_KEY, now };

async function failure(promise: Promise<unknown>): Promise<WebhookVerificationError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof WebhookVerificationError))
    throw new Error('expected a WebhookVerificationError');
  return error;
}

describe('verifyProgramSignature', () => {
  it('accepts a request signed with core createSignature and returns who signed it', async () => {
    await expect(verifyProgramSignature({ ...base, headers: signed() })).resolves.toEqual({
      clientCode: CLIENT_CODE,
      timestamp: NOW_SECONDS,
    });
  });

  it('accepts the official test vector of program-api.md §3', async () => {
    const headers = {
      client_code: 'myclient_code',
      signature: '943c20a8e36b6243f576404b00fffdc86411ce1f',
      timestamp: '1516239022',
    };
    const result = verifyProgramSignature({
      headers,
      method: 'POST',
      path: '/api/v1/integration/payment/redeem-code/commit',
      body: '{"redeem_code":"code"}',
      signKey: 'my_sign_key',
      now: () => 1_516_239_022_000,
    });
    await expect(result).resolves.toEqual({
      clientCode: 'myclient_code',
      timestamp: 1_516_239_022,
    });
  });

  it('accepts the body as bytes, headers as fetch Headers and an upper-case hex signature', async () => {
    const headers = signed();
    const upper = new Headers({ ...headers, signature: headers.signature.toUpperCase() });
    const body = new TextEncoder().encode(BODY);
    await expect(verifyProgramSignature({ ...base, headers: upper, body })).resolves.toMatchObject({
      clientCode: CLIENT_CODE,
    });
  });

  it('looks the sign key up by client_code and refuses an unknown client', async () => {
    const signKey = (code: string) => (code === CLIENT_CODE ? SIGN_KEY : undefined);
    await expect(
      verifyProgramSignature({ ...base, signKey, headers: signed() }),
    ).resolves.toMatchObject({ clientCode: CLIENT_CODE });
    const stranger = { ...signed(), client_code: 'someone_else' };
    const error = await failure(verifyProgramSignature({ ...base, signKey, headers: stranger }));
    expect(error.check).toBe('headers');
    expect(error.message).toContain('unknown client_code');
  });

  it('refuses a client_code other than the expected one', async () => {
    await expect(
      verifyProgramSignature({ ...base, clientCode: CLIENT_CODE, headers: signed() }),
    ).resolves.toBeTruthy();
    const error = await failure(
      verifyProgramSignature({ ...base, clientCode: 'other_client', headers: signed() }),
    );
    expect(error.message).toContain('unknown client_code');
  });

  it('rejects a signature made with another key without echoing either', async () => {
    const headers = signed({ signKey: 'another-fake-sign-key' });
    const error = await failure(verifyProgramSignature({ ...base, headers }));
    expect(error.check).toBe('signature');
    expect(error.message).not.toContain(headers.signature);
    expect(error.message).not.toContain(SIGN_KEY);
  });

  it('applies the two-sided tolerance', async () => {
    const old = await failure(
      verifyProgramSignature({ ...base, headers: signed({ timestamp: NOW_SECONDS - 301 }) }),
    );
    expect(old.message).toContain('(timestamp): too old (301 s, tolerance 300 s)');
    const future = await failure(
      verifyProgramSignature({ ...base, headers: signed({ timestamp: NOW_SECONDS + 301 }) }),
    );
    expect(future.message).toContain('in the future (301 s');
    const headers = signed({ timestamp: NOW_SECONDS - 301 });
    await expect(
      verifyProgramSignature({ ...base, headers, toleranceSeconds: 301 }),
    ).resolves.toBeTruthy();
    const unset = await failure(verifyProgramSignature({ ...base, now: undefined, headers }));
    expect(unset.check).toBe('timestamp');
  });

  it('rejects a timestamp in milliseconds and missing headers', async () => {
    const millis = { ...signed(), timestamp: `${NOW_SECONDS}000` };
    expect((await failure(verifyProgramSignature({ ...base, headers: millis }))).check).toBe(
      'timestamp',
    );
    const { signature: _signature, ...unsigned } = signed();
    const missing = await failure(verifyProgramSignature({ ...base, headers: unsigned }));
    expect(missing.message).toContain('client_code, signature and timestamp are all required');
  });

  it('refuses a parsed body with the raw-body advice', async () => {
    const error = await failure(
      verifyProgramSignature({ ...base, body: JSON.parse(BODY), headers: signed() }),
    );
    expect(error.check).toBe('payload');
    expect(error.message).toContain('Hono: await c.req.text()');
  });

  it('refuses a re-serialised body unless acceptCompactedBody is set', async () => {
    const spaced = '{"redeem_code": "GHOPNYXUVMT0", "sequence": 1}';
    expect(
      (await failure(verifyProgramSignature({ ...base, body: spaced, headers: signed() }))).check,
    ).toBe('signature');
    await expect(
      verifyProgramSignature({
        ...base,
        body: spaced,
        headers: signed(),
        acceptCompactedBody: true,
      }),
    ).resolves.toBeTruthy();
    const notJson = await failure(
      verifyProgramSignature({
        ...base,
        body: 'not json',
        headers: signed(),
        acceptCompactedBody: true,
      }),
    );
    expect(notJson.check).toBe('signature');
    await expect(
      verifyProgramSignature({ ...base, headers: signed(), acceptCompactedBody: true }),
    ).resolves.toBeTruthy();
  });

  it('signs the Authorization header between path and body only when asked', async () => {
    const authorization = 'Payment tok_fake_123';
    const signature = createSignatureSync({
      clientCode: CLIENT_CODE,
      signKey: SIGN_KEY,
      timestamp: NOW_SECONDS,
      method: 'POST',
      path: PATH,
      body: BODY,
      authorization,
      signAuthorization: true,
    });
    const headers = { ...signed(), signature, authorization };
    await expect(
      verifyProgramSignature({ ...base, headers, signAuthorization: true }),
    ).resolves.toBeTruthy();
    expect((await failure(verifyProgramSignature({ ...base, headers }))).check).toBe('signature');
  });

  it('rejects any tampered byte of the body, path or signed headers', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('body', 'path', 'client_code', 'timestamp', 'signature'),
        fc.nat(),
        fc.integer({ min: 0x21, max: 0x7e }),
        async (field, position, code) => {
          const headers: Record<string, string> = signed();
          const params = { ...base, headers };
          const original = field === 'body' ? BODY : field === 'path' ? PATH : headers[field]!;
          const index = position % original.length;
          const changed =
            original.slice(0, index) + String.fromCharCode(code) + original.slice(index + 1);
          fc.pre(
            changed.toLowerCase() !== original.toLowerCase() &&
              !(field === 'path' && (index === 0 || /[?#]/.test(changed))),
          );
          if (field === 'body') params.body = changed;
          else if (field === 'path') params.path = changed;
          else headers[field] = changed;
          const signKey = (clientCode: string) => (clientCode.length > 0 ? SIGN_KEY : undefined);
          await expect(
            verifyProgramSignature({ ...params, signKey, toleranceSeconds: 10 ** 12 }),
          ).rejects.toBeInstanceOf(WebhookVerificationError);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('verifyProgramRequest', () => {
  it('takes method, path, headers and raw body from a fetch Request', async () => {
    const request = new Request(`https://sandbox.test${PATH}?ignored=1`, {
      method: 'POST',
      headers: signed(),
      body: BODY,
    });
    await expect(verifyProgramRequest(request, { signKey: SIGN_KEY, now })).resolves.toEqual({
      clientCode: CLIENT_CODE,
      timestamp: NOW_SECONDS,
    });
  });

  it('rejects a request sent to another path than the one signed', async () => {
    const request = new Request('https://sandbox.test/api/v1/integration/payment/authorize', {
      method: 'POST',
      headers: signed(),
      body: BODY,
    });
    await expect(verifyProgramRequest(request, { signKey: SIGN_KEY, now })).rejects.toThrow(
      /\(signature\)/,
    );
  });
});
