import { ProgramPath } from '@prakerja-kit/core';
import { buildRawSignature, createSignature } from '@prakerja-kit/core/signature';
import { sign } from '@prakerja-kit/webhooks';
import { modelledDigest } from './internal/modelled-digests.js';

/** One program-scheme case: a captured request, the key, and whether a verifier must accept it. */
export interface ProgramVector {
  /** Short unique name. */
  name: string;
  /** Where the case comes from or what it tests. */
  description: string;
  /** True when a correct verifier accepts the request. */
  valid: boolean;
  /** For invalid cases, the fault `prakerja doctor` names (e.g. `body-reordered`). */
  fault?: string;
  /** The key the receiver verifies with (a fake value). */
  sign_key: string;
  /** The receiver's clock, Unix seconds, for the timestamp tolerance. */
  now: number;
  /** The request as sent: `path` is the request target (a query, if any, is not signed). */
  request: {
    method: string;
    path: string;
    headers: Record<string, string>;
    body: string;
  };
  /** The `raw_signature` a correct verifier builds for this request. */
  raw_signature: string;
  /** The signature a correct signer produces for this request (lower-case hex). */
  expected_signature: string;
}

/** One event-scheme (Standard Webhooks) case. */
export interface EventVector {
  /** Short unique name. */
  name: string;
  /** Where the case comes from or what it tests. */
  description: string;
  /** True when a correct verifier accepts the delivery. */
  valid: boolean;
  /** For invalid cases, what is wrong (e.g. `payload-tampered`). */
  fault?: string;
  /** The receiver's secret (`whsec_<base64>`, a fake value). */
  secret: string;
  /** The receiver's clock, Unix seconds. */
  now: number;
  /** The delivery as received. */
  request: { headers: Record<string, string>; body: string };
  /** `{webhook-id}.{webhook-timestamp}.{body}` of the request as received. */
  signed_content: string;
  /** The `webhook-signature` a correct signer produces for this request with `secret`. */
  expected_signature: string;
}

/** The document `prakerja vectors` prints. */
export interface ConformanceVectors {
  /** Always `prakerja-kit.conformance-vectors`. */
  format: 'prakerja-kit.conformance-vectors';
  /** Format version; bumped on incompatible changes. */
  version: 1;
  /** The program's request-signing scheme. */
  program: {
    description: string;
    timestamp_tolerance_seconds: number;
    vectors: ProgramVector[];
  };
  /** The SDK's event deliveries (Standard Webhooks). */
  events: {
    description: string;
    timestamp_tolerance_seconds: number;
    vectors: EventVector[];
  };
}

const TOLERANCE = 300;
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
  };
  const expected = createSignature({ ...canonical, signKey: KEY });
  const sentSignature =
    fault?.signature ?? createSignature({ ...canonical, timestamp: spec.timestamp, signKey: KEY });
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
    sign_key: KEY,
    now: spec.now ?? spec.timestamp,
    request: { method, path: fault?.target ?? spec.path, headers, body: spec.body },
    raw_signature: buildRawSignature(canonical),
    expected_signature: expected,
  };
}

