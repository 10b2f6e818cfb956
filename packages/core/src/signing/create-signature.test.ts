import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildRawSignature } from './build-raw-signature.js';
import {
  createSignature as createSignatureNode,
  createSignatureSync,
} from './create-signature.node.js';
import { createSignature as createSignatureWeb } from './create-signature.web.js';
import { serializeBody } from './serialize-body.js';

// program-api.md §3: the official test vector, asserted in every language folder of the
// program's example repository.
const OFFICIAL = {
  clientCode: 'myclient_code',
  signKey: 'my_sign_key',
  timestamp: 1516239022,
  method: 'POST',
  path: '/api/v1/integration/payment/redeem-code/commit',
  body: '{"redeem_code":"code"}',
} as const;

// program-api.md §3: the generate-signature page's worked example, digest computed with my_sign_key.
const WORKED = {
  clientCode: 'client_code',
  signKey: 'my_sign_key',
  timestamp: 1698289216,
  method: 'POST',
  path: '/api/v1/integration/payment/redeem-code/status',
  body: '{"redeem_code":"GHOPNYXUVMT0","sequence":1}',
} as const;

const implementations = [
  ['node:crypto', createSignatureNode],
  [
    'node:crypto, createSignatureSync',
    async (params: Parameters<typeof createSignatureSync>[0]) => createSignatureSync(params),
  ],
  ['WebCrypto', createSignatureWeb],
] as const;

describe.each(implementations)('createSignature (%s)', (_name, sign) => {
  it('reproduces the official test vector', async () => {
    expect(await sign(OFFICIAL)).toBe('943c20a8e36b6243f576404b00fffdc86411ce1f');
  });

  it('reproduces the variant body of the example forks', async () => {
    expect(await sign({ ...OFFICIAL, body: '{"code":"code"}' })).toBe(
      'd46b59b221335976b46eafb752035a1172a8beb2',
    );
  });

  it("reproduces the doc's worked example", async () => {
    expect(await sign(WORKED)).toBe('ab176812770ce5336cccabdf045a84292493ec72');
  });

  it('emits 40 lower-case hex characters', async () => {
    expect(await sign(WORKED)).toMatch(/^[0-9a-f]{40}$/);
  });

  it('upper-cases the method before signing', async () => {
    expect(await sign({ ...OFFICIAL, method: 'post' })).toBe(await sign(OFFICIAL));
  });

  it('accepts the timestamp as a string of digits', async () => {
    expect(await sign({ ...OFFICIAL, timestamp: '1516239022' })).toBe(await sign(OFFICIAL));
  });

  it('rejects an empty sign key without echoing anything', async () => {
    await expect(async () => sign({ ...OFFICIAL, signKey: '' })).rejects.toThrow(
      'signKey must be a non-empty string',
    );
  });

  it('signs the Authorization value between path and body only when asked', async () => {
    const authorization = 'Payment tok_fake_123';
    const without = await sign({ ...OFFICIAL, authorization });
    const withAuthorization = await sign({ ...OFFICIAL, authorization, signAuthorization: true });
    expect(without).toBe(await sign(OFFICIAL));
    const expected = createHmac('sha1', OFFICIAL.signKey)
      .update(
        `${OFFICIAL.clientCode}${OFFICIAL.timestamp}POST${OFFICIAL.path}${authorization}${OFFICIAL.body}`,
      )
      .digest('hex');
    expect(withAuthorization).toBe(expected);
  });
});

