import { createSignature, ProgramPath } from '@prakerja-kit/core';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { chromiumLaunchOptions } from '../../../tests/support/chromium.js';
import { useSandbox } from '../src/vitest.js';
import { call, startReceiver } from './helpers.js';
import { pick, purchase } from './purchase.js';

const env = useSandbox();
let browser: Browser;
let lpSite: Awaited<ReturnType<typeof startReceiver>>;

beforeAll(async () => {
  browser = await chromium.launch(chromiumLaunchOptions());
  // The LP's site on another local port: the registered loopback redirect matches any port.
  lpSite = await startReceiver();
});

afterAll(async () => {
  await browser?.close();
  await lpSite?.close();
});

async function verifyInBrowser(button: 'approve' | 'reject') {
  const f = pick(env.fixtures);
  const { redeemCode } = await purchase(env.sandbox, env.url);
  const generated = await call(env.url, f.lp, ProgramPath.URL_GENERATE, {
    redeem_code: redeemCode,
    redirect_uri: `${lpSite.url}/prakerja/callback?from=lp`,
    email: `${button}@lp.example`,
    sequence: 1,
  });
  const { url, state } = generated.body.data;
  const page = await browser.newPage();
  try {
    await page.goto(url);
    expect(await page.textContent('#redeem-code')).toBe(redeemCode);
    await Promise.all([page.waitForURL(`${lpSite.url}/**`), page.click(`#${button}`)]);
    const back = new URL(page.url());
    expect(await page.textContent('body')).toContain('received');
    return { back, state, redeemCode };
  } finally {
    await page.close();
  }
}

it('goes from url-generate through the approve button back to the LP redirect_uri with state', async () => {
  const { back, state, redeemCode } = await verifyInBrowser('approve');
  expect(back.pathname).toBe('/prakerja/callback');
  expect(Object.fromEntries(back.searchParams)).toEqual({
    from: 'lp',
    state,
    result: 'approved',
    redeem_code: redeemCode,
    sequence: '1',
  });
  const status = await call(env.url, pick(env.fixtures).lp, ProgramPath.REDEEM_STATUS, {
    redeem_code: redeemCode,
    sequence: 1,
  });
  expect(status.body.data.attendance_status).toBe(1);
});

it('sends the browser back with result=rejected when the face check is rejected', async () => {
  const { back, redeemCode } = await verifyInBrowser('reject');
  expect(back.searchParams.get('result')).toBe('rejected');
  const status = await call(env.url, pick(env.fixtures).lp, ProgramPath.REDEEM_STATUS, {
    redeem_code: redeemCode,
    sequence: 1,
  });
  expect(status.body.data.attendance_status).toBe(2);
});

it('shows an error page for an unknown or already decided verification', async () => {
  const page = await browser.newPage();
  try {
    const response = await page.goto(`${env.url}/verification/attendance?state=vst_unknown`);
    expect(response?.status()).toBe(404);
    expect(await page.textContent('#error')).toContain('vst_unknown');
  } finally {
    await page.close();
  }
});

it('logs in through the SSO consent page and exchanges the code from the redirect', async () => {
  const f = pick(env.fixtures);
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = await createSignature({
    clientCode: f.lp.clientCode,
    signKey: f.lp.signKey,
    timestamp,
    method: 'GET',
    path: ProgramPath.SSO_AUTHORIZE,
    body: '',
  });
  const query = new URLSearchParams({
    state: 'sso-state-1',
    scope: 'name email',
    client_id: f.lp.clientCode,
    redirect_uri: `${lpSite.url}/sso/callback`,
    login_uri: `${lpSite.url}/login`,
  });
  const login = await fetch(`${env.url}${ProgramPath.SSO_AUTHORIZE}?${query}`, {
    headers: {
      'X-Client-Id': f.lp.clientCode,
      'X-Signature': signature,
      'X-Timestamp': String(timestamp),
    },
  });
  const { redirect_url } = (await login.json()).data;
  const page = await browser.newPage();
  try {
    await page.goto(redirect_url);
    await page.check(`input[value="${f.smaOnly.prakerjaId}"]`);
    await Promise.all([page.waitForURL(`${lpSite.url}/**`), page.click('#allow')]);
    const back = new URL(page.url());
    expect(back.searchParams.get('state')).toBe('sso-state-1');
    const token = await fetch(`${env.url}${ProgramPath.SSO_TOKEN}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'X-Client-Id': f.lp.clientCode },
      body: JSON.stringify({ code: back.searchParams.get('code') }),
    });
    const { access_token } = (await token.json()).data;
    const profile = await fetch(`${env.url}${ProgramPath.SSO_PROFILE}`, {
      headers: { 'X-Client-Id': f.lp.clientCode, Authorization: access_token },
    });
    expect((await profile.json()).data.no_prakerja).toBe(f.smaOnly.prakerjaId);
  } finally {
    await page.close();
  }
});
