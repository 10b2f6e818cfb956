import { createHmac } from 'node:crypto';
import { ProgramPath } from '@prakerja-kit/core';
import { createSignatureSync } from '@prakerja-kit/core/node';
import { buildRawSignature } from '@prakerja-kit/core/signature';
import type { ProgramVector } from '../conformance-vectors.js';

const KEY = 'my_sign_key';
const JSON_TYPE = 'application/json';

interface ProgramCase {
  name: string;
  description: string;
  clientCode: string;
  timestamp: number;
  method?: string;
  path: string;
  body: string;
  now?: number;
  authorization?: string;
  /** Whether the Authorization value is part of raw_signature (between path and body). */
  signAuthorization?: boolean;
  /** What the sender did wrong, as a transformation of the correct request and signature. */
  fault?: { code: string; target?: string; headerTimestamp?: number; signature?: string };
}

function programVector(spec: ProgramCase): ProgramVector {
  const method = spec.method ?? 'POST';
  const fault = spec.fault;
  const timestamp = fault?.headerTimestamp ?? spec.timestamp;
  const canonical = {
    clientCode: spec.clientCode,
    timestamp,
    method,
    path: spec.path,
    body: spec.body,
    ...(spec.signAuthorization
      ? { authorization: spec.authorization, signAuthorization: true }
      : {}),
  };
  const expected = createSignatureSync({ ...canonical, signKey: KEY });
  const sentSignature =
    fault?.signature ??
    createSignatureSync({ ...canonical, timestamp: spec.timestamp, signKey: KEY });
  const headers: Record<string, string> = {
    'content-type': JSON_TYPE,
    client_code: spec.clientCode,
    timestamp: String(timestamp),
    signature: sentSignature,
  };
  if (spec.authorization) headers['authorization'] = spec.authorization;
  return {
    name: spec.name,
    description: spec.description,
    valid: fault === undefined,
    ...(fault ? { fault: fault.code } : {}),
    ...(spec.authorization === undefined
      ? {}
      : { authorization_in_raw_signature: spec.signAuthorization === true }),
    sign_key: KEY,
    now: spec.now ?? spec.timestamp,
    request: { method, path: fault?.target ?? spec.path, headers, body: spec.body },
    raw_signature: buildRawSignature(canonical),
    expected_signature: expected,
  };
}

function hex(message: string, key = KEY): string {
  return createHmac('sha1', key).update(message, 'utf8').digest('hex');
}

const official = {
  clientCode: 'myclient_code',
  timestamp: 1516239022,
  path: ProgramPath.REDEEM_COMMIT,
  body: '{"redeem_code":"code"}',
};
const worked = {
  clientCode: 'client_code',
  timestamp: 1698289216,
  path: ProgramPath.REDEEM_STATUS,
  body: '{"redeem_code":"GHOPNYXUVMT0","sequence":1}',
};
const workedRaw = (path: string, body = worked.body, timestamp = worked.timestamp) =>
  `${worked.clientCode}${timestamp}POST${path}${body}`;

