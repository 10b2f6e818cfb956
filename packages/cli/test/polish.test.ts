// What a partner developer sees when they mistype, sign a body, or read the doctor's notes.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { createSignature } from '@prakerja-kit/core/signature';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../src/cli-io.js';
import { ExitCode } from '../src/exit-code.js';
import { closest, editDistance } from '../src/internal/suggest.js';
import { runCli } from '../src/run-cli.js';

function memoryIo(env: Record<string, string> = {}, input = '') {
  let stdout = '';
  let stderr = '';
  const stdin = new PassThrough();
  stdin.end(input);
  const io: CliIo = {
    stdout: { write: (chunk: string) => (stdout += chunk) },
    stderr: { write: (chunk: string) => (stderr += chunk) },
    stdin,
    env,
    cwd: process.cwd(),
  };
  return { io, output: () => ({ stdout, stderr }) };
}

async function run(argv: string[], env: Record<string, string> = {}) {
  const { io, output } = memoryIo(env);
  const code = await runCli(argv, io);
  return { code, ...output() };
}

describe('did you mean', () => {
  it.each([
    [['docter'], 'doctor'],
    [['webhook', 'listen'], 'webhooks'],
    [['sigm'], 'sign'],
    [['vector'], 'vectors'],
  ])('suggests a command for %j', async (argv, suggestion) => {
    const result = await run(argv);
    expect(result.code).toBe(ExitCode.USAGE);
    expect(result.stderr).toContain(`Did you mean "${suggestion}"?`);
  });

  it('suggests a subcommand with its group', async () => {
    const result = await run(['webhooks', 'lisen']);
    expect(result.code).toBe(ExitCode.USAGE);
    expect(result.stderr).toContain('Did you mean "webhooks listen"?');
  });

  it('suggests a misspelled flag of the command', async () => {
    const result = await run(['sign', '--pth', '/api/v1/integration/payment/status']);
    expect(result.code).toBe(ExitCode.USAGE);
    expect(result.stderr).toContain(`Unknown option '--pth'`);
    expect(result.stderr).toContain('Did you mean "--path"?');
    const trigger = await run(['webhooks', 'trigger', 'payment.authorized', '--sekret', 'x']);
    expect(trigger.stderr).toContain('Did you mean "--secret"?');
  });

  it('suggests nothing for a word that is not close', async () => {
    const result = await run(['deploy']);
    expect(result.code).toBe(ExitCode.USAGE);
    expect(result.stderr).toContain('unknown command "deploy"');
    expect(result.stderr).not.toContain('Did you mean');
    expect(closest('x', ['sign'])).toBeUndefined();
    expect(editDistance('docter', 'doctor')).toBe(1);
    expect(editDistance('sgin', 'sign')).toBe(1);
  });
});

describe('sign', () => {
  const base = [
    'sign',
    '--client-code',
    'dp-fake',
    '--timestamp',
    '1764550000',
    '--path',
    '/api/v1/integration/payment/status',
  ];
  const env = { PRAKERJA_SIGN_KEY: 'sk_fake_key' };

  it('prints every header to send, Content-Type first, for a JSON body', async () => {
    const result = await run([...base, '--body', '{"invoice_code":"INV-1"}'], env);
    expect(result.code).toBe(ExitCode.OK);
    const signature = await createSignature({
      clientCode: 'dp-fake',
      timestamp: 1764550000,
      method: 'POST',
      path: '/api/v1/integration/payment/status',
      body: '{"invoice_code":"INV-1"}',
      signKey: 'sk_fake_key',
    });
    expect(result.stdout).toContain(
      [
        'Headers to send:',
        '  Content-Type: application/json',
        '  client_code: dp-fake',
        '  timestamp: 1764550000',
        `  signature: ${signature}`,
      ].join('\n'),
    );
    expect(result.stderr).toBe('');
  });

  it('warns that a body that is not JSON will be refused, and still signs it as given', async () => {
    const result = await run([...base, '--body', "{invoice_code:'INV-1'}"], env);
    expect(result.code).toBe(ExitCode.OK);
    expect(result.stderr).toContain('the body is not valid JSON');
    expect(result.stdout).toContain("{invoice_code:'INV-1'}");
    const json = await run([...base, '--body', '{nope', '--json'], env);
    expect(JSON.parse(json.stdout)).toMatchObject({
      ok: true,
      warnings: [expect.stringContaining('not valid JSON')],
      headers: { 'Content-Type': 'application/json' },
    });
  });

  it('sends no Content-Type without a body', async () => {
    const result = await run([...base, '--json'], env);
    expect(JSON.parse(result.stdout).headers).not.toHaveProperty('Content-Type');
  });
});

describe('doctor notes', () => {
  const directory = mkdtempSync(join(tmpdir(), 'prakerja-polish-'));
  const key = 'sk_fake_key';
  const path = '/api/v1/integration/payment/status';
  const body = '{"invoice_code":"INV-1"}';
  function capture(name: string, timestamp: string, signature: string) {
    const file = join(directory, name);
    writeFileSync(
      file,
      `curl -X POST http://127.0.0.1:4010${path} -H "client_code: dp-fake" -H "timestamp: ${timestamp}" -H "signature: ${signature}" -d '${body}'\n`,
    );
    return file;
  }

  it('says the sandbox accepts upper-case hex but the program may not', async () => {
    const signature = await createSignature({
      clientCode: 'dp-fake',
      timestamp: 1764550000,
      method: 'POST',
      path,
      body,
      signKey: key,
    });
    const file = capture('upper.curl', '1764550000', signature.toUpperCase());
    const result = await run(['doctor', file, '--now', '1764550000'], { PRAKERJA_SIGN_KEY: key });
    expect(result.code).toBe(ExitCode.CHECK_FAILED);
    expect(result.stdout).toContain('uppercase-hex');
    expect(result.stdout).toMatch(/sandbox's default and lenient profiles accept upper-case hex/);
    expect(result.stdout).toMatch(/the program documents lower-case hex and may refuse it/);
  });

  it('explains a missing expected signature with what follows, never a bare "see below"', async () => {
    const file = capture('ms.curl', '1764550000000', 'ab'.repeat(20));
    const result = await run(['doctor', file, '--now', '1764550000'], { PRAKERJA_SIGN_KEY: key });
    expect(result.stdout).not.toContain('see below');
    const line = result.stdout.split('\n').find((each) => each.includes('expected signature'));
    expect(line).toContain('fix timestamp-format, explained below');
    expect(result.stdout).toContain('\ntimestamp-format (timestamp, observed)');
  });

  it('cites no file a user does not have', async () => {
    const signature = await createSignature({
      clientCode: 'dp-fake',
      timestamp: 1764550000,
      method: 'POST',
      path,
      body: JSON.stringify(JSON.parse(body)),
      signKey: key,
    });
    for (const argv of [
      ['doctor', capture('ok.curl', '1764550000', signature), '--now', '1764550000'],
      ['vectors', '--json'],
      ['sign', '--help'],
      ['doctor', '--help'],
      ['webhooks', 'trigger', '--help'],
    ]) {
      const result = await run(argv, { PRAKERJA_SIGN_KEY: key });
      expect(result.stdout + result.stderr, argv.join(' ')).not.toMatch(/program-api\.md|§\d/);
    }
  });
});
