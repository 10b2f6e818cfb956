/**
 * The Node smoke suite run by `pnpm test:consumer --smoke` inside the consumer project, against
 * the installed tarballs: the source of `smoke.mjs` (ESM `import`) and `smoke.cjs` (`require`).
 * Each prints one JSON object: check name → 'ok' or 'FAIL <reason>'.
 */
export const SMOKE_CHECKS = [
  'sign the official vector (core)',
  'verify a Standard Webhooks delivery (webhooks)',
  'verify entry: accept and refuse (webhooks/verify)',
  'one platform call against a sandbox (platform + sandbox)',
] as const;

/** The official program test vector (program-api.md §3). */
const VECTOR = {
  clientCode: 'myclient_code',
  signKey: 'my_sign_key',
  timestamp: 1516239022,
  method: 'POST',
  path: '/api/v1/integration/payment/redeem-code/commit',
  body: '{"redeem_code":"code"}',
};

// Plain JavaScript, run as is by every Node version: `load` is `import()` or `require`.
function body(load: string): string {
  return `
const results = {};
const check = async (name, run) => {
  try { const detail = await run(); results[name] = detail === true ? 'ok' : 'FAIL ' + detail; }
  catch (error) { results[name] = 'FAIL ' + (error && error.name) + ': ' + String(error && error.message).split('\\n')[0]; }
};
const [core, webhooks, verifyEntry, platform, sandboxPackage] = await Promise.all([
  ${load}('@prakerja-kit/core'), ${load}('@prakerja-kit/webhooks'), ${load}('@prakerja-kit/webhooks/verify'),
  ${load}('@prakerja-kit/platform'), ${load}('@prakerja-kit/sandbox'),
]);
await check(${JSON.stringify(SMOKE_CHECKS[0])}, async () => {
  const signature = await core.createSignature(${JSON.stringify(VECTOR)});
  return signature === '943c20a8e36b6243f576404b00fffdc86411ce1f' || 'got ' + signature;
});
const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const timestamp = Math.floor(Date.now() / 1000);
const id = webhooks.createEventId();
const payload = JSON.stringify({ id, type: 'payment.authorized', created_at: new Date().toISOString(),
  data: { invoice_code: 'INV-1', transaction_code: 'TX1', amount: 500000, authorized_at: new Date().toISOString() } });
const headers = { 'webhook-id': id, 'webhook-timestamp': String(timestamp),
  'webhook-signature': await webhooks.sign({ id, timestamp, payload, secret }) };
await check(${JSON.stringify(SMOKE_CHECKS[1])}, async () => {
  const event = await webhooks.verify({ payload, headers, secret });
  if (event.type !== 'payment.authorized' || event.data.invoice_code !== 'INV-1') return 'wrong event';
  try { await webhooks.verify({ payload: payload.replace('INV-1', 'INV-2'), headers, secret }); return 'tampered body accepted'; }
  catch (error) { return error instanceof webhooks.WebhookVerificationError || String(error); }
});
await check(${JSON.stringify(SMOKE_CHECKS[2])}, async () => {
  const envelope = await verifyEntry.verifyEnvelope({ payload, headers, secret });
  if (envelope.id !== id) return 'wrong envelope';
  try { await verifyEntry.verifyEnvelope({ payload, headers: { ...headers, 'webhook-timestamp': String(timestamp - 3600) }, secret }); return 'stale delivery accepted'; }
  catch (error) { return (error instanceof verifyEntry.WebhookVerificationError && error.check === 'timestamp') || String(error); }
});
await check(${JSON.stringify(SMOKE_CHECKS[3])}, async () => {
  const sandbox = sandboxPackage.createSandbox({ seed: 1 });
  try {
    const server = await sandbox.listen({ port: 0 });
    const dp = sandbox.fixtures.platforms[0];
    const schedule = sandbox.fixtures.schedules[0];
    const client = platform.createPlatformClient({ baseUrl: server.url, clientCode: dp.clientCode, signKey: dp.signKey, logLevel: 'silent' });
    const quota = await client.quotas.retrieve({ courseCode: schedule.courseCode, scheduleCode: schedule.scheduleCode });
    return quota.quota === schedule.seats || 'quota ' + quota.quota + ', expected ' + schedule.seats;
  } finally { await sandbox.close(); }
});
console.log(JSON.stringify(results));
`;
}

/** `smoke.mjs`: the smoke suite through ESM `import()`. */
export const SMOKE_ESM = body('import');

/** `smoke.cjs`: the smoke suite through `require` (in an async wrapper for the awaits). */
export const SMOKE_CJS = `(async () => {\nconst load = async (specifier) => require(specifier);\n${body('load')}\n})().catch((error) => { console.error(error); process.exit(1); });\n`;
