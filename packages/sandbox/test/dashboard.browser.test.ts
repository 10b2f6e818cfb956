// The sandbox dashboard in headless Chromium, against a real sandbox server on 127.0.0.1:
// purchases, verifications, deliveries and faults seen and steered from the page, live.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ProgramPath } from '@prakerja-kit/core';
import { createPlatformClient } from '@prakerja-kit/platform';
import { createProviderClient } from '@prakerja-kit/provider';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { chromiumLaunchOptions } from '../../../tests/support/chromium.js';
import { createSandbox, type Sandbox, type SandboxServer } from '../src/index.js';
import { call, control, startReceiver } from './helpers.js';
import { pick } from './purchase.js';

const SCREENSHOTS = fileURLToPath(new URL('../../../.tmp/dashboard-screenshots/', import.meta.url));
const TABS = [
  'overview',
  'participants',
  'catalogue',
  'transactions',
  'sms',
  'attendance',
  'assignments',
  'events',
  'faults',
  'requests',
] as const;

let sandbox: Sandbox;
let server: SandboxServer;
let browser: Browser;
let page: Page;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let receiverStatus = 500;
const dialogs: string[] = [];
const pageErrors: string[] = [];
let bought: { invoiceCode: string; redeemCode: string; prakerjaId: string } | undefined;

const f = () => pick(sandbox.fixtures);
const platform = () =>
  createPlatformClient({
    clientCode: f().dp.clientCode,
    signKey: f().dp.signKey,
    baseUrl: server.url,
  });
const provider = () =>
  createProviderClient({
    clientCode: f().lp.clientCode,
    signKey: f().lp.signKey,
    baseUrl: server.url,
    ssoBaseUrl: server.url,
    redirectUri: 'http://127.0.0.1/prakerja/callback',
    stateSecret: 'dashboard-test-state-secret-0123456789',
  });

async function buy(invoiceCode: string, prakerjaId = f().eligible.prakerjaId) {
  const client = platform();
  const course = f().course;
  const { paymentToken } = await client.payments.sendOtp({
    prakerjaId,
    userPlatformId: `user-${invoiceCode}`,
    courseCode: course.courseCode,
    scheduleCode: f().soon.scheduleCode,
    amount: course.price,
  });
  const otp = sandbox.control.sms.latestOtp(prakerjaId)!;
  const result = await client.payments.authorize({
    paymentToken,
    otp,
    invoiceCode,
    invoiceUrl: `https://shop.example/invoices/${invoiceCode}`,
  });
  expect(result.outcome).toBe('purchased');
  const redeemCode = sandbox.control.transactions.byInvoice(invoiceCode)!.redeemCode;
  return { invoiceCode, redeemCode, prakerjaId, otp };
}

async function openTab(id: string) {
  await page.click(`#tab-${id}`);
  await page.locator(`#panel-${id}`).waitFor({ state: 'visible' });
}

beforeAll(async () => {
  sandbox = createSandbox({
    seed: 7,
    webhooks: { retryDelaysMs: [] },
    assignments: { verdict: 'manual' },
  });
  server = await sandbox.listen({ port: 0, host: '127.0.0.1' });
  receiver = await startReceiver(() => receiverStatus);
  browser = await chromium.launch(chromiumLaunchOptions());
  page = await browser.newPage({ viewport: { width: 1366, height: 860 } });
  page.setDefaultTimeout(10_000);
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(`${server.url}/`);
  await page.locator('#live-status.on').waitFor();
  // Set once: still there at the end proves the page never reloaded.
  await page.evaluate(() => {
    (window as unknown as { loadedOnce: boolean }).loadedOnce = true;
  });
}, 30_000);

afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
  await receiver?.close();
});

it('shows a purchase made with the platform client, its transaction and OTP, without a reload', async () => {
  await openTab('transactions');
  // The seeded test codes' purchases are listed; the new one is not there yet.
  await page.locator('#transactions-table').waitFor();
  expect(await page.locator('tr[data-invoice="INV-DASH-1"]').count()).toBe(0);
  const purchase = await buy('INV-DASH-1');
  bought = purchase;
  const row = page.locator('tr[data-invoice="INV-DASH-1"]');
  await row.waitFor();
  expect(await row.getAttribute('data-status')).toBe('SUCCESS');
  expect(await row.textContent()).toContain(purchase.redeemCode);

  await openTab('sms');
  const sms = page.locator(`#sms-table tbody tr[data-prakerja-id="${purchase.prakerjaId}"] .otp`);
  await expect.poll(() => sms.first().textContent()).toBe(purchase.otp);
  expect(
    await page.evaluate(() => (window as unknown as { loadedOnce?: boolean }).loadedOnce),
  ).toBe(true);
});

