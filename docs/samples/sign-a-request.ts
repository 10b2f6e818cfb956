import { buildRawSignature, createSignature } from '@prakerja-kit/core';

// The program's official test vector (prakerja-dev/example-api-redeem-course).
const request = {
  clientCode: 'myclient_code',
  timestamp: 1516239022, // Unix seconds, the same value goes into the `timestamp` header
  method: 'POST',
  path: '/api/v1/integration/payment/redeem-code/commit', // path only: no host, no query
  body: '{"redeem_code":"code"}', // the exact compact bytes you send
};

export const rawSignature = buildRawSignature(request);
// 'myclient_code1516239022POST/api/v1/integration/payment/redeem-code/commit{"redeem_code":"code"}'

export const signature = await createSignature({ ...request, signKey: 'my_sign_key' });
// '943c20a8e36b6243f576404b00fffdc86411ce1f'
