import { createProviderClient } from '@prakerja-kit/provider';
import { createSandbox, type Sandbox, type SandboxServer } from '@prakerja-kit/sandbox';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { chromiumLaunchOptions } from '../../../tests/support/chromium.js';
import { connectSandbox, createApp, listen, type RunningServer } from '../src/index.js';

let browser: Browser;
let sandbox: Sandbox;
let sandboxServer: SandboxServer;
let app: RunningServer;

beforeAll(async () => {
  sandbox = createSandbox({ seed: 22 });
  sandboxServer = await sandbox.listen({ port: 0 });
  const connection = await connectSandbox(sandboxServer.url);
  const client = createProviderClient({
    clientCode: connection.clientCode,
    signKey: connection.signKey,
    baseUrl: connection.baseUrl,
    stateSecret: 'lms-browser-test-state-secret-0123456789',
    logLevel: 'silent',
  });
  app = await listen(createApp({ client, devCodes: connection.testCodes, secureCookies: false }));
  browser = await chromium.launch(chromiumLaunchOptions());
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await sandbox?.close();
});

test('a participant redeems, passes the face check on Prakerja and comes back verified', async () => {
  const page = await browser.newPage();
  await page.goto(app.url);
  const code = (await page.textContent('.dev-code'))!.trim();
  await page.fill('#redeem_code', code);
  await page.fill('#email', 'tari@lms.example');
  await page.click('#redeem');
  // On the (sandbox) Prakerja verification page.
  await page.waitForURL((url) => url.href.startsWith(sandboxServer.url));
  expect(await page.textContent('#redeem-code')).toBe(code);
  await page.click('#approve');
  // Back on the LMS, attendance confirmed by the signed status call.
  await page.waitForURL(`${app.url}/learn`);
  expect(await page.textContent('[data-sequence="1"]')).toContain('hadir');
  // Session 2, the same round trip from the course page.
  await page.click('#attend-2');
  await page.waitForURL((url) => url.href.startsWith(sandboxServer.url));
  await page.click('#approve');
  await page.waitForURL(`${app.url}/learn`);
  expect(await page.textContent('[data-sequence="2"]')).toContain('hadir');
}, 60_000);