it("approves a verification from the dashboard and the provider's attendance.confirm succeeds", async () => {
  const lp = provider();
  const email = 'dashboard@lp.example';
  const started = await lp.attendance.createVerificationUrl({
    redeemCode: bought!.redeemCode,
    sequence: 1,
    email,
  });
  const programState = started.programState!;
  await openTab('attendance');
  const row = page.locator(`tr[data-state="${programState}"]`);
  await row.waitFor();
  await row.locator('button[data-action="approve"]').click();
  await page.locator(`tr[data-state="${programState}"][data-status="approved"]`).waitFor();
  const codeRow = page.locator(`#redeem-codes-table tr[data-redeem-code="${bought!.redeemCode}"]`);
  await expect.poll(() => codeRow.textContent()).toContain('1: verified');

  // The dashboard says where the participant's browser would come back to (the LP's redirect_uri).
  const message = (await page.textContent('#message')) ?? '';
  const returnUrl = new URL(/would return to (\S+)/.exec(message)![1]!);
  expect(returnUrl.origin + returnUrl.pathname).toBe('http://127.0.0.1/prakerja/callback');
  expect(returnUrl.searchParams.get('result')).toBe('approved');
  const confirmed = await lp.attendance.confirm({
    state: started.state,
    returnUrl: returnUrl.toString(),
    email,
    redeemCode: bought!.redeemCode,
  });
  expect(confirmed.outcome).toBe('verified');
});

it("gives the program's verdict on a submission from the Assignments page", async () => {
  const lp = provider();
  const target = { redeemCode: bought!.redeemCode, scope: 'tpm', sequence: 1 } as const;
  await lp.assignments.submit({ ...target, urlFile: 'https://lp.example/tugas-1.pdf' });
  await lp.assignments.review({ ...target, notes: 'Rubrik terpenuhi' });
  await openTab('assignments');
  await page.locator('#assignments-table button[data-action="accept"]').click();
  await expect
    .poll(async () => (await lp.assignments.retrieve(target)).assignmentState)
    .toBe('accepted');
  await page.locator('#assignments-table tr[data-status="2"]').first().waitFor();
  expect(await page.locator('#assignments-table').textContent()).toContain('diterima (accepted)');
});

it('redelivers a failed delivery from the dashboard and shows the second attempt', async () => {
  await openTab('events');
  await page.fill('#webhook-url', `${receiver.url}/webhooks`);
  await page.fill('#webhook-events', 'payment.voided');
  await page.click('#webhook-add');
  await page.locator('#webhooks-table tr[data-endpoint]').waitFor();

  // A second purchase, voided from the Transactions page: payment.voided goes to the endpoint.
  await buy('INV-DASH-2', f().smaOnly.prakerjaId);
  await openTab('transactions');
  await page.locator('tr[data-invoice="INV-DASH-2"] button').click();
  await page.locator('tr[data-invoice="INV-DASH-2"][data-status="VOID"]').waitFor();

  await openTab('events');
  const failed = page.locator('#deliveries-table tr[data-status="failed"][data-attempts="1"]');
  await failed.waitFor();
  expect(await failed.textContent()).toContain('HTTP 500');
  // What the receiver answered, headers and body, as text (its HTML body is never rendered).
  await failed.locator('details[data-response] summary').first().click();
  expect(await failed.locator('pre[data-response-headers]').first().textContent()).toContain(
    'content-type: text/html',
  );
  expect(await failed.locator('pre[data-response-body]').first().textContent()).toBe(
    '<html><body>received</body></html>',
  );
  expect(
    await failed.locator('pre[data-response-body] body, pre[data-response-body] html').count(),
  ).toBe(0);
  receiverStatus = 204;
  await failed.locator('button[data-action="redeliver"]').click();
  const succeeded = page.locator(
    '#deliveries-table tr[data-status="succeeded"][data-attempts="2"]',
  );
  await succeeded.waitFor();
  expect(await succeeded.textContent()).toContain('HTTP 204');
  expect(receiver.received).toHaveLength(2);
  expect(receiver.received[0]!.headers['webhook-id']).toBe(
    receiver.received[1]!.headers['webhook-id'],
  );
});

it('adds a latency fault from the form and the next program request is delayed by it', async () => {
  await openTab('faults');
  await page.selectOption('#fault-kind', 'latency');
  await page.fill('#fault-path', ProgramPath.QUOTA_SCHEDULE);
  await page.fill('#fault-times', '1');
  await page.fill('#fault-latency', '600');
  await page.click('#fault-add');
  const fault = page.locator('#faults-table tr[data-kind="latency"]');
  await fault.waitFor();
  expect(await fault.textContent()).toContain('600 ms');

  const startedAt = performance.now();
  const quota = await platform().quotas.retrieve({
    courseCode: f().course.courseCode,
    scheduleCode: f().later.scheduleCode,
  });
  expect(performance.now() - startedAt).toBeGreaterThanOrEqual(550);
  expect(quota).toBeDefined();
  await page.locator('#faults-table tr[data-kind="latency"][data-hits="1"]').waitFor();

  await openTab('requests');
  const logged = page
    .locator(`#requests-table tr[data-path="${ProgramPath.QUOTA_SCHEDULE}"]`)
    .first();
  await logged.waitFor();
  const text = (await logged.textContent()) ?? '';
  expect(text).toContain('valid');
  expect(Number(/(\d+) ms/.exec(text)?.[1])).toBeGreaterThanOrEqual(550);
});

