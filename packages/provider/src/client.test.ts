import { ConfigurationError } from '@prakerja-kit/core';
import { expect, test } from 'vitest';
import { FAKE_CREDENTIALS, fakeClient, ok, statusData } from '../test/support/fake-program.js';
import { createProviderClient } from './client.js';

test('a short state secret is refused without showing it', () => {
  const error = (() => {
    try {
      createProviderClient({ ...FAKE_CREDENTIALS, stateSecret: 'too-short-secret', env: {} });
    } catch (caught) {
      return caught as ConfigurationError;
    }
  })();
  expect(error).toBeInstanceOf(ConfigurationError);
  expect(error?.field).toBe('stateSecret');
  expect(error?.message).not.toContain('too-short-secret');
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
  expect(await other.attendance.confirm({ state })).toMatchObject({ reason: 'invalid-state' });
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
  expect((await make('sk_fake_key_two').attendance.confirm({ state })).verified).toBe(false);
  expect(await make('sk_fake_key_one').attendance.confirm({ state })).toMatchObject({
    verified: true,
  });
});
