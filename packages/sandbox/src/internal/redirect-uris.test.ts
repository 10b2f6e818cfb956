import { expect, it } from 'vitest';
import type { SandboxClient } from '../sandbox-fixtures.js';
import { isRegisteredRedirectUri, withQuery } from './redirect-uris.js';

const client: SandboxClient = {
  clientCode: 'lp-sandbox-01',
  signKey: 'sk_sandbox_fake_x',
  name: 'LP',
  role: 'lp',
  redirectUris: ['http://127.0.0.1/cb', 'https://lp.example/cb'],
};

it.each([
  ['http://127.0.0.1:54321/cb', true],
  ['http://127.0.0.1/cb?x=1', true],
  ['https://lp.example/cb', true],
  ['https://lp.example:8443/cb', false],
  ['https://lp.example/cb/extra', false],
  ['http://lp.example/cb', false],
  ['http://localhost:3000/cb', false],
  ['javascript:alert(1)', false],
  ['not a url', false],
])('matches %s: %s', (uri, expected) => {
  expect(isRegisteredRedirectUri(client, uri)).toBe(expected);
});

it('adds parameters and keeps the existing query', () => {
  expect(withQuery('https://lp.example/cb?from=lp', { state: 'a b' })).toBe(
    'https://lp.example/cb?from=lp&state=a+b',
  );
});
