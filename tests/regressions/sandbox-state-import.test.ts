import { createSignature, ProgramPath } from '@prakerja-kit/core';
import { createSandbox } from '@prakerja-kit/sandbox';
import * as fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';

// Found by fuzzing the control plane (issue 10): PUT /__sandbox/state checks only the top-level
// shape of the state (isState in packages/sandbox/src/internal/create-control.ts), so a state
// whose entries are malformed (e.g. `transactions: { "": null }`) is accepted with 200, and the
// program endpoints then answer 500 SBX_GEN50001. Bad input should be refused with a 4xx.
const sandbox = createSandbox({ seed: 10 });
let url = '';
beforeAll(async () => {
  url = (await sandbox.listen({ port: 0 })).url;
});
afterAll(() => sandbox.close());

async function reset() {
  const response = await fetch(`${url}/__sandbox/reset`, { method: 'POST' });
  expect(response.status).toBe(200);
}

async function expectJsonAnswer(response: Response, label: string) {
  const text = await response.text();
  expect(response.status, `${label} → ${response.status} ${text.slice(0, 200)}`).toBeLessThan(500);
}

it('refuses a malformed state on PUT /__sandbox/state, or keeps answering after importing it', async () => {
  await reset();
  const exported = await (await fetch(`${url}/__sandbox/state`)).json();
  const keys = Object.keys(exported as object);
  const dp = sandbox.fixtures.platforms[0]!;
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...keys),
      fc.jsonValue({ maxDepth: 2 }),
      async (key, value) => {
        await reset();
        const state = { ...(exported as Record<string, unknown>), [key]: value };
        const put = await fetch(`${url}/__sandbox/state`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(state),
        });
        await expectJsonAnswer(
          put,
          `PUT /__sandbox/state with ${key}=${JSON.stringify(value).slice(0, 60)}`,
        );
        if (put.status >= 400) return;
        for (const route of [
          '/__sandbox/fixtures',
          '/__sandbox/transactions',
          '/__sandbox/redeem-codes',
        ]) {
          await expectJsonAnswer(
            await fetch(`${url}${route}`),
            `GET ${route} after ${key}=${JSON.stringify(value).slice(0, 60)}`,
          );
        }
        const body = JSON.stringify({ invoice_code: 'INV-1' });
        const timestamp = Math.floor(Date.now() / 1000);
        const signature = await createSignature({
          clientCode: dp.clientCode,
          signKey: dp.signKey,
          timestamp,
          method: 'POST',
          path: ProgramPath.PAYMENT_STATUS,
          body,
        });
        const status = await fetch(`${url}${ProgramPath.PAYMENT_STATUS}`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            client_code: dp.clientCode,
            signature,
            timestamp: String(timestamp),
          },
          body,
        });
        await expectJsonAnswer(
          status,
          `payment/status after ${key}=${JSON.stringify(value).slice(0, 60)}`,
        );
      },
    ),
    { numRuns: 100, seed: 10 },
  );
});