it('shows what the doctor says on the request log row of a refused signature', async () => {
  const body = { course_code: f().course.courseCode, schedule_code: f().later.scheduleCode };
  const refused = await call(server.url, f().dp, ProgramPath.QUOTA_SCHEDULE, body, {
    signKey: 'not-the-sign-key',
  });
  expect(refused.status).toBeGreaterThanOrEqual(400);
  await openTab('requests');
  const row = page
    .locator('#requests-table tbody tr', {
      has: page.locator('[data-doctor="diagnosed"] li[data-fault="wrong-key"]'),
    })
    .first();
  await row.waitFor();
  const fault = row.locator('li[data-fault="wrong-key"]');
  const text = (await row.textContent()) ?? '';
  expect(text).toContain('invalid signature');
  expect(text).toContain('The doctor says');
  expect(await fault.textContent()).toMatch(/wrong-key.*Cause: .+Fix: .+/s);
  expect(text).not.toContain(f().dp.signKey);
});

it('moves between pages with the keyboard', async () => {
  await page.focus('#tab-overview');
  await openTab('overview');
  await page.keyboard.press('ArrowRight');
  expect(await page.getAttribute('#tab-participants', 'aria-selected')).toBe('true');
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('tab-participants');
  await page.keyboard.press('End');
  expect(await page.locator('#panel-requests').isVisible()).toBe(true);
  await page.keyboard.press('Home');
  expect(await page.locator('#panel-overview').isVisible()).toBe(true);
  // Every form control has a label.
  const unlabelled = await page.evaluate(
    () =>
      [...document.querySelectorAll('input, select')].filter(
        (control) => !(control as HTMLInputElement).labels?.length,
      ).length,
  );
  expect(unlabelled).toBe(0);
});

it('writes a screenshot of each page', async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  // A refused signature, so the request log shows a verdict other than "valid".
  await call(server.url, f().dp, ProgramPath.QUOTA_SCHEDULE, {}, { signKey: 'not-the-key' });
  for (const [index, tab] of TABS.entries()) {
    await openTab(tab);
    await page.waitForTimeout(150);
    await page.screenshot({
      path: `${SCREENSHOTS}${String(index + 1).padStart(2, '0')}-${tab}.png`,
      fullPage: true,
    });
  }
  expect(pageErrors).toEqual([]);
  expect(dialogs).toEqual([]);
});

it('shows planted HTML and javascript: values as text: nothing runs, nothing is linked', async () => {
  const state = sandbox.control.state.export();
  const html = '<img src=x onerror="alert(1)" id="injected-img">';
  state.fixtures.participants[0]!.name = `<b id="injected-name">Budi</b>${html}`;
  const transaction = Object.values(state.transactions)[0]!;
  transaction.invoiceUrl = 'javascript:alert(document.domain)';
  transaction.invoiceCode = '<script id="injected-script">alert(2)</script>';
  state.sms.push({
    id: 'sms_planted',
    prakerjaId: state.fixtures.participants[0]!.prakerjaId,
    phone: '<svg onload=alert(3) id="injected-svg">',
    otp: '<i id="injected-otp">1</i>',
    text: `<a id="injected-link" href="javascript:alert(4)">klik</a>`,
    sentAt: new Date().toISOString(),
  });
  state.assignments.push({
    id: 999,
    kind: 'feedback',
    redeemCode: bought!.redeemCode,
    scope: 'tpm',
    sequence: 2,
    urlFile: 'javascript:alert(5)',
    notes: '<iframe id="injected-frame" src="javascript:alert(6)"></iframe>',
    status: 1,
    at: new Date().toISOString(),
  });
  state.events.push({
    id: 'evt_planted',
    type: '<img src=x onerror=alert(7) id="injected-event">',
    created_at: new Date().toISOString(),
    data: { note: '</pre><script>alert(8)</script>' },
  });
  expect((await control(server.url, 'PUT', '/state', state)).status).toBe(200);
  // A request whose client header carries HTML lands in the request log.
  await fetch(`${server.url}${ProgramPath.QUOTA_SCHEDULE}`, {
    method: 'POST',
    headers: { client_code: '<img src=x onerror=alert(9) id="injected-client">' },
    body: '{}',
  });

  for (const tab of TABS) {
    await openTab(tab);
    await page.waitForTimeout(100);
    expect(await page.locator('[id^="injected"]').count()).toBe(0);
    expect(await page.locator('a[href], iframe, main script, main img, main svg').count()).toBe(0);
  }
  await openTab('transactions');
  await expect
    .poll(() => page.locator('#transactions-table').textContent())
    .toContain('javascript:alert(document.domain)');
  await openTab('sms');
  expect(await page.locator('#sms-table').textContent()).toContain('<i id="injected-otp">1</i>');
  await openTab('assignments');
  expect(await page.locator('#assignments-table').textContent()).toContain(
    '<iframe id="injected-frame"',
  );
  expect(dialogs).toEqual([]);
  expect(pageErrors).toEqual([]);
  expect(
    await page.evaluate(() => (window as unknown as { loadedOnce?: boolean }).loadedOnce),
  ).toBe(true);
});
