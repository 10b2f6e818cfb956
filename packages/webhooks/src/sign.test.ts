import { createHmac } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { generateSecret } from './generate-secret.js';
import { hmacSignature as webSignature } from './internal/crypto.web.js';
import { sign } from './sign.js';
import { signSync } from './sync.js';

const SECRET = `whsec_${Buffer.from('fake-secret-for-tests-only').toString('base64')}`;
const OTHER_SECRET = `whsec_${Buffer.from('another-fake-secret-for-tests').toString('base64')}`;
const ID = 'evt_01JFAKE0000000000000000000';
const TIMESTAMP = 1_763_967_600;
const PAYLOAD = '{"id":"evt_01JFAKE0000000000000000000","type":"payment.voided"}';

describe('sign', () => {
  it('returns v1 and the base64 HMAC-SHA256 of "{id}.{timestamp}.{payload}" keyed with the secret bytes', async () => {
    const expected = createHmac('sha256', Buffer.from('fake-secret-for-tests-only'))
      .update(`${ID}.${TIMESTAMP}.${PAYLOAD}`)
      .digest('base64');
    expect(await sign({ id: ID, timestamp: TIMESTAMP, payload: PAYLOAD, secret: SECRET })).toBe(
      `v1,${expected}`,
    );
  });

  it('matches the standardwebhooks package byte for byte', async () => {
    const theirs = new Webhook(SECRET).sign(ID, new Date(TIMESTAMP * 1000), PAYLOAD);
    expect(await sign({ id: ID, timestamp: TIMESTAMP, payload: PAYLOAD, secret: SECRET })).toBe(
      theirs,
    );
  });

  it('signs the bytes of a payload given as a Uint8Array the same as the string', async () => {
    const bytes = new TextEncoder().encode(`${PAYLOAD}é`);
    expect(await sign({ id: ID, timestamp: TIMESTAMP, payload: bytes, secret: SECRET })).toBe(
      await sign({ id: ID, timestamp: TIMESTAMP, payload: `${PAYLOAD}é`, secret: SECRET }),
    );
  });

  it('emits one space-separated signature per secret during a rotation', async () => {
    const both = await sign({
      id: ID,
      timestamp: TIMESTAMP,
      payload: PAYLOAD,
      secret: [SECRET, OTHER_SECRET],
    });
    const first = await sign({ id: ID, timestamp: TIMESTAMP, payload: PAYLOAD, secret: SECRET });
    const second = await sign({
      id: ID,
      timestamp: TIMESTAMP,
      payload: PAYLOAD,
      secret: OTHER_SECRET,
    });
    expect(both).toBe(`${first} ${second}`);
  });

  it('agrees with the WebCrypto backend for strings and bytes', async () => {
    const web = await webSignature(SECRET, ID, String(TIMESTAMP), PAYLOAD);
    const webBytes = await webSignature(
      SECRET,
      ID,
      String(TIMESTAMP),
      new TextEncoder().encode(PAYLOAD),
    );
    const node = await sign({ id: ID, timestamp: TIMESTAMP, payload: PAYLOAD, secret: SECRET });
    expect(`v1,${web}`).toBe(node);
    expect(`v1,${webBytes}`).toBe(node);
  });

  it.each([
    ['an empty id', { id: '' }, /id must be/],
    ['a timestamp in milliseconds with a fraction', { timestamp: 1.5 }, /timestamp must be/],
    ['a negative timestamp', { timestamp: -1 }, /timestamp must be/],
    ['a parsed object as payload', { payload: { a: 1 } as unknown as string }, /payload must be/],
    ['no secret at all', { secret: [] }, /secret must be/],
    ['a secret without the whsec_ prefix', { secret: 'fake-secret' }, /whsec_/],
    ['a secret that is not base64', { secret: 'whsec_not base64!' }, /base64/],
    ['a secret with an impossible base64 length', { secret: 'whsec_abcde' }, /base64/],
  ])('refuses %s with a TypeError that names the field', async (_label, patch, message) => {
    const params = { id: ID, timestamp: TIMESTAMP, payload: PAYLOAD, secret: SECRET, ...patch };
    const pending = sign(params);
    expect(pending).toBeInstanceOf(Promise);
    await expect(pending).rejects.toThrow(message);
    await expect(sign(params)).rejects.toThrow(TypeError);
    expect(() => signSync(params)).toThrow(message);
    expect(() => signSync(params)).toThrow(TypeError);
  });

  it('never echoes a malformed secret in its error message', async () => {
    const secret = 'whsec_not-a-real-secret-but-private!';
    await expect(sign({ id: ID, timestamp: TIMESTAMP, payload: PAYLOAD, secret })).rejects.toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('private') }),
    );
  });
});

describe('signSync (Node entry)', () => {
  it('returns the string sign resolves to, for one secret and for a rotation', async () => {
    for (const secret of [SECRET, [SECRET, OTHER_SECRET]]) {
      const params = { id: ID, timestamp: TIMESTAMP, payload: PAYLOAD, secret };
      expect(signSync(params)).toBe(await sign(params));
    }
  });
});

describe('generateSecret', () => {
  it('returns a fresh whsec_ secret of 32 random bytes that sign accepts', async () => {
    const first = generateSecret();
    const second = generateSecret();
    expect(first).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(first.slice(6), 'base64')).toHaveLength(32);
    expect(first).not.toBe(second);
    expect(await sign({ id: ID, timestamp: TIMESTAMP, payload: PAYLOAD, secret: first })).toMatch(
      /^v1,/,
    );
  });
});
