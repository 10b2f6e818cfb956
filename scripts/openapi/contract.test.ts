import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createPlatformClient } from '@prakerja-kit/platform';
import { createSandbox, type SandboxProgramExchange } from '@prakerja-kit/sandbox';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { generatedFiles } from '../openapi.js';
import { createContractCheck, createContractRecorder } from './contract.js';

const exchanges: SandboxProgramExchange[] = [];
const sandbox = createSandbox({
  seed: 11,
  onProgramResponse: (exchange) => exchanges.push(exchange),
});
let server: { url: string; close(): Promise<void> };
beforeAll(async () => {
  server = await sandbox.listen({ port: 0 });
});
afterAll(async () => {
  await server.close();
  await sandbox.close();
});

/** A real purchase through the platform client; returns the exchanges the sandbox reported. */
async function purchase(invoiceCode: string): Promise<SandboxProgramExchange[]> {
  exchanges.length = 0;
  const dp = sandbox.fixtures.platforms[0]!;
  const client = createPlatformClient({
    clientCode: dp.clientCode,
    signKey: dp.signKey,
    baseUrl: server.url,
    logLevel: 'silent',
  });
  const [participant] = sandbox.fixtures.participants;
  const [course] = sandbox.fixtures.courses;
  const [schedule] = sandbox.fixtures.schedules;
  const { paymentToken } = await client.payments.sendOtp({
    prakerjaId: participant!.prakerjaId,
    userPlatformId: 'user-1',
    courseCode: course!.courseCode,
    scheduleCode: schedule!.scheduleCode,
    amount: course!.price,
  });
  await client.payments.authorize({
    paymentToken,
    otp: sandbox.control.sms.latestOtp(participant!.prakerjaId)!,
    invoiceCode,
    invoiceUrl: `https://shop.example/invoices/${invoiceCode}`,
  });
  return [...exchanges];
}

test('the committed OpenAPI files are what the generator writes from the schemas', () => {
  for (const { file, text } of generatedFiles()) {
    expect(readFileSync(file, 'utf8'), `${file} is stale: run \`pnpm openapi\``).toBe(text);
  }
});

test('the sandbox serves the description at /__sandbox/openapi.json', async () => {
  const response = await fetch(`${server.url}/__sandbox/openapi.json`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/application\/json/);
  const served = await response.json();
  const file = fileURLToPath(
    new URL('../../packages/sandbox/openapi/program-api.openapi.json', import.meta.url),
  );
  expect(served).toEqual(JSON.parse(readFileSync(file, 'utf8')));
  expect(served.openapi).toBe('3.1.0');
  const authorize = served.paths['/api/v1/integration/payment/authorize'].post;
  expect(authorize['x-prakerja-source']).toBe('[DOC]');
  expect(authorize['x-prakerja-error-codes']).toContainEqual(
    expect.objectContaining({ code: 'SBX_PLT40011', documented: false }),
  );
  expect(
    served.paths['/api/v1/integration/payment/void'].post['x-prakerja-error-codes'],
  ).toContainEqual(expect.objectContaining({ code: 'ERRPLT40028', documented: true }));
  expect(served.components.securitySchemes.programSignature.description).toContain(
    'docs/guides/signing.md',
  );
});

test('a real purchase conforms to the description, requests included', async () => {
  const seen = await purchase('INV-OA-1');
  expect(seen.map((exchange) => exchange.path)).toEqual([
    '/api/v1/integration/payment/send-otp',
    '/api/v1/integration/payment/authorize',
  ]);
  const { check } = createContractCheck();
  for (const exchange of seen) expect(check(exchange)).toEqual([]);
});

test('the contract check fails when a sandbox answer drifts: authorize without transaction_code', async () => {
  // The recorder the integration suites use, fed by a sandbox whose authorize answer is mutated.
  const recorder = createContractRecorder();
  for (const exchange of await purchase('INV-OA-2')) {
    if (exchange.path.endsWith('/payment/authorize')) {
      const body = JSON.parse(exchange.responseBody);
      delete body.data.transaction_code;
      recorder.observe({ ...exchange, responseBody: JSON.stringify(body) });
    } else {
      recorder.observe(exchange);
    }
  }
  expect(() => recorder.assertClean()).toThrow(
    /POST \/api\/v1\/integration\/payment\/authorize -> 200: data\.transaction_code: Invalid input: expected string, received undefined/,
  );
  // Collected violations are reported once.
  expect(() => recorder.assertClean()).not.toThrow();
});

test('other drifts fail too: wrong types, an error as success, an unlisted code, a renamed request field', async () => {
  const [sendOtp, authorize] = await purchase('INV-OA-3');
  const { check } = createContractCheck();
  type Body = { success: unknown; data: Record<string, unknown> };
  const mutate = (exchange: SandboxProgramExchange, edit: (body: Body) => void) => {
    const body = JSON.parse(exchange.responseBody);
    edit(body);
    return { ...exchange, responseBody: JSON.stringify(body) };
  };
  expect(check(mutate(authorize!, (body) => (body.data.amount = 'lots')))).toEqual([
    expect.stringMatching(/data\.amount/),
  ]);
  expect(check(mutate(authorize!, (body) => (body.success = false)))).toEqual([
    expect.stringMatching(/success/),
  ]);
  expect(
    check({
      ...authorize!,
      status: 400,
      responseBody: JSON.stringify({ success: false, code: 'ERRVOD40001', message: 'x' }),
    }),
  ).toEqual([expect.stringMatching(/ERRVOD40001 is not in x-prakerja-error-codes/)]);
  const renamed = JSON.parse(sendOtp!.requestBody);
  renamed.prakerjaId = renamed.prakerja_id;
  delete renamed.prakerja_id;
  expect(check({ ...sendOtp!, requestBody: JSON.stringify(renamed) })).toEqual(
    expect.arrayContaining([expect.stringMatching(/request body/)]),
  );
  // Faults are off-contract by design; a non-JSON body or an undescribed status is not.
  expect(check({ ...authorize!, fault: true, responseBody: 'x' })).toEqual([]);
  expect(check({ ...authorize!, responseBody: '<html>' })).toEqual([
    expect.stringMatching(/not JSON/),
  ]);
  expect(check({ ...authorize!, status: 302 })).toEqual([
    expect.stringMatching(/302 is not described/),
  ]);
});
