import { createSignatureSync } from '@prakerja-kit/core/node';
import { expect, it } from 'vitest';
import { programHeaders } from '../../samples/sign-by-hand.js';

it('signs by hand exactly like the SDK', () => {
  const path = '/api/v1/integration/payment/redeem-code/status';
  const { headers, body } = programHeaders(
    'client_code',
    'my_sign_key',
    path,
    { redeem_code: 'GHOPNYXUVMT0', sequence: 1 },
    1698289216_000,
  );
  expect(headers['timestamp']).toBe('1698289216');
  expect(body).toBe('{"redeem_code":"GHOPNYXUVMT0","sequence":1}');
  // The worked example of the program's generate-signature page, keyed with my_sign_key.
  expect(headers['signature']).toBe('ab176812770ce5336cccabdf045a84292493ec72');
  expect(headers['signature']).toBe(
    createSignatureSync({
      clientCode: 'client_code',
      signKey: 'my_sign_key',
      timestamp: 1698289216,
      method: 'POST',
      path,
      body,
    }),
  );
});
