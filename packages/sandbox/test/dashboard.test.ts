import { ProgramPath } from '@prakerja-kit/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createSandbox } from '../src/index.js';
import { MAX_STREAM_CLIENTS } from '../src/internal/dashboard/live.js';
import { REQUEST_LOG_LIMIT } from '../src/internal/dashboard/request-log.js';
import { formatBanner } from '../src/run-sandbox-cli.js';
import { useSandbox } from '../src/vitest.js';
import { call, codeOf, control } from './helpers.js';
import { pick, purchase } from './purchase.js';

const env = useSandbox();

async function readUntil(reader: ReadableStreamDefaultReader<Uint8Array>, needle: string) {
  const decoder = new TextDecoder();
  let text = '';
  for (let index = 0; index < 20 && !text.includes(needle); index += 1) {
    const { value, done } = await reader.read();
    if (done) break;
    text += decoder.decode(value);
  }
  return text;
}

describe('dashboard page', () => {
  it('serves the page at /__sandbox/ui and at / to a browser, JSON at / to API clients', async () => {
    const ui = await fetch(`${env.url}/__sandbox/ui`);
    expect(ui.status).toBe(200);
    expect(ui.headers.get('content-type')).toContain('text/html');
    expect(ui.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await ui.text();
    expect(html).toContain('/__sandbox/ui/app.js');
    expect(html).not.toMatch(/<script>/);

    const browser = await fetch(`${env.url}/`, {
      headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' },
    });
    expect(browser.headers.get('content-type')).toContain('text/html');
    expect(await browser.text()).toBe(html);

    const api = await fetch(`${env.url}/`);
    expect(await api.json()).toEqual({ sandbox: 'prakerja-kit', control: '/__sandbox' });
  });

  it('serves its script and style from the package, and lists its routes in the control plane', async () => {
    const script = await fetch(`${env.url}/__sandbox/ui/app.js`);
    expect(script.headers.get('content-type')).toContain('text/javascript');
    const source = await script.text();
    expect(source).toContain('EventSource');
    // Data reaches the page as text only.
    expect(source).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
    expect(source).not.toMatch(/https?:\/\/(?!127)/);
    const style = await fetch(`${env.url}/__sandbox/ui/app.css`);
    expect(style.headers.get('content-type')).toContain('text/css');
    const routes = (await control(env.url, 'GET', '')).body.routes as string[];
    expect(routes).toEqual(
      expect.arrayContaining([
        expect.stringContaining('GET /__sandbox/ui'),
        expect.stringContaining('GET /__sandbox/stream'),
        expect.stringContaining('GET /__sandbox/requests'),
        expect.stringContaining('POST /__sandbox/transactions/:code/void'),
      ]),
    );
  });

  it('prints the dashboard URL in the start banner', async () => {
    const banner = formatBanner(env.sandbox, env.server);
    expect(banner).toContain(`dashboard:     ${env.url}/__sandbox/ui`);
    expect(env.server.dashboardUrl).toBe(`${env.url}/__sandbox/ui`);
  });
});

describe('request log', () => {
  it('records program requests with client, status, latency and the signature verdict', async () => {
    const f = pick(env.fixtures);
    await control(env.url, 'DELETE', '/requests');
    const body = { course_code: f.course.courseCode, schedule_code: f.soon.scheduleCode };
    await call(env.url, f.dp, ProgramPath.QUOTA_SCHEDULE, body);
    await call(env.url, f.dp, ProgramPath.QUOTA_SCHEDULE, body, { signKey: 'wrong-key' });
    await call(env.url, f.dp, ProgramPath.QUOTA_SCHEDULE, body, {
      timestamp: Math.floor(Date.now() / 1000) - 3600,
    });
    await call(env.url, { clientCode: 'nobody', signKey: 'x' }, ProgramPath.QUOTA_SCHEDULE, body);
    await control(env.url, 'GET', '/fixtures');
    const log = (await control(env.url, 'GET', '/requests')).body;
    expect(log.map((entry: { signature: string }) => entry.signature)).toEqual([
      'unknown-client',
      'timestamp-out-of-window',
      'invalid',
      'valid',
    ]);
    expect(log[3]).toMatchObject({
      method: 'POST',
      path: ProgramPath.QUOTA_SCHEDULE,
      client: f.dp.clientCode,
      status: 200,
      code: null,
      hint: null,
    });
    expect(log[3].latencyMs).toBeGreaterThanOrEqual(0);
    expect(log[2].hint).toContain('doctor');
    // Secrets never reach the log.
    expect(JSON.stringify(log)).not.toContain(f.dp.signKey);
    expect((await control(env.url, 'GET', '/requests?limit=1')).body).toHaveLength(1);
    expect((await control(env.url, 'GET', '/requests?limit=-1')).status).toBe(400);
  });

  it('keeps only the last entries', async () => {
    const sandbox = createSandbox();
    try {
      for (let index = 0; index < REQUEST_LOG_LIMIT + 5; index += 1) {
        await sandbox.fetch(
          new Request('https://sandbox.prakerja-kit.test/nope', { method: 'POST' }),
        );
      }
      const log = await (
        await sandbox.fetch(new Request('https://sandbox.prakerja-kit.test/__sandbox/requests'))
      ).json();
      expect(log).toHaveLength(REQUEST_LOG_LIMIT);
      expect(log[0].id).toBe(REQUEST_LOG_LIMIT + 5);
    } finally {
      await sandbox.close();
    }
  });
});

describe('live stream', () => {
  const sandboxes: Array<{ close(): Promise<void> }> = [];
  afterEach(async () => {
    await Promise.all(sandboxes.splice(0).map((item) => item.close()));
  });

  it('sends a change message when the state changes, bounds its clients and ends on close', async () => {
    const sandbox = createSandbox();
    sandboxes.push(sandbox);
    const server = await sandbox.listen({ port: 0 });
    const first = await fetch(`${server.url}/__sandbox/stream`);
    expect(first.headers.get('content-type')).toContain('text/event-stream');
    const reader = first.body!.getReader();
    expect(await readUntil(reader, 'data: 0')).toContain('event: change');
    await control(server.url, 'POST', '/clock/advance', { minutes: 5 });
    expect(await readUntil(reader, 'data: 1')).toContain('data: 1');

    const others = await Promise.all(
      Array.from({ length: MAX_STREAM_CLIENTS - 1 }, () => fetch(`${server.url}/__sandbox/stream`)),
    );
    expect(others.every((response) => response.status === 200)).toBe(true);
    const refused = await fetch(`${server.url}/__sandbox/stream`);
    expect(refused.status).toBe(503);
    await refused.body?.cancel();
    // A client that leaves frees its place.
    await others[0]!.body!.cancel();
    let again: Response | undefined;
    for (let attempt = 0; attempt < 20; attempt += 1) {
      again = await fetch(`${server.url}/__sandbox/stream`);
      if (again.status === 200) break;
      await again.body?.cancel();
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(again?.status).toBe(200);
    await again?.body?.cancel();

    await sandbox.close();
    let ended = false;
    for (let index = 0; index < 20 && !ended; index += 1) {
      ended = (await reader.read()).done;
    }
    expect(ended).toBe(true);
    for (const response of others.slice(1)) await response.body?.cancel().catch(() => undefined);
  });
});

describe('void from the dashboard', () => {
  it('voids a purchase through the control plane like payment/void', async () => {
    const bought = await purchase(env.sandbox, env.url);
    const voided = await control(env.url, 'POST', `/transactions/${bought.transactionCode}/void`);
    expect(voided.status).toBe(200);
    expect(voided.body.status).toBe('VOID');
    expect(env.sandbox.control.events.list('payment.voided')).toHaveLength(1);
    const twice = await control(env.url, 'POST', `/transactions/${bought.transactionCode}/void`);
    expect(twice.status).toBe(409);
    expect((await control(env.url, 'POST', '/transactions/TRX-NOPE/void')).status).toBe(404);
  });
});

describe('non-http(s) redirect URIs are refused', () => {
  it('refuses a javascript: redirect_uri in url-generate with a 400', async () => {
    const f = pick(env.fixtures);
    const { redeemCode } = await purchase(env.sandbox, env.url);
    for (const uri of [
      'javascript:alert(1)//127.0.0.1/prakerja/callback',
      'data:text/html,<b>x</b>',
    ]) {
      const result = await call(env.url, f.lp, ProgramPath.URL_GENERATE, {
        redeem_code: redeemCode,
        redirect_uri: uri,
        email: 'x@lp.example',
        sequence: 1,
      });
      expect(result.status).toBe(400);
      expect(result.body.success).toBe(false);
      expect(codeOf(result)).toBeDefined();
    }
    expect(env.sandbox.control.verifications.list()).toHaveLength(0);
  });

  it('refuses javascript: redirect URIs in a state import and in the control plane', async () => {
    const state = env.sandbox.control.state.export();
    state.fixtures.providers[0]!.redirectUris.push('javascript:alert(1)');
    const imported = await control(env.url, 'PUT', '/state', state);
    expect(imported.status).toBe(400);
    expect(imported.body.error).toContain('http(s)');

    const verification = env.sandbox.control.state.export();
    verification.verifications['vst_x'] = {
      state: 'vst_x',
      redeemCode: verification.fixtures.redeemCodes[0]!.redeemCode,
      sequence: 1,
      redirectUri: 'JavaScript:alert(document.domain)',
      email: 'x@lp.example',
      clientCode: verification.fixtures.providers[0]!.clientCode,
      status: 'pending',
      createdAt: new Date().toISOString(),
      decidedAt: null,
    };
    expect((await control(env.url, 'PUT', '/state', verification)).status).toBe(400);

    const added = await control(env.url, 'POST', '/redirect-uris', {
      clientCode: verification.fixtures.providers[0]!.clientCode,
      uri: 'javascript:alert(1)',
    });
    expect(added.status).toBe(400);
  });

  it('refuses a javascript: login_uri on the SSO consent page', async () => {
    const lp = pick(env.fixtures).lp;
    const query = new URLSearchParams({
      client_id: lp.clientCode,
      redirect_uri: 'http://127.0.0.1/sso/callback',
      login_uri: 'javascript:alert(1)',
      state: 's',
      scope: 'name',
    });
    const page = await fetch(`${env.url}/consent-sso?${query}`);
    expect(page.status).toBe(400);
  });
});
