import { expect, it } from 'vitest';
import { rawSignature, signature } from '../../samples/sign-a-request.js';

it('reproduces the official test vector', () => {
  expect(rawSignature).toBe(
    'myclient_code1516239022POST/api/v1/integration/payment/redeem-code/commit{"redeem_code":"code"}',
  );
  expect(signature).toBe('943c20a8e36b6243f576404b00fffdc86411ce1f');
});
