import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { diagnoseSignature } from './diagnose-signature.js';
import type { CapturedRequest } from './parse-capture.js';

const KEY = 'my_sign_key';
const CLIENT = 'client_code';
const T = 1698289216;
const PATH = '/api/v1/integration/oauth/url-generate';
const BODY =
  '{"redeem_code":"PRAT-1","redirect_uri":"https://lp.example/cb?a=1&b=2","email":"peserta@example.com","notes":"Ujian ✓"}';

const hmac = (message: string, key = KEY) => createHmac('sha1', key).update(message).digest('hex');
const raw = (
  overrides: { t?: string | number; method?: string; path?: string; body?: string } = {},
) =>
  `${CLIENT}${overrides.t ?? T}${overrides.method ?? 'POST'}${overrides.path ?? PATH}${overrides.body ?? BODY}`;

function request(
  signature: string,
  overrides: Partial<CapturedRequest> & { timestamp?: string } = {},
): CapturedRequest {
  return {
    format: 'http',
    method: overrides.method ?? 'POST',
    target: overrides.target ?? PATH,
    headers: overrides.headers ?? [
      ['Host', 'api.prakerja.go.id'],
      ['client_code', CLIENT],
      ['timestamp', overrides.timestamp ?? String(T)],
      ['signature', signature],
    ],
    body: overrides.body ?? BODY,
  };
}

const codes = (capture: CapturedRequest, now = T) =>
  diagnoseSignature(capture, { signKey: KEY, now }).faults.map((fault) => fault.code);

