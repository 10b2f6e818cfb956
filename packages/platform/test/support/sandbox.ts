// Starts the sandbox over real HTTP on port 0 for one test file, reset before each test.
import { createSandbox } from '@prakerja-kit/sandbox';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { createPlatformClient, type PlatformClientOptions } from '../../src/index.js';

export function useSandbox(seed = 4) {
  const sandbox = createSandbox({ seed });
  let server: { url: string; close(): Promise<void> } | undefined;
  beforeAll(async () => {
    server = await sandbox.listen({ port: 0 });
  });
  afterAll(async () => {
    await server?.close();
    await sandbox.close();
  });
  beforeEach(() => {
    sandbox.control.reset();
  });
  const fixtures = () => sandbox.control.fixtures();
  return {
    sandbox,
    fixtures,
    url: () => server!.url,
    /** A client for the first seeded DP, with fast retries and reconciliation. */
    client(options: Partial<PlatformClientOptions> = {}) {
      const dp = fixtures().platforms[0]!;
      return createPlatformClient({
        clientCode: dp.clientCode,
        signKey: dp.signKey,
        baseUrl: server!.url,
        logLevel: 'silent',
        retry: { baseDelayMs: 1, maxDelayMs: 5 },
        reconcile: { attempts: 2, delayMs: 5 },
        ...options,
      });
    },
  };
}
