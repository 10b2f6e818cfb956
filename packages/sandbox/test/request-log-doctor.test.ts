import { createHmac } from 'node:crypto';
import { ProgramPath } from '@prakerja-kit/core';
import { afterEach, expect, it } from 'vitest';
import { createSandbox, type Sandbox, type SandboxServer } from '../src/index.js';
import {
  DOCTOR_MAX_FAULTS,
  DOCTOR_PER_SECOND,
  type RefusedCapture,
  RequestLog,
} from '../src/internal/dashboard/request-log.js';
import { control } from './helpers.js';
import { pick } from './purchase.js';

// The request log runs the doctor (`diagnoseSignature`) on every refused signature and keeps
// what it says, never the sign key or the signature.

let sandbox: Sandbox | undefined;
let server: SandboxServer | undefined;

afterEach(async () => {
  await server?.close();
  sandbox = undefined;
  server = undefined;
});

async function start(profile: Parameters<typeof createSandbox>[0] = {}) {
  sandbox = createSandbox(profile);
  server = await sandbox.listen({ port: 0, host: '127.0.0.1' });
  return { sandbox, url: server.url, f: pick(sandbox.fixtures) };
}

interface Sent {
  path: string;
  signedPath?: string;
  body: string;
  signedBody?: string;
  clientCode: string;
  signKey: string;
  upperCase?: boolean;
}

/** Sends a hand-signed request (HMAC-SHA1 over what the "client" believed it sent). */
async function send(url: string, sent: Sent) {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const raw = `${sent.clientCode}${timestamp}POST${sent.signedPath ?? sent.path}${sent.signedBody ?? sent.body}`;
  let signature = createHmac('sha1', sent.signKey).update(raw).digest('hex');
  if (sent.upperCase) signature = signature.toUpperCase();
  const response = await fetch(url + sent.path, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      client_code: sent.clientCode,
      signature,
      timestamp,
    },
    body: sent.body,
  });
  await response.text();
  return { status: response.status, signature };
}

async function lastEntry(url: string) {
  const log = await control(url, 'GET', '/requests');
  return { entry: log.body[0], text: JSON.stringify(log.body) };
}

function quota(f: ReturnType<typeof pick>) {
  return {
    compact: JSON.stringify({
      course_code: f.course.courseCode,
      schedule_code: f.soon.scheduleCode,
    }),
    spaced: `{"course_code": "${f.course.courseCode}", "schedule_code": "${f.soon.scheduleCode}"}`,
  };
}

it('names upper-case hex when the profile refuses it', async () => {
  const { url, f } = await start({ profile: { base: 'default', signatureHex: 'lower-only' } });
  const { status, signature } = await send(url, {
    path: ProgramPath.QUOTA_SCHEDULE,
    body: quota(f).compact,
    clientCode: f.dp.clientCode,
    signKey: f.dp.signKey,
    upperCase: true,
  });
  expect(status).toBeGreaterThanOrEqual(400);
  const { entry, text } = await lastEntry(url);
  expect(entry.signature).toBe('invalid');
  expect(entry.doctor.outcome).toBe('diagnosed');
  expect(entry.doctor.faults.map((fault: { code: string }) => fault.code)).toContain(
    'uppercase-hex',
  );
  const upper = entry.doctor.faults.find(
    (fault: { code: string }) => fault.code === 'uppercase-hex',
  );
  expect(upper.fix).not.toBe('');
  expect(upper.cause).not.toBe('');
  expect(text).not.toContain(f.dp.signKey);
  expect(text.toLowerCase()).not.toContain(signature.toLowerCase().slice(0, 8));
});

it('names a body re-serialised after signing under exact body canonicalisation', async () => {
  const { url, f } = await start({ profile: { base: 'default', bodyCanonicalisation: 'exact' } });
  const body = quota(f);
  const { signature } = await send(url, {
    path: ProgramPath.QUOTA_SCHEDULE,
    body: body.spaced,
    signedBody: body.compact,
    clientCode: f.dp.clientCode,
    signKey: f.dp.signKey,
  });
  const { entry, text } = await lastEntry(url);
  expect(entry.signature).toBe('invalid');
  expect(entry.doctor.faults[0].code).toBe('body-reserialised');
  expect(entry.doctor.text).toContain(entry.doctor.faults[0].message);
  expect(text).not.toContain(f.dp.signKey);
  expect(text.toLowerCase()).not.toContain(signature.slice(0, 8));
});

