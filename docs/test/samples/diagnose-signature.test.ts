import { createSignatureSync } from '@prakerja-kit/core/node';
import { expect, it } from 'vitest';
import { type CapturedRequest, diagnoseSignature } from '../../samples/diagnose-signature.js';

const signKey = 'my_sign_key';
const now = 1698289216_000;
const path = '/api/v1/integration/payment/redeem-code/status';
const compact = '{"redeem_code":"GHOPNYXUVMT0","sequence":1}';

function captured(overrides: { signature?: string; body?: string; timestamp?: string }) {
  const timestamp = overrides.timestamp ?? '1698289216';
  const signature =
    overrides.signature ??
    createSignatureSync({
      clientCode: 'client_code',
      signKey,
      timestamp,
      method: 'POST',
      path,
      body: compact,
    });
  return {
    method: 'POST',
    url: `https://api.prakerja.go.id${path}`,
    headers: { client_code: 'client_code', timestamp, signature },
    body: overrides.body ?? compact,
  } satisfies CapturedRequest;
}

it('confirms a correct signature', () => {
  expect(diagnoseSignature(captured({}), signKey, now)).toEqual(['signature matches the request']);
});

it('names a body that was re-serialised after signing', () => {
  const body = '{"redeem_code": "GHOPNYXUVMT0", "sequence": 1}';
  expect(diagnoseSignature(captured({ body }), signKey, now)).toEqual([
    'signed a compact body but sent different bytes: send exactly what you signed',
  ]);
});

it('names upper-case hex', () => {
  const signature = captured({}).headers.signature.toUpperCase();
  expect(diagnoseSignature(captured({ signature }), signKey, now)).toEqual([
    'signature must be lower-case hex',
  ]);
});

it('names an Authorization value signed between path and body', () => {
  const authorization = 'Payment tok_fake_123';
  const signature = createSignatureSync({
    clientCode: 'client_code',
    signKey,
    timestamp: 1698289216,
    method: 'POST',
    path,
    body: compact,
    authorization,
    signAuthorization: true,
  });
  const request = captured({ signature });
  const headers = { ...request.headers, Authorization: authorization };
  expect(diagnoseSignature({ ...request, headers }, signKey, now)).toEqual([
    'the Authorization value was signed: see signAuthorization (UNCERTAIN point)',
  ]);
});

it('falls back to the usual suspects', () => {
  const signature = 'a'.repeat(40);
  expect(diagnoseSignature(captured({ signature }), signKey, now)[0]).toMatch(/sign_key/);
});

it('names a clock that is off and a millisecond timestamp', () => {
  expect(diagnoseSignature(captured({}), signKey, now + 600_000)[0]).toMatch(/-?600 s away/);
  const request = captured({});
  const headers = { ...request.headers, timestamp: '1698289216000' };
  expect(diagnoseSignature({ ...request, headers }, signKey, now)).toEqual([
    'timestamp must be Unix seconds, not milliseconds',
  ]);
});

it('names missing headers, as when a proxy drops underscores', () => {
  const request = captured({});
  const { client_code: _dropped, ...headers } = request.headers;
  expect(diagnoseSignature({ ...request, headers }, signKey, now)[0]).toMatch(/underscores/);
});
