import { describe, expect, it } from 'vitest';
import { resolveCredentials } from './config.js';
import { ConfigurationError } from './errors/configuration-error.js';
import { createTransport } from './transport/create-transport.js';

const KEY = 'sk_test_fake_secret_value';

describe('resolveCredentials', () => {
  it('prefers options over the environment', () => {
    const resolved = resolveCredentials({
      clientCode: 'dp-option',
      signKey: KEY,
      env: { PRAKERJA_CLIENT_CODE: 'dp-env', PRAKERJA_SIGN_KEY: 'sk_env_fake' },
    });
    expect(resolved).toMatchObject({ clientCode: 'dp-option', signKey: KEY });
  });

  it('falls back to PRAKERJA_* variables and defaults to the production hosts', () => {
    const resolved = resolveCredentials({
      env: { PRAKERJA_CLIENT_CODE: 'dp-env', PRAKERJA_SIGN_KEY: KEY },
    });
    expect(resolved).toEqual({
      clientCode: 'dp-env',
      signKey: KEY,
      baseUrl: 'https://api.prakerja.go.id',
      ssoBaseUrl: 'https://api-proxy.prakerja.go.id',
    });
  });

  it('points SSO at the same origin when only the base URL is overridden (the sandbox serves both)', () => {
    const resolved = resolveCredentials({
      env: {
        PRAKERJA_CLIENT_CODE: 'dp',
        PRAKERJA_SIGN_KEY: KEY,
        PRAKERJA_BASE_URL: 'http://127.0.0.1:4010/',
      },
    });
    expect(resolved.baseUrl).toBe('http://127.0.0.1:4010');
    expect(resolved.ssoBaseUrl).toBe('http://127.0.0.1:4010');
  });

  it.each([
    [{}, 'clientCode', /PRAKERJA_CLIENT_CODE/],
    [{ clientCode: 'dp' }, 'signKey', /PRAKERJA_SIGN_KEY/],
    [{ clientCode: 'dp x', signKey: KEY }, 'clientCode', /no spaces/],
    [{ clientCode: 'dp', signKey: `${KEY}\n` }, 'signKey', /newline around it: trim it/],
    [
      { clientCode: 'dp', signKey: KEY, baseUrl: 'api.prakerja.go.id' },
      'baseUrl',
      /not a valid URL/,
    ],
    [{ clientCode: 'dp', signKey: KEY, baseUrl: 'ftp://host' }, 'baseUrl', /https/],
    [{ clientCode: 'dp', signKey: KEY, baseUrl: 'https://host/api/v1' }, 'baseUrl', /no path/],
    [
      { clientCode: 'dp', signKey: KEY, ssoBaseUrl: 'https://host?x=1' },
      'ssoBaseUrl',
      /no path or query/,
    ],
  ])('rejects %j naming the field %s', (options, field, message) => {
    let error: unknown;
    try {
      resolveCredentials({ env: {}, ...options });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).field).toBe(field);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain(KEY);
  });

  it.each([
    ['double quotes', `"${KEY}"`, /remove the quotes/],
    ['single quotes', `'${KEY}'`, /remove the quotes/],
    ['a leading quote only', `"${KEY}`, /remove the quotes/],
    ['a trailing space', `${KEY} `, /trim it/],
    ['a leading tab', `\t${KEY}`, /trim it/],
    ['a Windows line ending', `${KEY}\r`, /trim it/],
  ])('refuses a sign key with %s, naming the fix and not the key', (_label, signKey, message) => {
    let error: unknown;
    try {
      resolveCredentials({ env: { PRAKERJA_CLIENT_CODE: 'dp', PRAKERJA_SIGN_KEY: signKey } });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).field).toBe('signKey');
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).toContain('PRAKERJA_SIGN_KEY');
    expect((error as Error).message).not.toContain(KEY);
  });

  it('refuses a quote-wrapped or padded client code with the fix', () => {
    expect(() => resolveCredentials({ env: {}, clientCode: '"dp-01"', signKey: KEY })).toThrow(
      /clientCode starts or ends with a quote: remove the quotes \(PRAKERJA_CLIENT_CODE=value/,
    );
    expect(() => resolveCredentials({ env: {}, clientCode: ' dp-01', signKey: KEY })).toThrow(
      /clientCode has whitespace or a newline around it: trim it/,
    );
  });

  it('accepts a quote inside a key', () => {
    expect(resolveCredentials({ env: {}, clientCode: 'dp', signKey: 'sk_a"b' }).signKey).toBe(
      'sk_a"b',
    );
  });

  it('refuses a quote-wrapped key when the client is constructed, before any request', () => {
    expect(() =>
      createTransport({ env: { PRAKERJA_CLIENT_CODE: 'dp', PRAKERJA_SIGN_KEY: `"${KEY}"` } }),
    ).toThrow(ConfigurationError);
  });
});
