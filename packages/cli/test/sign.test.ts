import { beforeAll, expect, it } from 'vitest';
import { ensureBuilt, runBin } from './helpers/built-bin.js';

beforeAll(() => ensureBuilt(), 120_000);

const OFFICIAL = [
  'sign',
  '--client-code',
  'myclient_code',
  '--timestamp',
  '1516239022',
  '--path',
  '/api/v1/integration/payment/redeem-code/commit',
  '--body',
  '{"redeem_code":"code"}',
];

it('signs the official test vector with the key from the environment', async () => {
  const result = await runBin(OFFICIAL, { env: { PRAKERJA_SIGN_KEY: 'my_sign_key' } });
  expect(result.code).toBe(0);
  expect(result.stdout).toContain(
    'raw_signature  myclient_code1516239022POST/api/v1/integration/payment/redeem-code/commit{"redeem_code":"code"}',
  );
  expect(result.stdout).toContain('signature: 943c20a8e36b6243f576404b00fffdc86411ce1f');
  expect(result.stdout).not.toContain('my_sign_key');
});

it('reads the key from stdin and prints JSON with --json', async () => {
  const result = await runBin([...OFFICIAL, '--json'], { input: 'my_sign_key\n' });
  expect(result.code).toBe(0);
  expect(JSON.parse(result.stdout)).toMatchObject({
    ok: true,
    signature: '943c20a8e36b6243f576404b00fffdc86411ce1f',
    headers: { client_code: 'myclient_code', timestamp: '1516239022' },
  });
  expect(result.stdout + result.stderr).not.toContain('my_sign_key');
});

it('exits 3 without a key and 2 for a path with a host, never echoing the key', async () => {
  const noKey = await runBin(OFFICIAL);
  expect(noKey.code).toBe(3);
  expect(noKey.stderr).toContain('PRAKERJA_SIGN_KEY');
  const secretKey = 'sk_do_not_print_me';
  const withHost = await runBin(
    ['sign', '--client-code', 'c', '--path', 'https://api.prakerja.go.id/api/v1/x', '--json'],
    { env: { PRAKERJA_SIGN_KEY: secretKey } },
  );
  expect(withHost.code).toBe(2);
  expect(JSON.parse(withHost.stdout)).toMatchObject({ ok: false, error: { kind: 'usage' } });
  expect(withHost.stdout + withHost.stderr).not.toContain(secretKey);
});

it('signs the body from stdin when the key is in the environment, and compacts on request', async () => {
  const result = await runBin(
    [
      'sign',
      '--client-code',
      'myclient_code',
      '--timestamp',
      '1516239022',
      '--path',
      '/api/v1/integration/payment/redeem-code/commit',
      '--body-file',
      '-',
      '--compact',
      '--json',
    ],
    { env: { PRAKERJA_SIGN_KEY: 'my_sign_key' }, input: '{ "redeem_code": "code" }\n' },
  );
  expect(result.code).toBe(0);
  expect(JSON.parse(result.stdout)).toMatchObject({
    body: '{"redeem_code":"code"}',
    signature: '943c20a8e36b6243f576404b00fffdc86411ce1f',
  });
});

it('rejects unknown flags and commands with exit code 2', async () => {
  expect((await runBin(['sign', '--nope'])).code).toBe(2);
  expect((await runBin(['nope'])).code).toBe(2);
  const help = await runBin(['--help']);
  expect(help.code).toBe(0);
  expect(help.stdout).toContain('doctor');
});
