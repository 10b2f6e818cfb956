import { PassThrough } from 'node:stream';
import { expect, it } from 'vitest';
import type { CliIo } from './cli-io.js';
import { ExitCode } from './exit-code.js';
import { runCli } from './run-cli.js';

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

it('lists the commands for --help and exits 2 without a command', async () => {
  const help = memoryIo();
  expect(await runCli(['--help'], help.io)).toBe(ExitCode.OK);
  expect(help.output().stdout).toContain('vectors');
  expect(await runCli([], memoryIo().io)).toBe(ExitCode.USAGE);
});

it('prints the help of a subcommand and rejects an unknown one as JSON', async () => {
  const help = memoryIo();
  expect(await runCli(['webhooks', 'replay', '--help'], help.io)).toBe(ExitCode.OK);
  expect(help.output().stdout).toContain('Usage: prakerja webhooks replay');
  const unknown = memoryIo();
  expect(await runCli(['webhooks', 'nope', '--json'], unknown.io)).toBe(ExitCode.USAGE);
  expect(JSON.parse(unknown.output().stdout)).toMatchObject({
    ok: false,
    error: { kind: 'usage', message: expect.stringContaining('webhooks nope') },
  });
});

it('signs in process with the key on the given stdin, without colour when not a TTY', async () => {
  const run = memoryIo({ PRAKERJA_CLIENT_CODE: 'myclient_code' }, 'my_sign_key\n');
  const code = await runCli(
    [
      'sign',
      '--timestamp',
      '1516239022',
      '--path',
      '/api/v1/integration/payment/redeem-code/commit',
      '--body',
      '{"redeem_code":"code"}',
    ],
    run.io,
  );
  expect(code).toBe(ExitCode.OK);
  expect(run.output().stdout).toContain('943c20a8e36b6243f576404b00fffdc86411ce1f');
  expect(run.output().stdout).not.toContain('\u001b[');
});

it('colours output on a TTY unless NO_COLOR is set', async () => {
  const args = ['sign', '--client-code', 'c', '--timestamp', '1', '--path', '/p'];
  const tty = memoryIo({ PRAKERJA_SIGN_KEY: 'k' });
  tty.io.stdout.isTTY = true;
  await runCli(args, tty.io);
  expect(tty.output().stdout).toContain('\u001b[');
  const noColor = memoryIo({ PRAKERJA_SIGN_KEY: 'k', NO_COLOR: '1' });
  noColor.io.stdout.isTTY = true;
  await runCli(args, noColor.io);
  expect(noColor.output().stdout).not.toContain('\u001b[');
});
