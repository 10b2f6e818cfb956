import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebhookVerificationError } from '@prakerja-kit/webhooks';
import { verifyEnvelopeSync } from '@prakerja-kit/webhooks/node';
import { Webhook } from 'standardwebhooks';
import { beforeAll, expect, it } from 'vitest';
import { type ConformanceVectors, createVectors } from '../src/index.js';
import { ensureBuilt, runBin } from './helpers/built-bin.js';

let vectors: ConformanceVectors;

beforeAll(async () => {
  await ensureBuilt();
  const result = await runBin(['vectors']);
  expect(result.code).toBe(0);
  vectors = JSON.parse(result.stdout);
}, 120_000);

/** A strict program-scheme verifier written from program-api.md §3, independent of the SDK. */
function verifyProgram(vector: ConformanceVectors['program']['vectors'][number]): boolean {
  const { request } = vector;
  const path = request.path.split('?')[0]!;
  const timestamp = request.headers['timestamp']!;
  const authorization = vector.authorization_in_raw_signature
    ? (request.headers['authorization'] ?? '')
    : '';
  const raw = `${request.headers['client_code']}${timestamp}${request.method}${path}${authorization}${request.body}`;
  expect([vector.name, raw]).toEqual([vector.name, vector.raw_signature]);
  const expected = createHmac('sha1', vector.sign_key).update(raw).digest('hex');
  const fresh =
    Math.abs(vector.now - Number(timestamp)) <= vectors.program.timestamp_tolerance_seconds;
  return expected === request.headers['signature'] && fresh;
}

it('includes the official test vector of the program example repository', () => {
  const official = vectors.program.vectors.find(
    (each) => each.name === 'official-example-repository',
  );
  expect(official).toMatchObject({
    valid: true,
    sign_key: 'my_sign_key',
    raw_signature:
      'myclient_code1516239022POST/api/v1/integration/payment/redeem-code/commit{"redeem_code":"code"}',
    expected_signature: '943c20a8e36b6243f576404b00fffdc86411ce1f',
  });
});

it('marks exactly the program vectors an independent strict verifier accepts as valid', () => {
  for (const vector of vectors.program.vectors) {
    expect([vector.name, verifyProgram(vector)]).toEqual([vector.name, vector.valid]);
    if (vector.valid) expect(vector.request.headers['signature']).toBe(vector.expected_signature);
  }
  const faults = vectors.program.vectors.flatMap((each) => (each.fault ? [each.fault] : []));
  for (const fault of [
    'timestamp-skew',
    'path-with-host',
    'path-with-query',
    'body-reserialised',
    'body-reordered',
    'uppercase-hex',
    'wrong-key',
  ]) {
    expect(faults).toContain(fault);
  }
});

it('marks exactly the event vectors the standardwebhooks library accepts as valid', () => {
  for (const vector of vectors.events.vectors) {
    const webhook = new Webhook(vector.secret);
    const realNow = Date.now;
    Date.now = () => vector.now * 1000;
    let accepted: boolean;
    try {
      webhook.verify(vector.request.body, vector.request.headers);
      accepted = true;
    } catch {
      accepted = false;
    } finally {
      Date.now = realNow;
    }
    expect([vector.name, accepted]).toEqual([vector.name, vector.valid]);
  }
});

it('marks exactly the event vectors whose signature @prakerja-kit/webhooks accepts as valid', () => {
  for (const vector of vectors.events.vectors) {
    let accepted: boolean;
    try {
      verifyEnvelopeSync({
        payload: vector.request.body,
        headers: vector.request.headers,
        secret: vector.secret,
        now: () => vector.now * 1000,
      });
      accepted = true;
    } catch (error) {
      // The specification's example body is not a prakerja-kit envelope: only the later
      // envelope check fails, after the signature and timestamp passed.
      accepted = error instanceof WebhookVerificationError && error.check === 'event';
    }
    expect([vector.name, accepted]).toEqual([vector.name, vector.valid]);
  }
});

it('is deterministic and writes the same document to a file', async () => {
  const again = await runBin(['vectors']);
  expect(JSON.parse(again.stdout)).toEqual(vectors);
  const directory = mkdtempSync(join(tmpdir(), 'prakerja-vectors-'));
  const file = join(directory, 'vectors.json');
  const written = await runBin(['vectors', '--scheme', 'program', '--out', file, '--json']);
  expect(written.code).toBe(0);
  expect(JSON.parse(written.stdout)).toMatchObject({
    ok: true,
    vectors: vectors.program.vectors.length,
  });
  const document = JSON.parse(readFileSync(file, 'utf8'));
  expect(document.events).toBeUndefined();
  expect(document.program).toEqual(vectors.program);
});

it('matches the committed vectors file shipped in the package (regenerate with pnpm vectors)', () => {
  const committed = readFileSync(
    new URL('../vectors/conformance-vectors.json', import.meta.url),
    'utf8',
  );
  expect(committed).toBe(`${JSON.stringify(createVectors(), null, 2)}\n`);
  expect(JSON.parse(committed)).toEqual(vectors);
});
