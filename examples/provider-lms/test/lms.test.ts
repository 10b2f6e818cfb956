import { createProviderClient } from '@prakerja-kit/provider';
import {
  createSandbox,
  type Sandbox,
  type SandboxOptions,
  type SandboxServer,
} from '@prakerja-kit/sandbox';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { connectSandbox, createApp, type Lms, listen, type RunningServer } from '../src/index.js';

let sandbox: Sandbox;
let sandboxServer: SandboxServer;
let app: RunningServer;
let lms: Lms;
let testCodes: string[];
const cookies = new Map<string, string>();
const lines: string[] = [];

beforeEach(() => start());

/** A sandbox (seed 5, `options` on top) and the LMS on it. */
async function start(options: SandboxOptions = {}) {
  sandbox = createSandbox({ seed: 5, ...options });
  sandboxServer = await sandbox.listen({ port: 0 });
  const connection = await connectSandbox(sandboxServer.url);
  testCodes = connection.testCodes;
  const client = createProviderClient({
    clientCode: connection.clientCode,
    signKey: connection.signKey,
    baseUrl: connection.baseUrl,
    stateSecret: 'lms-test-state-secret-0123456789abcdef',
    logLevel: 'silent',
  });
  lms = createApp({
    client,
    secureCookies: false,
    log: (line) => lines.push(line),
    watchIntervalMs: 20,
  });
  app = await listen(lms);
}

afterEach(async () => {
  await lms.watcher.stop();
  await app.close();
  await sandbox.close();
  cookies.clear();
  lines.length = 0;
});

/** fetch with a cookie jar and no automatic redirects, like a browser would keep cookies. */
async function browse(url: string, form?: Record<string, string>): Promise<Response> {
  const response = await fetch(new URL(url, app.url), {
    method: form ? 'POST' : 'GET',
    ...(form ? { body: new URLSearchParams(form) } : {}),
    headers: { cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; ') },
    redirect: 'manual',
  });
  for (const header of response.headers.getSetCookie()) {
    const [pair] = header.split(';');
    const [name, value] = pair!.split('=');
    if (value) cookies.set(name!, value);
    else cookies.delete(name!);
  }
  return response;
}

/** Follows the LMS → Prakerja verification page → approve → LMS callback round trip. */
async function verifyAt(response: Response): Promise<Response> {
  expect(response.status).toBe(303);
  const verificationUrl = response.headers.get('location')!;
  expect(verificationUrl.startsWith(sandboxServer.url)).toBe(true);
  const page = await (await fetch(verificationUrl)).text();
  const state = /name="state" value="([^"]+)"/.exec(page)![1]!;
  const decided = await fetch(new URL('/verification/attendance', sandboxServer.url), {
    method: 'POST',
    body: new URLSearchParams({ decision: 'approve', state }),
    redirect: 'manual',
  });
  const callback = decided.headers.get('location')!;
  expect(callback.startsWith(`${app.url}/prakerja/callback?`)).toBe(true);
  return browse(callback);
}

