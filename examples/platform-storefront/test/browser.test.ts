import { createPlatformClient } from '@prakerja-kit/platform';
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
  sandbox = createSandbox({ seed: 21 });
  sandboxServer = await sandbox.listen({ port: 0 });
  const connection = await connectSandbox(sandboxServer.url);
  const client = createPlatformClient({
    clientCode: connection.clientCode,
    signKey: connection.signKey,
    baseUrl: connection.baseUrl,
    logLevel: 'silent',
  });
  app = await listen(
    createApp({
      client,
      courses: connection.courses,
      schedules: connection.schedules,
      publicUrl: 'http://storefront.test',
      devOtp: connection.latestOtp,
      devPrakerjaId: connection.prakerjaId,
    }),
  );
  browser = await chromium.launch(chromiumLaunchOptions());
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await sandbox?.close();
});

test('a buyer clicks through checkout with the OTP from the sandbox inbox, then voids', async () => {
  const schedule = sandbox.fixtures.schedules[0]!.scheduleCode;
  const page = await browser.newPage();
  await page.goto(app.url);
  await expect.poll(() => page.textContent(`[data-seats="${schedule}"]`)).toBe('20');
  await page.click(`[data-buy="${schedule}"]`);
  await page.click('#send-otp'); // the Prakerja number is prefilled in development
  const otp = (await page.textContent('#dev-otp'))!;
  await page.fill('#otp', otp);
  await page.click('#pay');
  await page.waitForURL(/\/invoices\//);
  expect(await page.getAttribute('#state', 'data-state')).toBe('paid');
  expect(await page.textContent('#program-status')).toBe('SUCCESS');
  await page.click('#void');
  await page.waitForSelector('[data-state="voided"]');
  await page.goto(app.url);
  expect(await page.textContent(`[data-seats="${schedule}"]`)).toBe('20');
}, 60_000);
