import { afterEach, expect, it, vi } from 'vitest';
import { quickStart } from '../../samples/platform-quick-start.js';
import { useSandboxServer } from '../support/sandbox.js';

const env = useSandboxServer();

afterEach(() => {
  vi.unstubAllEnvs();
});

it('buys a course against the sandbox server, configured from the environment', async () => {
  const dp = env.platform();
  vi.stubEnv('PRAKERJA_BASE_URL', env.url());
  vi.stubEnv('PRAKERJA_CLIENT_CODE', dp.clientCode);
  vi.stubEnv('PRAKERJA_SIGN_KEY', dp.signKey);
  const result = await quickStart();
  expect(result.seatsBefore).toBe(env.sandbox.control.fixtures().schedules[0]!.seats);
  expect(env.sandbox.control.transactions.byInvoice(result.invoiceCode)).toMatchObject({
    transactionCode: result.transactionCode,
    status: 'SUCCESS',
  });
});
