import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createProviderClient } from '@prakerja-kit/provider';
import { createSandbox } from '@prakerja-kit/sandbox';
import { generateSecret } from '@prakerja-kit/webhooks';
import { expect, test } from 'vitest';
import { createApp, listen, openLedger, registerWithSandbox, WEBHOOK_PATH } from '../src/index.js';

test('registers with a sandbox over HTTP and pays the incentive of a completed course once', async () => {
  const sandbox = createSandbox({ seed: 3 });
  const sandboxServer = await sandbox.listen({ port: 0 });
  const directory = await mkdtemp(join(tmpdir(), 'payment-partner-'));
  const ledger = await openLedger(join(directory, 'ledger.jsonl'));
  const secret = generateSecret();
  const partner = await listen(createApp({ secret, ledger }));
  try {
    await registerWithSandbox(sandboxServer.url, `${partner.url}${WEBHOOK_PATH}`, secret);

    // Complete a course with the LP client: the post-test test code (redeem already verified).
    const lp = sandbox.fixtures.providers[0]!;
    const code = sandbox.fixtures.redeemCodes.find((item) => item.testCase === 'TC1-999-200')!;
    const redeemCode = code.redeemCode;
    const provider = createProviderClient({
      clientCode: lp.clientCode,
      signKey: lp.signKey,
      baseUrl: sandboxServer.url,
      stateSecret: 'payment-partner-test-state-secret-000000',
      logLevel: 'silent',
    });
    const verification = await provider.attendance.createVerificationUrl({
      redeemCode,
      sequence: 999,
      email: 'tari@lms.example',
      redirectUri: 'http://127.0.0.1/prakerja/callback',
    });
    sandbox.control.verifications.approve(new URL(verification.url).searchParams.get('state')!);
    await provider.assignments.submit({
      redeemCode,
      scope: 'uk',
      sequence: 999,
      urlFile: 'https://lms.example/uk.md',
    });
    await provider.assignments.review({
      redeemCode,
      scope: 'uk',
      sequence: 999,
      notes: 'Diterima',
    });

    await sandbox.control.deliveries.settle();
    const [delivery] = sandbox.control.deliveries.list();
    expect(delivery?.status).toBe('succeeded');
    sandbox.control.deliveries.redeliver(delivery!.id);
    await sandbox.control.deliveries.settle();

    const paid = ledger.entries().filter((entry) => entry.kind === 'paid');
    expect(paid).toHaveLength(1);
    expect(paid[0]).toMatchObject({ redeem_code: redeemCode, amount: 600_000, currency: 'IDR' });
  } finally {
    await partner.close();
    await sandbox.close();
    await ledger.close();
    await rm(directory, { recursive: true, force: true });
  }
});