describe('buildRawSignature', () => {
  it("builds the doc's worked raw_signature exactly", () => {
    expect(buildRawSignature(WORKED)).toBe(
      'client_code1698289216POST/api/v1/integration/payment/redeem-code/status{"redeem_code":"GHOPNYXUVMT0","sequence":1}',
    );
  });

  it('uses an empty string when signAuthorization is set without a value', () => {
    expect(buildRawSignature({ ...OFFICIAL, signAuthorization: true })).toBe(
      buildRawSignature(OFFICIAL),
    );
  });

  it.each([
    ['clientCode', { clientCode: '' }, /clientCode/],
    ['clientCode type', { clientCode: 42 as unknown as string }, /clientCode/],
    ['timestamp in milliseconds', { timestamp: 1516239022000.5 }, /timestamp/],
    ['timestamp text', { timestamp: 'yesterday' }, /timestamp/],
    ['method', { method: 'PO ST' }, /method/],
    ['method type', { method: 1 as unknown as string }, /method/],
    ['path with host', { path: 'https://api.prakerja.go.id/api/v1/x' }, /path/],
    ['path with query', { path: '/api/v1/x?a=1' }, /path/],
    ['path with fragment', { path: '/api/v1/x#a' }, /path/],
    ['path type', { path: undefined as unknown as string }, /path/],
    ['body object', { body: { a: 1 } as unknown as string }, /body/],
  ])('rejects a bad %s with a message naming the field', (_label, patch, message) => {
    expect(() => buildRawSignature({ ...OFFICIAL, ...patch })).toThrow(message);
  });
});

describe('serializeBody', () => {
  it('serialises objects compactly in insertion order', () => {
    expect(serializeBody({ redeem_code: 'GHOPNYXUVMT0', sequence: 1 })).toBe(WORKED.body);
  });

  it('sends no body as an empty string and passes strings through', () => {
    expect(serializeBody(undefined)).toBe('');
    expect(serializeBody('{"a": 1}')).toBe('{"a": 1}');
  });
});

describe('signature properties', () => {
  const params = fc.record({
    clientCode: fc.stringMatching(/^[\x21-\x7e]{1,24}$/),
    signKey: fc.string({ minLength: 1, maxLength: 64 }),
    timestamp: fc.integer({ min: 0, max: 2 ** 33 }),
    method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE'),
    path: fc.stringMatching(/^\/[A-Za-z0-9/_.-]{0,60}$/),
    body: fc.json(),
  });

  it('round-trips: any body, time and path signs to the HMAC of the concatenation', () => {
    fc.assert(
      fc.property(params, (p) => {
        const expected = createHmac('sha1', p.signKey)
          .update(p.clientCode + p.timestamp + p.method + p.path + p.body)
          .digest('hex');
        expect(createSignatureSync(p)).toBe(expected);
      }),
    );
  });

  it('node:crypto and WebCrypto agree on every input', async () => {
    await fc.assert(
      fc.asyncProperty(params, async (p) => {
        expect(await createSignatureWeb(p)).toBe(createSignatureSync(p));
      }),
      { numRuns: 200 },
    );
  });

  it('any single changed byte of the body, path or client code changes the signature', () => {
    fc.assert(
      fc.property(
        params,
        fc.constantFrom('body', 'path', 'clientCode') as fc.Arbitrary<
          'body' | 'path' | 'clientCode'
        >,
        fc.nat(),
        fc.integer({ min: 0x21, max: 0x7e }),
        (p, field, position, replacement) => {
          const original = p[field];
          const index = position % original.length;
          const char = String.fromCharCode(replacement);
          fc.pre(original[index] !== char && !(field === 'path' && index === 0));
          fc.pre(!(field === 'path' && (char === '?' || char === '#')));
          const changed = original.slice(0, index) + char + original.slice(index + 1);
          expect(createSignatureSync({ ...p, [field]: changed })).not.toBe(createSignatureSync(p));
        },
      ),
    );
  });

  it('a different timestamp or key changes the signature', () => {
    fc.assert(
      fc.property(params, fc.integer({ min: 1, max: 10_000 }), (p, delta) => {
        expect(createSignatureSync({ ...p, timestamp: p.timestamp + delta })).not.toBe(
          createSignatureSync(p),
        );
        expect(createSignatureSync({ ...p, signKey: `${p.signKey}x` })).not.toBe(
          createSignatureSync(p),
        );
      }),
    );
  });
});

describe('createSignature on Node', () => {
  it('returns a promise, and rejects (never throws) for an empty sign key', async () => {
    const signed = createSignatureNode(OFFICIAL);
    expect(signed).toBeInstanceOf(Promise);
    expect(await signed).toBe(createSignatureSync(OFFICIAL));
    const refused = createSignatureNode({ ...OFFICIAL, signKey: '' });
    expect(refused).toBeInstanceOf(Promise);
    await expect(refused).rejects.toThrow(TypeError);
  });
});
