import { ProgramPath } from '@prakerja-kit/core';
import { expect, it } from 'vitest';
import { retries, seatsLeft } from '../../samples/read-only-call.js';
import { createFakeProgram, FAKE_CREDENTIALS } from '../support/fake-program.js';

it('retries a read-only call after a 503 and a dropped connection, signing each attempt', async () => {
  let attempt = 0;
  const program = createFakeProgram({
    [ProgramPath.QUOTA_SCHEDULE]: () => {
      attempt++;
      if (attempt === 1) return { status: 503, body: { success: false, message: 'sibuk' } };
      if (attempt === 2) return new TypeError('fetch failed');
      return { body: { success: true, message: 'OK', data: { quota: 7 } } };
    },
  });
  const quota = await seatsLeft('C-1', 'S-1', {
    ...FAKE_CREDENTIALS,
    fetch: program.fetch,
    retry: { baseDelayMs: 1, maxDelayMs: 2 },
    logLevel: 'silent',
  });
  expect(quota).toBe(7);
  expect(program.calls).toHaveLength(3); // three signed attempts, each with a fresh signature
  expect(retries).toHaveLength(2);
});