describe('diagnoseSignature', () => {
  it('accepts a correct request and returns the canonical string from core', () => {
    const diagnosis = diagnoseSignature(request(hmac(raw())), { signKey: KEY, now: T });
    expect(diagnosis).toMatchObject({
      ok: true,
      faults: [],
      canonical: { rawSignature: raw(), signature: hmac(raw()) },
    });
    expect(JSON.stringify(diagnosis)).not.toContain(KEY);
  });

  it.each([
    ['PHP escaped slashes', BODY.replaceAll('/', '\\/')],
    ['Go HTML escaping', BODY.replaceAll('&', '\\u0026')],
    ['Python ensure_ascii', BODY.replace('✓', '\\u2713')],
    ['pretty-printing', JSON.stringify(JSON.parse(BODY), null, 2)],
    ['JSON encoded twice', JSON.stringify(BODY)],
    ['a trailing newline', `${BODY}\n`],
  ])('names body-reserialised for %s in the signed body', (_label, signedBody) => {
    expect(codes(request(hmac(raw({ body: signedBody }))))).toEqual(['body-reserialised']);
  });

  it('names body-reordered for keys sorted alphabetically', () => {
    const sorted = JSON.stringify(Object.fromEntries(Object.entries(JSON.parse(BODY)).sort()));
    expect(codes(request(hmac(raw({ body: sorted }))))).toEqual(['body-reordered']);
  });

  it('names two faults at once: a host in the path and upper-case hex', () => {
    const signature = hmac(raw({ path: `https://api.prakerja.go.id${PATH}` })).toUpperCase();
    expect(codes(request(signature)).sort()).toEqual(['path-with-host', 'uppercase-hex']);
  });

  it('names path-relative for a path signed relative to the base URL', () => {
    expect(codes(request(hmac(raw({ path: '/integration/oauth/url-generate' }))))).toEqual([
      'path-relative',
    ]);
  });

  it('names timestamp-mismatch when the time was read twice', () => {
    expect(codes(request(hmac(raw({ t: T - 1 }))))).toEqual(['timestamp-mismatch']);
  });

  it('names timestamp-format for milliseconds, and the skew with it', () => {
    const ms = `${T}000`;
    const found = codes(request(hmac(raw({ t: ms })), { timestamp: ms }), T + 5);
    expect(found).toEqual(['timestamp-format']);
  });

  it('explains a seven-hour skew as WIB time taken for UTC', () => {
    const diagnosis = diagnoseSignature(request(hmac(raw())), { signKey: KEY, now: T + 7 * 3600 });
    expect(diagnosis.faults[0]).toMatchObject({ code: 'timestamp-skew', evidence: 'observed' });
    expect(diagnosis.faults[0]!.cause).toContain('WIB');
    expect(diagnosis.skewSeconds).toBe(-7 * 3600);
  });

  it('uses the Date header of the capture as the reference time', () => {
    const capture = request(hmac(raw()));
    capture.headers.push(['Date', new Date((T + 2) * 1000).toUTCString()]);
    const diagnosis = diagnoseSignature(capture, { signKey: KEY });
    expect(diagnosis).toMatchObject({
      ok: true,
      reference: { source: 'date-header', time: T + 2 },
    });
  });

  it('names wrong-key with evidence when the key had a trailing newline', () => {
    const diagnosis = diagnoseSignature(request(hmac(raw(), `${KEY}\n`)), { signKey: KEY, now: T });
    expect(diagnosis.faults).toMatchObject([{ code: 'wrong-key', evidence: 'matched' }]);
    expect(diagnosis.faults[0]!.message).toContain('newline');
  });

  it.each([
    ['swapped HMAC arguments', createHmac('sha1', raw()).update(KEY).digest('hex')],
    [
      'a plain SHA-1 of message and key',
      createHash('sha1')
        .update(raw() + KEY)
        .digest('hex'),
    ],
    ['HMAC-SHA256', createHmac('sha256', KEY).update(raw()).digest('hex')],
  ])('names wrong-algorithm for %s', (_label, signature) => {
    expect(codes(request(signature))).toEqual(['wrong-algorithm']);
  });

  it('names signature-encoding for a base64 digest', () => {
    const signature = createHmac('sha1', KEY).update(raw()).digest('base64');
    expect(codes(request(signature))).toEqual(['signature-encoding']);
  });

  it('names method-case for a lower-case method that was signed as written', () => {
    expect(codes(request(hmac(raw({ method: 'post' })), { method: 'post' }))).toEqual([
      'method-case',
    ]);
  });

  it('names header-name for client-code with a hyphen and still checks the signature', () => {
    const capture = request(hmac(raw()));
    capture.headers[1] = ['client-code', CLIENT];
    expect(codes(capture)).toEqual(['header-name']);
  });

  it('names missing-header when the signature header was dropped', () => {
    const capture = request('x');
    capture.headers = capture.headers.filter(([name]) => name !== 'signature');
    const diagnosis = diagnoseSignature(capture, { signKey: KEY, now: T });
    expect(diagnosis).toMatchObject({
      ok: false,
      canonical: null,
      faults: [{ code: 'missing-header' }],
    });
  });

  it('only notes an Authorization value included in raw_signature (the sandbox accepts both)', () => {
    const authorization = 'Payment tok_fake';
    const signature = hmac(`${CLIENT}${T}POST${PATH}${authorization}${BODY}`);
    const capture = request(signature);
    capture.headers.push(['Authorization', authorization]);
    const diagnosis = diagnoseSignature(capture, { signKey: KEY, now: T });
    expect(diagnosis.ok).toBe(true);
    expect(diagnosis.notes.join(' ')).toContain('Authorization');
  });

  it('checks the SSO X- headers on SSO paths', () => {
    const path = '/api/v1/oauth/authorize';
    const signature = hmac(`${CLIENT}${T}GET${path}`);
    const capture: CapturedRequest = {
      format: 'curl',
      method: 'GET',
      target: `https://api-proxy.prakerja.go.id${path}?client_id=${CLIENT}`,
      headers: [
        ['X-Client-Id', CLIENT],
        ['X-Timestamp', String(T)],
        ['X-Signature', signature],
      ],
      body: '',
    };
    const diagnosis = diagnoseSignature(capture, { signKey: KEY, now: T });
    expect(diagnosis.ok).toBe(true);
    expect(diagnosis.notes.join(' ')).toContain('query');
  });

  it('reports a signature that is not a digest at all', () => {
    expect(codes(request('not-a-signature'))).toEqual(['signature-encoding']);
  });
});

it('notes that the sandbox accepts a body signed compact and sent with spaces', () => {
  const sent = '{"redeem_code": "PRAT-1", "sequence": 1}';
  const signed = '{"redeem_code":"PRAT-1","sequence":1}';
  const capture = request(hmac(raw({ body: signed })), { body: sent });
  const diagnosis = diagnoseSignature(capture, { signKey: KEY, now: T });
  expect(diagnosis.faults.map((fault) => fault.code)).toEqual(['body-reserialised']);
  expect(diagnosis.notes.join(' ')).toContain(
    'the sandbox is lenient here (it re-compacts JSON bodies',
  );
  expect(diagnosis.notes.join(' ')).not.toMatch(/program-api\.md|§/);
});