it('names a path signed with the host', async () => {
  const { url, f } = await start();
  const { signature } = await send(url, {
    path: ProgramPath.QUOTA_SCHEDULE,
    signedPath: url + ProgramPath.QUOTA_SCHEDULE,
    body: quota(f).compact,
    clientCode: f.dp.clientCode,
    signKey: f.dp.signKey,
  });
  const { entry, text } = await lastEntry(url);
  expect(entry.signature).toBe('invalid');
  expect(entry.doctor.faults[0].code).toBe('path-with-host');
  expect(text).not.toContain(f.dp.signKey);
  expect(text.toLowerCase()).not.toContain(signature.slice(0, 8));
});

it('names a timestamp outside the window, against the sandbox clock and tolerance', async () => {
  const { url, f } = await start({ timestampToleranceSeconds: 60 });
  const timestamp = String(Math.floor(Date.now() / 1000) - 3600);
  const body = quota(f).compact;
  const raw = `${f.dp.clientCode}${timestamp}POST${ProgramPath.QUOTA_SCHEDULE}${body}`;
  const signature = createHmac('sha1', f.dp.signKey).update(raw).digest('hex');
  await fetch(url + ProgramPath.QUOTA_SCHEDULE, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      client_code: f.dp.clientCode,
      signature,
      timestamp,
    },
    body,
  }).then((response) => response.text());
  const { entry } = await lastEntry(url);
  expect(entry.signature).toBe('timestamp-out-of-window');
  expect(entry.doctor.faults.map((fault: { code: string }) => fault.code)).toEqual([
    'timestamp-skew',
  ]);
});

it('says there is no key for an unknown client_code, and nothing for a valid request', async () => {
  const { url, f } = await start();
  await send(url, {
    path: ProgramPath.QUOTA_SCHEDULE,
    body: quota(f).compact,
    clientCode: 'nobody<script>',
    signKey: 'sk_x',
  });
  const unknown = (await lastEntry(url)).entry;
  expect(unknown.signature).toBe('unknown-client');
  expect(unknown.doctor).toMatchObject({ outcome: 'unknown-client', faults: [] });
  expect(unknown.doctor.text).toContain('no sign key');
  await send(url, {
    path: ProgramPath.QUOTA_SCHEDULE,
    body: quota(f).compact,
    clientCode: f.dp.clientCode,
    signKey: f.dp.signKey,
  });
  const valid = (await lastEntry(url)).entry;
  expect(valid).toMatchObject({ signature: 'valid', doctor: null });
});

it('bounds the diagnoses: faults and strings capped, at most DOCTOR_PER_SECOND per second', () => {
  const log = new RequestLog(500, () => 5_000);
  const timestamp = 1_700_000_000;
  const body = '{"a": 1}';
  const capture = (): RefusedCapture => ({
    method: 'POST',
    target: `${ProgramPath.QUOTA_SCHEDULE}?x=${'q'.repeat(2000)}`,
    headers: [
      ['host', 'sandbox.test'],
      ['client_code', 'dp'],
      ['timestamp', String(timestamp)],
      ['signature', 'ABCDEF'.repeat(6)],
      ['authorization', 'Bearer tok_secret_access_token'],
    ],
    body,
    clientCode: 'dp',
    signKey: 'sk_secret_key',
    now: timestamp + 10_000,
    toleranceSeconds: 30,
    upperCaseAccepted: false,
  });
  const entry = {
    at: '',
    method: 'POST',
    path: ProgramPath.QUOTA_SCHEDULE,
    client: 'dp',
    status: 400,
    latencyMs: 1,
    signature: 'invalid' as const,
    code: null,
  };
  const entries = Array.from({ length: DOCTOR_PER_SECOND + 3 }, () => log.add(entry, capture));
  const outcomes = entries.map((each) => each.doctor?.outcome);
  expect(outcomes.slice(0, DOCTOR_PER_SECOND).every((outcome) => outcome === 'diagnosed')).toBe(
    true,
  );
  expect(outcomes.slice(DOCTOR_PER_SECOND)).toEqual(['skipped', 'skipped', 'skipped']);
  for (const each of entries) {
    expect(each.doctor!.faults.length).toBeLessThanOrEqual(DOCTOR_MAX_FAULTS);
    for (const fault of each.doctor!.faults)
      for (const value of Object.values(fault)) expect(value.length).toBeLessThanOrEqual(300);
  }
  const text = JSON.stringify(entries);
  expect(text).not.toContain('sk_secret_key');
  expect(text).not.toContain('tok_secret_access_token');
  expect(text.toLowerCase()).not.toContain('abcdefab');
  // A request that is not refused is never diagnosed.
  expect(log.add({ ...entry, signature: 'valid' }, capture).doctor).toBeNull();
});