test('redeems, records attendance through the verification round trip, grades and completes', async () => {
  const redeemCode = testCodes[0]!;
  const back = await verifyAt(
    await browse('/redeem', { redeem_code: redeemCode, email: 'Tari@LMS.example' }),
  );
  expect(back.headers.get('location')).toBe('/learn');
  expect(await (await browse('/learn')).text()).toMatch(/data-sequence="1">.*hadir/);

  for (const sequence of [2, 3, 999]) {
    expect((await verifyAt(await browse(`/attend/${sequence}`, {}))).status).toBe(303);
  }
  await browse('/assignments/tpm/1', { url_file: 'https://lms.example/uploads/tpm-1.md' });
  await browse('/assignments/uk/999', { url_file: 'https://lms.example/uploads/uk.md' });
  const admin = await (await browse('/admin')).text();
  expect(admin).toContain('id="grade-tpm-1"');
  expect(admin).toContain('id="grade-uk-999"');
  await browse('/admin/grade', {
    redeem_code: redeemCode,
    scope: 'tpm',
    sequence: '1',
    notes: 'Bagus',
  });
  await browse('/admin/grade', {
    redeem_code: redeemCode,
    scope: 'uk',
    sequence: '999',
    notes: 'Bagus',
  });

  const course = await (await browse('/learn')).text();
  expect(course).toContain('data-completion="complete"');
  expect(course).toContain('data-state="accepted"');
  expect(sandbox.control.events.list('course.completed')).toHaveLength(1);
  // The status watcher followed the code since the redeem, and saw the completion on its own.
  const masked = `••••${redeemCode.slice(-4)}`;
  await vi.waitFor(
    () => expect(lines).toContain(`${masked}: course.completed (seen by the watcher)`),
    { timeout: 5000, interval: 20 },
  );
  for (const sequence of [1, 2, 3, 999]) {
    expect(lines).toContain(`${masked}: attendance.verified ${sequence} (seen by the watcher)`);
  }
  expect(lines.join('\n')).not.toContain(redeemCode);
});

test('refuses a callback whose verification was rejected at Prakerja', async () => {
  const started = await browse('/redeem', {
    redeem_code: testCodes[0]!,
    email: 'tari@lms.example',
  });
  const page = await (await fetch(started.headers.get('location')!)).text();
  const state = /name="state" value="([^"]+)"/.exec(page)![1]!;
  const decided = await fetch(new URL('/verification/attendance', sandboxServer.url), {
    method: 'POST',
    body: new URLSearchParams({ decision: 'reject', state }),
    redirect: 'manual',
  });
  const back = await browse(decided.headers.get('location')!);
  expect(back.status).toBe(403);
  expect(cookies.has('lms_session')).toBe(false);
});

test('shows the program message for an unknown redeem code', async () => {
  const response = await browse('/redeem', { redeem_code: 'PRAT-NOPE00', email: 'x@lms.example' });
  expect(response.status).toBe(422);
  expect(await response.text()).toContain('id="error"');
});

test("grading notes do not complete the course: the program's verdict does", async () => {
  await app.close();
  await sandbox.close();
  cookies.clear();
  await start({ assignments: { verdict: 'manual' } });
  const redeemCode = testCodes[0]!;
  await verifyAt(await browse('/redeem', { redeem_code: redeemCode, email: 'tari@lms.example' }));
  expect((await verifyAt(await browse('/attend/999', {}))).status).toBe(303);
  await browse('/assignments/uk/999', { url_file: 'https://lms.example/uploads/uk.md' });
  expect(await (await browse('/learn')).text()).toContain('menunggu penilaian LP');
  await browse('/admin/grade', {
    redeem_code: redeemCode,
    scope: 'uk',
    sequence: '999',
    notes: 'Kurang',
  });

  const graded = await (await browse('/learn')).text();
  expect(graded).toContain('menunggu keputusan Prakerja');
  expect(graded).toContain('data-completion="incomplete"');
  expect(await (await browse('/admin')).text()).toContain('id="nothing"');

  const uk = { redeemCode, scope: 'uk' as const, sequence: 999 };
  sandbox.control.assignments.reject(uk);
  const rejected = await (await browse('/learn')).text();
  expect(rejected).toContain('data-state="rejected"');
  expect(rejected).toContain('id="upload-uk-999"');
  expect(rejected).toContain('data-completion="incomplete"');
  expect(sandbox.control.events.list('incentive.disbursement_requested')).toEqual([]);

  await browse('/assignments/uk/999', { url_file: 'https://lms.example/uploads/uk-2.md' });
  await browse('/admin/grade', {
    redeem_code: redeemCode,
    scope: 'uk',
    sequence: '999',
    notes: 'Baik',
  });
  sandbox.control.assignments.accept(uk);
  const accepted = await (await browse('/learn')).text();
  expect(accepted).toContain('data-state="accepted"');
  expect(accepted).toContain('data-completion="complete"');
  expect(sandbox.control.events.list('course.completed')).toHaveLength(1);
});
