import { createSignature, ProgramPath } from '@prakerja-kit/core';
import { createSandbox } from '@prakerja-kit/sandbox';
import * as fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';

// Fuzzing (issue 10): arbitrary methods, paths, headers and bodies to a sandbox server get a
// 2xx or 4xx JSON answer; never a 5xx, a dropped connection or a dead server.
const RUNS = { numRuns: 250, seed: 10 };
const sandbox = createSandbox({ seed: 10 });
let url = '';
beforeAll(async () => {
  url = (await sandbox.listen({ port: 0 })).url;
});
afterAll(() => sandbox.close());

const CONTROL = [
  '/__sandbox',
  '/__sandbox/fixtures',
  '/__sandbox/reset',
  '/__sandbox/clock',
  '/__sandbox/clock/advance',
  '/__sandbox/sms',
  '/__sandbox/sms/latest',
  '/__sandbox/faults',
  '/__sandbox/faults/flt_x',
  '/__sandbox/transactions',
  '/__sandbox/redeem-codes',
  '/__sandbox/redeem-codes/PRAT-X',
  '/__sandbox/verifications',
  '/__sandbox/verifications/vst_x/approve',
  '/__sandbox/sso/consent',
  '/__sandbox/redirect-uris',
  '/__sandbox/webhooks',
  '/__sandbox/webhooks/whk_x',
  '/__sandbox/events',
  '/__sandbox/deliveries',
  '/__sandbox/deliveries/dlv_x/redeliver',
  '/__sandbox/state',
];
const PROGRAM = Object.values(ProgramPath);
const method = fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS');
const path = fc.oneof(
  fc.constantFrom(...CONTROL, ...PROGRAM),
  fc
    .tuple(fc.constantFrom(...CONTROL, ...PROGRAM), fc.webSegment(), fc.webQueryParameters())
    .map(([base, segment, query]) => `${base}/${segment}?${query}`),
  fc.webPath(),
);
const body = fc.oneof(
  fc.constant(undefined),
  fc.json({ maxDepth: 3 }),
  fc.string(),
  fc.uint8Array({ maxLength: 256 }),
  fc
    .dictionary(
      fc.constantFrom(
        'redeem_code',
        'invoice_code',
        'kind',
        'path',
        'ms',
        'url',
        'sequence',
        'now',
      ),
      fc.jsonValue({ maxDepth: 2 }),
    )
    .map((value) => JSON.stringify(value)),
);
const header = fc.dictionary(
  fc.constantFrom(
    'content-type',
    'client_code',
    'signature',
    'timestamp',
    'authorization',
    'x-client-id',
  ),
  fc.string().filter((value) => /^[\t\x20-\x7e]*$/.test(value)),
);

// Every run starts from the seeded state, so a fault or clock jump a run set up cannot make the
// next run's 5xx look like a crash.
async function reset() {
  const response = await fetch(`${url}/__sandbox/reset`, { method: 'POST' });
  expect(response.status).toBe(200);
}

async function expectJsonAnswer(response: Response, label: string) {
  const text = await response.text();
  expect(response.status, `${label} → ${response.status} ${text.slice(0, 200)}`).toBeLessThan(500);
  if (response.status === 204 || text === '') return;
  expect(() => JSON.parse(text), `${label} answered non-JSON: ${text.slice(0, 120)}`).not.toThrow();
}

it('answers arbitrary requests with 2xx or 4xx JSON and stays up', async () => {
  await fc.assert(
    fc.asyncProperty(method, path, header, body, async (m, p, h, b) => {
      await reset();
      const payload = m === 'GET' || b === undefined ? undefined : b;
      const response = await fetch(`${url}${p}`, {
        method: m,
        headers: h,
        ...(payload === undefined ? {} : { body: payload }),
      });
      await expectJsonAnswer(response, `${m} ${p}`);
    }),
    RUNS,
  );
  const alive = await fetch(`${url}/__sandbox/fixtures`);
  expect(alive.status).toBe(200);
});

it('answers correctly signed program requests with arbitrary JSON bodies with 2xx or 4xx', async () => {
  const dp = sandbox.fixtures.platforms[0]!;
  const lp = sandbox.fixtures.providers[0]!;
  const client = fc.constantFrom(dp, lp);
  const programBody = fc.oneof(
    fc.json({ maxDepth: 3 }),
    fc
      .record(
        {
          redeem_code: fc.oneof(
            fc.constantFrom('PRAT-X', ...sandbox.fixtures.redeemCodes.map((c) => c.redeemCode)),
            fc.string(),
          ),
          sequence: fc.oneof(fc.integer({ min: -2, max: 1000 }), fc.string()),
          invoice_code: fc.oneof(fc.string(), fc.integer()),
          transaction_code: fc.string(),
          prakerja_id: fc.constantFrom(...sandbox.fixtures.participants.map((p) => p.prakerjaId)),
          course_code: fc.constantFrom(...sandbox.fixtures.courses.map((c) => c.courseCode), ''),
          schedule_code: fc.constantFrom(
            ...sandbox.fixtures.schedules.map((s) => s.scheduleCode),
            '',
          ),
          amount: fc.oneof(fc.integer(), fc.string(), fc.double()),
          user_platform_id: fc.oneof(fc.string(), fc.integer()),
          email: fc.oneof(fc.emailAddress(), fc.string()),
          redirect_uri: fc.oneof(
            fc.constant('http://127.0.0.1/prakerja/callback'),
            fc.webUrl(),
            fc.string(),
          ),
          scope: fc.constantFrom('tpm', 'uk', 'x'),
          url_file: fc.oneof(fc.webUrl(), fc.string()),
          notes: fc.string(),
          otp: fc.oneof(fc.string(), fc.integer()),
          invoice_url: fc.oneof(fc.webUrl(), fc.string()),
        },
        { requiredKeys: [] },
      )
      .map((value) => JSON.stringify(value)),
  );
  await fc.assert(
    fc.asyncProperty(
      client,
      fc.constantFrom(...PROGRAM.filter((p) => p.includes('/integration/'))),
      programBody,
      fc.option(fc.string().filter((value) => /^[\x20-\x7e]*$/.test(value))),
      async (partner, p, text, authorization) => {
        await reset();
        const timestamp = Math.floor(Date.now() / 1000);
        const signature = await createSignature({
          clientCode: partner.clientCode,
          signKey: partner.signKey,
          timestamp,
          method: 'POST',
          path: p,
          body: text,
        });
        const response = await fetch(`${url}${p}`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            client_code: partner.clientCode,
            signature,
            timestamp: String(timestamp),
            ...(authorization === null ? {} : { authorization }),
          },
          body: text,
        });
        await expectJsonAnswer(response, `signed POST ${p} ${text.slice(0, 80)}`);
      },
    ),
    RUNS,
  );
});
