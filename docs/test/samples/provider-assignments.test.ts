import { createProviderClient } from '@prakerja-kit/provider';
import { expect, it } from 'vitest';
import { gradeTpm, progressOf } from '../../samples/provider-assignments.js';
import { LP_REDIRECT_URI, LP_STATE_SECRET, useSandboxServer } from '../support/sandbox.js';

const env = useSandboxServer();

function client() {
  return createProviderClient({
    ...env.provider(),
    baseUrl: env.url(),
    redirectUri: LP_REDIRECT_URI,
    stateSecret: LP_STATE_SECRET,
    logLevel: 'silent',
  });
}

const redeemed = () =>
  env.sandbox.control.fixtures().redeemCodes.find((item) => item.testCase === 'TC1-999-200')!;

it('submits, grades and reads back a TPM: the sandbox default policy accepts on feedback', async () => {
  const result = await gradeTpm(client(), redeemed().redeemCode, 1);
  expect(typeof result.submissionId).toBe('number');
  expect(result).toMatchObject({ assignmentState: 'accepted', assignmentStatus: 2 });
});

it('reports progress in one call: the redeemed code is not complete yet', async () => {
  const code = redeemed();
  const progress = await progressOf(client(), code.redeemCode);
  expect(progress.attended).toEqual(code.verifiedSequences.filter((sequence) => sequence !== 999));
  expect(progress).toMatchObject({ completion: 'incomplete', partial: false });
});
