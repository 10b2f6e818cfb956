import { PassThrough } from 'node:stream';
import { createSandbox } from '@prakerja-kit/sandbox';
import { expect, it } from 'vitest';
import { runCli } from '../run-cli.js';

it('creates and announces a local secret when none is configured, and stops when aborted', async () => {
  const sandbox = createSandbox({ seed: 3 });
  const server = await sandbox.listen({ port: 0 });
  const controller = new AbortController();
  let stdout = '';
  const stdin = new PassThrough();
  stdin.end();
  try {
    const running = runCli(
      [
        'webhooks',
        'listen',
        '--forward-to',
        'http://127.0.0.1:9/none',
        '--sandbox',
        server.url,
        '--json',
      ],
      {
        stdout: { write: (chunk: string) => (stdout += chunk) },
        stderr: { write: () => true },
        stdin,
        env: {},
        cwd: process.cwd(),
        signal: controller.signal,
      },
    );
    while (!stdout.includes('\n')) await new Promise((resolve) => setTimeout(resolve, 20));
    const ready = JSON.parse(stdout.split('\n')[0]!);
    expect(ready).toMatchObject({ event: 'ready', secret: expect.stringMatching(/^whsec_/) });
    expect(sandbox.control.webhooks.list().map((endpoint) => endpoint.id)).toEqual([
      ready.endpointId,
    ]);
    controller.abort();
    expect(await running).toBe(0);
    expect(sandbox.control.webhooks.list()).toEqual([]);
    expect(stdout).toContain('"event":"stopped"');
  } finally {
    await sandbox.close();
  }
});
