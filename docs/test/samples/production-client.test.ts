import { ConfigurationError, PRODUCTION_BASE_URL } from '@prakerja-kit/core';
import { expect, it } from 'vitest';
import { createProductionClient } from '../../samples/production-client.js';

const write = () => {};

it('reads credentials from the environment and defaults to the production host', () => {
  const client = createProductionClient(
    { PRAKERJA_CLIENT_CODE: 'dp-fake', PRAKERJA_SIGN_KEY: 'sk_fake_0123456789' },
    write,
  );
  expect(client.transport.config).toEqual({
    clientCode: 'dp-fake',
    baseUrl: PRODUCTION_BASE_URL,
    ssoBaseUrl: 'https://api-proxy.prakerja.go.id',
  });
});

it('fails at start-up, naming the variable, when the sign key is missing or has a stray newline or quotes', () => {
  expect(() => createProductionClient({ PRAKERJA_CLIENT_CODE: 'dp-fake' }, write)).toThrow(
    ConfigurationError,
  );
  expect(() =>
    createProductionClient(
      { PRAKERJA_CLIENT_CODE: 'dp-fake', PRAKERJA_SIGN_KEY: 'sk_fake\n' },
      write,
    ),
  ).toThrow(/PRAKERJA_SIGN_KEY=value with nothing after the value/);
  expect(() =>
    createProductionClient(
      { PRAKERJA_CLIENT_CODE: 'dp-fake', PRAKERJA_SIGN_KEY: '"sk_fake"' },
      write,
    ),
  ).toThrow(/remove the quotes/);
});