/** The program-scheme vectors: official and worked examples, then one negative case per fault. */
export function programVectors(tolerance: number): ProgramVector[] {
  const cases: ProgramCase[] = [
    {
      name: 'official-example-repository',
      description:
        'The test vector of the program example repository (prakerja-dev/example-api-redeem-course), asserted in every language folder: signature 943c20a8e36b6243f576404b00fffdc86411ce1f.',
      ...official,
    },
    {
      name: 'developer-portal-worked-example',
      description:
        'The raw_signature worked on developer.prakerja.go.id/generate-signature, signed with my_sign_key.',
      ...worked,
    },
    {
      name: 'official-example-fork-variant-body',
      description:
        'The same vector with the body {"code":"code"} found in forks of the example repository.',
      ...official,
      body: '{"code":"code"}',
    },
    {
      name: 'utf8-body',
      description:
        'A body with non-ASCII characters: the HMAC is over the UTF-8 bytes, sent unescaped.',
      clientCode: 'lp_fake_client',
      timestamp: 1763967600,
      path: ProgramPath.TPM_FEEDBACK,
      body: '{"redeem_code":"PRAT-FAKE-0001","sequence":999,"scope":"uk","notes":"Bagus sekali — lanjutkan ✓"}',
    },
    {
      name: 'slashes-and-ampersands-unescaped',
      description:
        'A redirect_uri with "/" and "&" signed and sent as is (PHP json_encode would write \\/, Go json.Marshal \\u0026).',
      clientCode: 'lp_fake_client',
      timestamp: 1763967600,
      path: ProgramPath.URL_GENERATE,
      body: '{"redeem_code":"PRAT-FAKE-0001","redirect_uri":"https://lp.example/callback?a=1&b=2","email":"peserta@example.com","sequence":1}',
    },
    {
      name: 'unicode-escaped-body',
      description:
        'The same kind of text written with \\u escapes (Python json.dumps, PHP json_encode defaults): the bytes differ from the UTF-8 form, so sign exactly the escaped bytes you send.',
      clientCode: 'lp_fake_client',
      timestamp: 1763967600,
      path: ProgramPath.TPM_FEEDBACK,
      body: '{"redeem_code":"PRAT-FAKE-0001","sequence":999,"scope":"uk","notes":"Bagus sekali \\u2014 lanjutkan \\u2713"}',
    },
    {
      name: 'slashes-escaped-as-sent',
      description:
        'PHP json_encode output with "\\/" escapes, signed and sent byte for byte: valid, because the signed bytes are the sent bytes.',
      clientCode: 'lp_fake_client',
      timestamp: 1763967600,
      path: ProgramPath.URL_GENERATE,
      body: '{"redeem_code":"PRAT-FAKE-0001","redirect_uri":"https:\\/\\/lp.example\\/callback?a=1&b=2","email":"peserta@example.com","sequence":1}',
    },
    {
      name: 'body-with-spaces-as-sent',
      description:
        'A body with spaces after ":" and "," (json.dumps default), signed and sent byte for byte: valid. Compact JSON is safest, but what counts is that the signed bytes are the sent bytes.',
      ...worked,
      body: '{"redeem_code": "GHOPNYXUVMT0", "sequence": 1}',
    },
    {
      name: 'empty-body',
      description: 'A request without a body: body_payload is the empty string.',
      clientCode: 'dp_fake_client',
      timestamp: 1763967600,
      path: ProgramPath.PAYMENT_STATUS,
      body: '',
    },
    {
      name: 'empty-object-body',
      description: 'A body that is the empty JSON object: body_payload is the two characters {}.',
      clientCode: 'dp_fake_client',
      timestamp: 1763967600,
      path: ProgramPath.PAYMENT_STATUS,
      body: '{}',
    },
    {
      name: 'authorize-without-authorization-in-raw-signature',
      description:
        'payment/authorize signed as the portal documents it: the Authorization header is not part of raw_signature.',
      clientCode: 'dp_fake_client',
      timestamp: 1763967600,
      path: ProgramPath.AUTHORIZE,
      body: '{"otp":"123456","invoice_url":"https://dp.example/invoice/INV-FAKE-1","invoice_code":"INV-FAKE-1"}',
      authorization: 'Payment tok_fake_0001',
    },
    {
      name: 'authorize-with-authorization-in-raw-signature',
      description:
        'payment/authorize signed as the official Go helper does: the Authorization header value sits between path and body in raw_signature (UNCERTAIN: the program portal leaves it out; see "Signing" in the prakerja-kit docs).',
      clientCode: 'dp_fake_client',
      timestamp: 1763967600,
      path: ProgramPath.AUTHORIZE,
      body: '{"otp":"123456","invoice_url":"https://dp.example/invoice/INV-FAKE-1","invoice_code":"INV-FAKE-1"}',
      authorization: 'Payment tok_fake_0001',
      signAuthorization: true,
    },
    {
      name: 'body-reordered',
      description:
        'The client signed {"redeem_code":…,"sequence":1} but sent the keys in another order.',
      ...worked,
      body: '{"sequence":1,"redeem_code":"GHOPNYXUVMT0"}',
      fault: { code: 'body-reordered', signature: hex(workedRaw(worked.path)) },
    },
    {
      name: 'body-reserialised-with-spaces',
      description: 'The client signed json.dumps output (with spaces) but sent compact JSON.',
      ...worked,
      fault: {
        code: 'body-reserialised',
        signature: hex(workedRaw(worked.path, '{"redeem_code": "GHOPNYXUVMT0", "sequence": 1}')),
      },
    },
    {
      name: 'body-tampered',
      description: 'The body was changed after signing (sequence 1 became 2).',
      ...worked,
      body: '{"redeem_code":"GHOPNYXUVMT0","sequence":2}',
      fault: { code: 'body-tampered', signature: hex(workedRaw(worked.path)) },
    },
    {
      name: 'path-with-host',
      description: 'The client signed the full URL instead of the path.',
      ...worked,
      fault: {
        code: 'path-with-host',
        signature: hex(workedRaw(`https://api.prakerja.go.id${worked.path}`)),
      },
    },
    {
      name: 'path-with-query',
      description:
        'The request has a query string and the client signed it; only the path is signed.',
      ...worked,
      fault: {
        code: 'path-with-query',
        target: `${worked.path}?lang=id`,
        signature: hex(workedRaw(`${worked.path}?lang=id`)),
      },
    },
    {
      name: 'uppercase-hex',
      description: 'The right HMAC, written in upper-case hex; the program uses lower-case.',
      ...worked,
      fault: { code: 'uppercase-hex', signature: hex(workedRaw(worked.path)).toUpperCase() },
    },
    {
      name: 'wrong-key',
      description: 'Signed with another key (another client or environment).',
      ...worked,
      fault: { code: 'wrong-key', signature: hex(workedRaw(worked.path), 'another_sign_key') },
    },
    {
      name: 'timestamp-skew',
      description: `A correct signature whose timestamp is one hour before the receiver's clock (tolerance ${tolerance} s).`,
      ...worked,
      now: worked.timestamp + 3600,
      fault: { code: 'timestamp-skew' },
    },
    {
      name: 'timestamp-mismatch',
      description: 'The timestamp header is one second later than the timestamp that was signed.',
      ...worked,
      fault: { code: 'timestamp-mismatch', headerTimestamp: worked.timestamp + 1 },
    },
  ];
  return cases.map(programVector);
}
