/**
 * Runs the published webhooks verify entry (`@prakerja-kit/webhooks/verify`, its web build) in a
 * Workers runtime (workerd through miniflare 3) and in headless Chromium (playwright-core with the
 * system /usr/bin/chromium), from a consumer project where the tarballs are installed.
 */
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { runInNewContext } from 'node:vm';
import { build } from 'esbuild';
import { chromiumLaunchOptions } from '../support/chromium.js';

/** The checks each web runtime runs. */
export const WEB_CHECKS = [
  'accepts a delivery signed by the spec (independent HMAC)',
  'refuses a tampered body (check: signature)',
  'refuses a stale delivery (check: timestamp)',
] as const;

/** One runtime's answers: check → 'ok' or 'FAIL <reason>'. */
export type WebRuntimeResult = { label: string; results: Record<string, string> };

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

/** A delivery signed as the Standard Webhooks spec says, with node:crypto, not with the SDK. */
function delivery() {
  const id = 'evt_web_smoke';
  const timestamp = String(Math.floor(Date.now() / 1000));
  const payload = JSON.stringify({
    id,
    type: 'payment.authorized',
    created_at: '2026-11-24T08:00:00.000Z',
    data: {},
  });
  const key = Buffer.from(SECRET.slice('whsec_'.length), 'base64');
  const signature = createHmac('sha256', key)
    .update(`${id}.${timestamp}.${payload}`)
    .digest('base64');
  return {
    payload,
    headers: {
      'webhook-id': id,
      'webhook-timestamp': timestamp,
      'webhook-signature': `v1,${signature}`,
    },
    secret: SECRET,
  };
}

// Runs inside the runtime: `verifyEnvelope` and `WebhookVerificationError` from the bundle.
const CHECK_SOURCE = `
async function runChecks(input) {
  const results = {};
  const names = ${JSON.stringify(WEB_CHECKS)};
  const expectFailure = async (name, params, check) => {
    try { await verifyEnvelope(params); results[name] = 'FAIL accepted'; }
    catch (error) { results[name] = error instanceof WebhookVerificationError && error.check === check ? 'ok' : 'FAIL ' + error; }
  };
  try {
    const envelope = await verifyEnvelope(input);
    results[names[0]] = envelope.id === input.headers['webhook-id'] ? 'ok' : 'FAIL wrong envelope';
  } catch (error) { results[names[0]] = 'FAIL ' + error; }
  await expectFailure(names[1], { ...input, payload: input.payload.replace('payment', 'pAyment') }, 'signature');
  await expectFailure(names[2], { ...input, headers: { ...input.headers, 'webhook-timestamp': String(Number(input.headers['webhook-timestamp']) - 3600) } }, 'timestamp');
  return results;
}`;

async function bundle(project: string, format: 'esm' | 'iife', footer: string): Promise<string> {
  const result = await build({
    stdin: {
      contents: `import { verifyEnvelope, WebhookVerificationError } from '@prakerja-kit/webhooks/verify';\n${CHECK_SOURCE}\n${footer}`,
      resolveDir: project,
      loader: 'js',
    },
    bundle: true,
    format,
    platform: 'browser',
    conditions: ['workerd', 'worker', 'browser'],
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

const failAll = (label: string, reason: string): WebRuntimeResult => ({
  label,
  results: Object.fromEntries(WEB_CHECKS.map((name) => [name, `FAIL ${reason}`])),
});

/** workerd through miniflare 3; when it cannot start, Node's `vm` with web globals only. */
export async function runInWorkers(project: string): Promise<WebRuntimeResult> {
  const script = await bundle(
    project,
    'esm',
    'export default { async fetch(request) { return Response.json(await runChecks(await request.json())); } };',
  );
  let reason: string;
  try {
    const { Miniflare } = await import('miniflare');
    const miniflare = new Miniflare({ modules: true, script, compatibilityDate: '2024-09-23' });
    try {
      const response = await miniflare.dispatchFetch('http://127.0.0.1/', {
        method: 'POST',
        body: JSON.stringify(delivery()),
      });
      return {
        label: 'workerd (miniflare 3)',
        results: (await response.json()) as Record<string, string>,
      };
    } finally {
      await miniflare.dispose();
    }
  } catch (error) {
    reason = (error as Error).message.split('\n')[0] ?? String(error);
  }
  // Fallback, labelled as such: a bare V8 context holding only web-standard globals.
  const iife = await bundle(project, 'iife', 'globalThis.runChecks = runChecks;');
  const context = {
    crypto,
    TextEncoder,
    TextDecoder,
    atob,
    btoa,
    Uint8Array,
    ArrayBuffer,
    DataView,
  };
  runInNewContext(iife, context);
  const results = await (
    context as unknown as { runChecks: (input: unknown) => Promise<Record<string, string>> }
  ).runChecks(delivery());
  return { label: `vm, web globals only (miniflare failed: ${reason})`, results };
}

/** Headless Chromium loading the bundled entry from a local server on port 0. */
export async function runInChromium(project: string): Promise<WebRuntimeResult> {
  const label = 'Chromium (headless)';
  const script = await bundle(project, 'esm', 'globalThis.runChecks = runChecks;');
  const server = createServer((request, response) => {
    if (request.url === '/verify.js') {
      response.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
      return;
    }
    response
      .writeHead(200, { 'content-type': 'text/html' })
      .end('<!doctype html><script type="module" src="/verify.js"></script>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  try {
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch(chromiumLaunchOptions());
    try {
      const page = await browser.newPage();
      await page.goto(`http://127.0.0.1:${port}/`);
      await page.waitForFunction(() => 'runChecks' in globalThis, undefined, { timeout: 10_000 });
      const results = await page.evaluate(
        (input) =>
          (
            globalThis as unknown as {
              runChecks: (input: unknown) => Promise<Record<string, string>>;
            }
          ).runChecks(input),
        delivery(),
      );
      return { label, results };
    } finally {
      await browser.close();
    }
  } catch (error) {
    return failAll(label, (error as Error).message.split('\n')[0] ?? String(error));
  } finally {
    server.closeAllConnections();
    server.close();
  }
}
