import { createProviderClient } from '@prakerja-kit/provider';
import { expect, it } from 'vitest';
import { watchCompletions } from '../../samples/provider-watcher.js';
import { LP_REDIRECT_URI, LP_STATE_SECRET, useSandboxServer } from '../support/sandbox.js';

const env = useSandboxServer();

it('turns polling into one course.completed per redeem code', async () => {
  const client = createProviderClient({
    ...env.provider(),
    baseUrl: env.url(),
    redirectUri: LP_REDIRECT_URI,
    stateSecret: LP_STATE_SECRET,
    logLevel: 'silent',
  });
  const code = env.sandbox.control
    .fixtures()
    .redeemCodes.find((item) => item.testCase === 'TC1-999-200')!.redeemCode;
  const completed: string[] = [];
  const watcher = watchCompletions(client, async (redeemCode) => {
    completed.push(redeemCode);
  });
  await watcher.watch({ redeemCode: code });
  await watcher.poll();
  expect(completed).toEqual([]);

  const started = await client.attendance.createVerificationUrl({
    redeemCode: code,
    sequence: 999,
    email: 'tari@lp.example',
  });
  env.sandbox.control.verifications.approve(started.programState!);
  const uk = { redeemCode: code, scope: 'uk', sequence: 999 } as const;
  await client.assignments.submit({ ...uk, urlFile: 'https://lp.example/files/uk.pdf' });
  await client.assignments.review({ ...uk, notes: 'Lulus.' });

  await watcher.poll();
  await watcher.poll();
  expect(completed).toEqual([code]);
  // Completed: the watcher lets the code go.
  expect(await watcher.list()).toEqual([]);
  await watcher.stop();
});
