import { ConfigurationError } from '@prakerja-kit/core';
import { expect, test } from 'vitest';
import { FAKE_CREDENTIALS, fakeClient, ok, statusData } from '../test/support/fake-program.js';
import { createProviderClient } from './client.js';

function configurationError(options: object): ConfigurationError | undefined {
  try {
    createProviderClient({ ...FAKE_CREDENTIALS, env: {}, ...options });
  } catch (caught) {
    expect(caught).toBeInstanceOf(ConfigurationError);
    return caught as ConfigurationError;
  }
  return undefined;
}

test.each([
  ['short', 'too-short-secret'],
  ['whitespace', ' '.repeat(40)],
  ['repeated', 'a'.repeat(64)],
  ['low-diversity', 'abababababababababababababababababababab'],
  ['low-diversity hex', '00112233445566770011223344556677'],
])(
  'a %s state secret is refused, naming PRAKERJA_STATE_SECRET and never showing it',
  (_kind, secret) => {
    const error = configurationError({ stateSecret: secret });
    expect(error?.field).toBe('stateSecret');
    expect(error?.message).toContain('PRAKERJA_STATE_SECRET');
    expect(error?.message).toMatch(
      /at least 32 characters with an estimated entropy of at least 128 bits/,
    );
    expect(error?.message).not.toContain(secret);
    const fromEnv = configurationError({ env: { PRAKERJA_STATE_SECRET: secret } });
    expect(fromEnv?.field).toBe('stateSecret');
    expect(fromEnv?.message).not.toContain(secret);
  },
);

test('one weak secret in a rotation list is refused and pointed at by position', () => {
  const error = configurationError({
    stateSecret: ['Zq3v9Lk2Xw7Pn4Rt8Ys1Bm6Hc5Jd0Fg_-AaEe', 'x'.repeat(40)],
  });
  expect(error?.message).toContain('stateSecret #2 of 2');
  expect(configurationError({ stateSecret: [] })?.message).toContain('empty list');
});

test('random secrets of the documented forms are accepted', () => {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  for (const secret of [
    Buffer.from(bytes).toString('base64'),
    Buffer.from(bytes).toString('hex'),
    Buffer.from(bytes).toString('base64url'),
  ]) {
    expect(configurationError({ stateSecret: secret })).toBeUndefined();
  }
});

test.each([0, -1, 1.5, 86_401, Number.NaN, '60'])(
  'stateTtlSeconds %s is refused, naming the option, the range and what was received',
  (ttl) => {
    const error = configurationError({ stateTtlSeconds: ttl });
    expect(error?.field).toBe('stateTtlSeconds');
    expect(error?.message).toContain('from 1 to 86400');
    expect(error?.message).toContain(typeof ttl === 'number' ? String(ttl) : 'a string');
  },
);

test('stateTtlSeconds 1 and 86400 are accepted', () => {
  expect(configurationError({ stateTtlSeconds: 1 })).toBeUndefined();
  expect(configurationError({ stateTtlSeconds: 86_400 })).toBeUndefined();
});

test('the state secret comes from PRAKERJA_STATE_SECRET when not passed', async () => {
  const env = { PRAKERJA_STATE_SECRET: 'env-state-secret-0123456789abcdefghij' };
  const make = (extra: object) =>
    fakeClient(() => ok({ url: 'https://verify.program.test/v' }), {
      stateSecret: undefined,
      env,
      ...extra,
    }).client;
  const { state } = await make({}).attendance.createVerificationUrl({
    redeemCode: 'PRAT-AAAAAA',
    email: 'a@b.co',
  });
  const other = make({ stateSecret: 'a-different-secret-0123456789abcdefgh' });
  expect(
    await other.attendance.confirm({ state, email: 'a@b.co', redeemCode: 'PRAT-AAAAAA' }),
  ).toMatchObject({ reason: 'invalid_state' });
});

test('without a state secret one is derived from the sign key, never the key itself', async () => {
  const make = (signKey: string) =>
    fakeClient(
      (request) =>
        request.url.pathname.endsWith('/url-generate')
          ? ok({ url: 'https://verify.program.test/v' })
          : ok(statusData('PRAT-AAAAAA', 1, 1)),
      { stateSecret: undefined, signKey },
    ).client;
  const { state } = await make('sk_fake_key_one').attendance.createVerificationUrl({
    redeemCode: 'PRAT-AAAAAA',
    email: 'a@b.co',
  });
  expect(state).not.toContain('sk_fake_key_one');
  const participant = { state, email: 'a@b.co', redeemCode: 'PRAT-AAAAAA' };
  expect((await make('sk_fake_key_two').attendance.confirm(participant)).outcome).toBe('rejected');
  expect(await make('sk_fake_key_one').attendance.confirm(participant)).toMatchObject({
    outcome: 'verified',
  });
});
