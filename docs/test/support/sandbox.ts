// One sandbox server per test file on a free port, reset before each test.
import { createSandbox, type Sandbox, type SandboxServer } from '@prakerja-kit/sandbox';
import { afterAll, beforeAll, beforeEach } from 'vitest';

export function useSandboxServer(seed = 42) {
  const sandbox: Sandbox = createSandbox({ seed });
  let server: SandboxServer | undefined;
  beforeAll(async () => {
    server = await sandbox.listen({ port: 0 });
  });
  beforeEach(() => sandbox.control.reset());
  afterAll(async () => {
    await sandbox.close();
  });
  return {
    sandbox,
    url: () => server!.url,
    /** The first seeded DP's fake credentials. */
    platform: () => sandbox.control.fixtures().platforms[0]!,
    /** The first seeded LP's fake credentials. */
    provider: () => sandbox.control.fixtures().providers[0]!,
  };
}

/** Registered for the sandbox's first LP; a loopback redirect URI matches any port. */
export const LP_REDIRECT_URI = 'http://127.0.0.1/prakerja/callback';

/** A fake state secret for the docs' tests. */
export const LP_STATE_SECRET = 'docs-fake-state-secret-0123456789abcdef';
