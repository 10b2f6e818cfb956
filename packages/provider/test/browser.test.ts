import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { chromiumLaunchOptions } from '../../../tests/support/chromium.js';
import type { ProviderClient } from '../src/index.js';
import { startSandbox } from './support/sandbox.js';

const EMAIL = 'tari@lp.example';

let context: Awaited<ReturnType<typeof startSandbox>>;
let browser: Browser;
let lp: { server: Server; origin: string };

/**
 * A tiny LP site: `/start?code=` begins verification (the state goes into an HttpOnly cookie),
 * `/prakerja/callback` confirms attendance with the signed status call.
 */
async function startLpSite(client: ProviderClient) {
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', origin);
    if (url.pathname === '/start') {
      const started = await client.attendance.createVerificationUrl({
        redeemCode: url.searchParams.get('code') ?? '',
        sequence: 1,
        email: EMAIL,
        redirectUri: `${origin}/prakerja/callback`,
      });
      response.writeHead(302, {
        location: started.url,
        'set-cookie': [
          `att_state=${started.state}; HttpOnly; SameSite=Lax; Path=/prakerja`,
          `att_code=${url.searchParams.get('code') ?? ''}; HttpOnly; SameSite=Lax; Path=/prakerja`,
        ],
      });
      response.end();
      return;
    }
    if (url.pathname === '/prakerja/callback') {
      const state = /(?:^|;\s*)att_state=([^;]+)/.exec(request.headers.cookie ?? '')?.[1] ?? '';
      // The participant in session; in a real LP both come from the logged-in user.
      const redeemCode = /(?:^|;\s*)att_code=([^;]+)/.exec(request.headers.cookie ?? '')?.[1] ?? '';
      const result = await client.attendance.confirm({
        state,
        returnUrl: url,
        email: EMAIL,
        redeemCode,
      });
      const text =
        result.outcome === 'verified'
          ? `Kehadiran terverifikasi: sequence ${result.sequence}`
          : `Belum terverifikasi: ${result.reason}`;
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(`<!doctype html><title>LP</title><p id="result">${text}</p>`);
      return;
    }
    response.writeHead(404).end();
  };
  const server = createServer((request, response) => {
    handle(request, response).catch(() => {
      response.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { server, origin };
}

beforeAll(async () => {
  context = await startSandbox();
  lp = await startLpSite(context.makeClient());
  browser = await chromium.launch(chromiumLaunchOptions());
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => lp?.server.close(resolve));
  await context?.close();
});

test('in a real browser the LP starts verification, the sandbox page approves and the LP confirms attendance', async () => {
  const page = await browser.newPage();
  await page.goto(`${lp.origin}/start?code=${context.code('TC1-001-200')}`);
  expect(page.url().startsWith(context.server.url)).toBe(true);
  await page.click('#approve');
  await page.waitForURL((url) => url.pathname === '/prakerja/callback');
  expect(await page.textContent('#result')).toBe('Kehadiran terverifikasi: sequence 1');
  await page.close();
});

test('in a real browser a rejected verification comes back unconfirmed', async () => {
  const page = await browser.newPage();
  await page.goto(`${lp.origin}/start?code=${context.code('TC2-001-200')}`);
  await page.click('#reject');
  await page.waitForURL((url) => url.pathname === '/prakerja/callback');
  expect(await page.textContent('#result')).toBe('Belum terverifikasi: not_verified');
  await page.close();
});
