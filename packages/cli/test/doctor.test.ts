import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { ensureBuilt, runBin } from './helpers/built-bin.js';
import { asCurl, asHttp, FAULT_CASES, VALID, WORKED } from './helpers/captures.js';

const directory = mkdtempSync(join(tmpdir(), 'prakerja-doctor-'));
const env = { PRAKERJA_SIGN_KEY: WORKED.key };

beforeAll(() => ensureBuilt(), 120_000);

function write(name: string, text: string): string {
  const file = join(directory, name);
  writeFileSync(file, text);
  return file;
}

const formats = [
  ['a curl capture', 'curl', asCurl],
  ['a raw HTTP capture', 'http', asHttp],
] as const;

for (const [label, extension, render] of formats) {
  for (const { fault, sent, now } of FAULT_CASES) {
    it(`names ${fault} from ${label}`, async () => {
      const file = write(`${fault}.${extension}`, render(sent));
      const result = await runBin(
        ['doctor', file, '--json', '--now', String(now ?? WORKED.timestamp + 5)],
        { env },
      );
      expect(result.code).toBe(1);
      const diagnosis = JSON.parse(result.stdout);
      expect(diagnosis.ok).toBe(false);
      expect(diagnosis.faults.map((each: { code: string }) => each.code)).toEqual([fault]);
      expect(diagnosis.canonical.rawSignature).toBe(
        `${WORKED.clientCode}${WORKED.timestamp}POST${WORKED.path}${sent.body}`,
      );
      expect(result.stdout + result.stderr).not.toContain(WORKED.key);
    });
  }

  it(`passes a correctly signed request from ${label} with exit code 0`, async () => {
    const file = write(`valid.${extension}`, render(VALID));
    const result = await runBin(['doctor', file, '--json', '--now', String(WORKED.timestamp)], {
      env,
    });
    expect(result.code).toBe(0);
    const diagnosis = JSON.parse(result.stdout);
    expect(diagnosis).toMatchObject({ ok: true, faults: [] });
    expect(diagnosis.canonical.signature).toBe('ab176812770ce5336cccabdf045a84292493ec72');
  });
}

it('prints the fault, its likely cause and the fix as plain text for a person', async () => {
  const host = FAULT_CASES.find((each) => each.fault === 'path-with-host')!;
  const file = write('host-text.curl', asCurl(host.sent));
  const result = await runBin(['doctor', file, '--now', String(WORKED.timestamp)], { env });
  expect(result.code).toBe(1);
  expect(result.stdout).toContain('path-with-host');
  expect(result.stdout).toContain('likely cause: the full request URL was signed');
  expect(result.stdout).toContain(`POSThttps://${WORKED.host}${WORKED.path}`);
  expect(result.stdout).not.toContain('\u001b[');
});

it('reads the capture from stdin when the key is in the environment', async () => {
  const result = await runBin(['doctor', '-', '--json', '--now', String(WORKED.timestamp)], {
    env,
    input: asHttp(VALID),
  });
  expect(result.code).toBe(0);
});

it('refuses to read both the capture and the key from stdin (exit 3)', async () => {
  const result = await runBin(['doctor', '-'], { input: asHttp(VALID) });
  expect(result.code).toBe(3);
  expect(result.stderr).toContain('PRAKERJA_SIGN_KEY');
});

it('reads the key from stdin and never prints it', async () => {
  const file = write('stdin-key.http', asHttp(VALID));
  const result = await runBin(['doctor', file, '--now', String(WORKED.timestamp)], {
    input: `${WORKED.key}\n`,
  });
  expect(result.code).toBe(0);
  expect(result.stdout + result.stderr).not.toContain(WORKED.key);
});

it('reports an unparseable capture as a usage error (exit 2)', async () => {
  const file = write('garbage.txt', 'hello\nworld');
  const result = await runBin(['doctor', file], { env });
  expect(result.code).toBe(2);
  expect(result.stderr).toContain('cannot parse the capture');
});

it('diagnoses header lines plus a separate body file', async () => {
  const headers = write(
    'headers.txt',
    `client_code: ${WORKED.clientCode}\ntimestamp: ${WORKED.timestamp}\nsignature: ${VALID.signature}\n`,
  );
  const body = write('body.json', VALID.body);
  const result = await runBin(
    [
      'doctor',
      '--headers',
      headers,
      '--body',
      body,
      '--url',
      WORKED.path,
      '--json',
      '--now',
      String(WORKED.timestamp),
    ],
    { env },
  );
  expect(result.code).toBe(0);
});