function hex(message: string, key = KEY): string {
  return modelledDigest('hmac-sha1', key, message).toString('hex');
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

function programVectors(): ProgramVector[] {
  const cases: ProgramCase[] = [
    {
      name: 'official-example-repository',
      description:
        'The test vector of the program example repository (prakerja-dev/example-api-redeem-course), asserted in every language folder: signature 943c20a8e36b6243f576404b00fffdc86411ce1f.',
      ...official,
    },
    {
      name: 'official-example-fork-variant-body',
      description:
        'The same vector with the body {"code":"code"} found in forks of the example repository.',
      ...official,
      body: '{"code":"code"}',
    },
    {
      name: 'developer-portal-worked-example',
      description:
        'The raw_signature worked on developer.prakerja.go.id/generate-signature, signed with my_sign_key.',
      ...worked,
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
      description: `A correct signature whose timestamp is one hour before the receiver's clock (tolerance ${TOLERANCE} s).`,
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

const SPEC_SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const SECRET = `whsec_${Buffer.from('prakerja-kit test vector secret!').toString('base64')}`;
const OLD_SECRET = `whsec_${Buffer.from('prakerja-kit rotated-out secret!').toString('base64')}`;

interface EventCase {
  name: string;
  description: string;
  id: string;
  timestamp: number;
  body: string;
  secret?: string;
  now?: number;
  fault?: { code: string; signature?: string; body?: string; id?: string };
}

function eventVector(spec: EventCase): EventVector {
  const secret = spec.secret ?? SECRET;
  const id = spec.fault?.id ?? spec.id;
  const body = spec.fault?.body ?? spec.body;
  const signed = sign({ id: spec.id, timestamp: spec.timestamp, payload: spec.body, secret });
  return {
    name: spec.name,
    description: spec.description,
    valid: spec.fault === undefined,
    ...(spec.fault ? { fault: spec.fault.code } : {}),
    secret,
    now: spec.now ?? spec.timestamp,
    request: {
      headers: {
        'content-type': JSON_TYPE,
        'webhook-id': id,
        'webhook-timestamp': String(spec.timestamp),
        'webhook-signature': spec.fault?.signature ?? signed,
      },
      body,
    },
    signed_content: `${id}.${spec.timestamp}.${body}`,
    expected_signature: sign({ id, timestamp: spec.timestamp, payload: body, secret }),
  };
}

const event = {
  id: 'evt_01KAVT0000FAKEVECT0R00001',
  timestamp: 1763967600,
  body: JSON.stringify({
    id: 'evt_01KAVT0000FAKEVECT0R00001',
    type: 'payment.authorized',
    created_at: '2025-11-24T07:00:00.000Z',
    data: {
      invoice_code: 'INV-FAKE-1',
      transaction_code: 'TRX-FAKE-0001',
      amount: 1500000,
      course_code: 'COURSE-FAKE-1',
      schedule_code: 'SCHED-FAKE-1',
      authorized_at: '2025-11-24T07:00:00.000Z',
    },
  }),
};

function eventVectors(): EventVector[] {
  const cases: EventCase[] = [
    {
      name: 'standard-webhooks-specification',
      description: 'The reference example of the Standard Webhooks specification.',
      id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
      timestamp: 1614265330,
      body: '{"test": 2432232314}',
      secret: SPEC_SECRET,
    },
    {
      name: 'payment-authorized',
      description: 'A prakerja-kit payment.authorized event.',
      ...event,
    },
    {
      name: 'secret-rotation-two-signatures',
      description:
        'Two space-separated signatures (old and new secret) during a rotation; one valid signature is enough.',
      ...event,
    },
    {
      name: 'payload-tampered',
      description: 'The body was changed after signing (amount).',
      ...event,
      fault: { code: 'payload-tampered', body: event.body.replace('1500000', '9500000') },
    },
    {
      name: 'body-reserialised',
      description:
        'The receiver parsed and re-serialised the body before verifying; verify the raw bytes.',
      ...event,
      fault: { code: 'body-reserialised', body: JSON.stringify(JSON.parse(event.body), null, 2) },
    },
    {
      name: 'wrong-secret',
      description: 'Signed with another secret.',
      ...event,
      fault: {
        code: 'wrong-secret',
        signature: sign({
          id: event.id,
          timestamp: event.timestamp,
          payload: event.body,
          secret: OLD_SECRET,
        }),
      },
    },
    {
      name: 'timestamp-too-old',
      description: `Signed correctly, received ${TOLERANCE + 1} s later than the tolerance allows.`,
      ...event,
      now: event.timestamp + TOLERANCE + 1,
      fault: { code: 'timestamp-too-old' },
    },
    {
      name: 'timestamp-too-new',
      description: 'Signed correctly with a timestamp in the future beyond the tolerance.',
      ...event,
      now: event.timestamp - TOLERANCE - 1,
      fault: { code: 'timestamp-too-new' },
    },
    {
      name: 'id-mismatch',
      description: 'The webhook-id header is not the id that was signed.',
      ...event,
      fault: { code: 'id-mismatch', id: 'evt_01KAVT0000FAKEVECT0R00002' },
    },
    {
      name: 'unknown-signature-version',
      description: 'Only a v2 signature: no v1 signature to check, so the delivery is rejected.',
      ...event,
      fault: {
        code: 'unknown-signature-version',
        signature: sign({
          id: event.id,
          timestamp: event.timestamp,
          payload: event.body,
          secret: SECRET,
        }).replace('v1,', 'v2,'),
      },
    },
  ];
  return cases.map((spec) => {
    const vector = eventVector(spec);
    if (spec.name === 'secret-rotation-two-signatures') {
      const old = sign({
        id: spec.id,
        timestamp: spec.timestamp,
        payload: spec.body,
        secret: OLD_SECRET,
      });
      vector.request.headers['webhook-signature'] = `${old} ${vector.expected_signature}`;
    }
    return vector;
  });
}

/**
 * Builds the conformance vectors for both signing schemes: the program's (HMAC-SHA1 request
 * signatures, including the official test vector) and the SDK's event deliveries (Standard
 * Webhooks, including the specification's example), with negative cases for verifiers.
 *
 * Deterministic: fixed fake keys and times, so the output can be committed and diffed. A signer
 * passes when it reproduces `expected_signature` of every vector; a verifier passes when it
 * accepts exactly the vectors marked `valid`, with its clock set to `now`.
 *
 * @example
 * const vectors = createVectors();
 * vectors.program.vectors[0].expected_signature; // '943c20a8e36b6243f576404b00fffdc86411ce1f'
 */
export function createVectors(): ConformanceVectors {
  return {
    format: 'prakerja-kit.conformance-vectors',
    version: 1,
    program: {
      description:
        'raw_signature = client_code + timestamp + METHOD + path + body (no separators; path without host or query; body exactly as sent); signature = lower-case hex HMAC-SHA1(sign_key, raw_signature), sent in the headers client_code, timestamp (Unix seconds) and signature. The tolerance is an SDK assumption: the program does not document one.',
      timestamp_tolerance_seconds: TOLERANCE,
      vectors: programVectors(),
    },
    events: {
      description:
        'Standard Webhooks: webhook-signature = "v1," + base64 HMAC-SHA256(base64-decoded secret after "whsec_", "{webhook-id}.{webhook-timestamp}.{body}"); several space-separated signatures may be sent, one valid v1 signature is enough; verify the raw body bytes.',
      timestamp_tolerance_seconds: TOLERANCE,
      vectors: eventVectors(),
    },
  };
}
