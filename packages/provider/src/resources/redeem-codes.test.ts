import { expect, test } from 'vitest';
import { fakeClient, ok } from '../../test/support/fake-program.js';

test('the legacy commit sends only the redeem code and maps the answer', async () => {
  const { client, received } = fakeClient(() =>
    ok({ redeem_code: 'GHOPNYXUVMT0', course_code: 'c1', status: 1 }),
  );
  const result = await client.redeemCodes.commit({ redeemCode: 'GHOPNYXUVMT0' });
  expect(received[0]?.url.pathname).toBe('/api/v1/integration/payment/redeem-code/commit');
  expect(received[0]?.body).toEqual({ redeem_code: 'GHOPNYXUVMT0' });
  expect(result).toEqual({ redeemCode: 'GHOPNYXUVMT0', courseCode: 'c1', status: 1 });
});
