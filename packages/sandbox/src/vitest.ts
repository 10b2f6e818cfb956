import { afterAll, beforeAll, beforeEach } from 'vitest';
import {
  createSandbox,
  type ListenOptions,
  type Sandbox,
  type SandboxOptions,
  type SandboxServer,
} from './create-sandbox.js';
import type { SandboxControl } from './sandbox-control.js';
import type { SandboxFixtures } from './sandbox-fixtures.js';

/** Options of {@link useSandbox}. */
export interface UseSandboxOptions extends SandboxOptions {
  /** Where the server listens. @default { port: 0, host: '127.0.0.1' } */
  listen?: ListenOptions | undefined;
  /** Reset the sandbox before each test. @default true */
  resetBeforeEach?: boolean | undefined;
}

/** The sandbox of a test file; read its properties inside tests or hooks, not at import. */
export interface SandboxFixture {
  readonly sandbox: Sandbox;
  readonly server: SandboxServer;
  /** Base URL of the server (integration and SSO). */
  readonly url: string;
  readonly fixtures: SandboxFixtures;
  readonly control: SandboxControl;
}

/**
 * Starts a sandbox server for the current test file (`beforeAll`), resets it before each test and
 * closes it after the file (`afterAll`).
 *
 * The reset also clears faults, webhook endpoints and time travel: set those up in the test or in
 * a `beforeEach` registered after this call.
 *
 * @example
 * import { useSandbox } from '@prakerja-kit/sandbox/vitest';
 * const sandbox = useSandbox();
 * it('buys a course', async () => {
 *   const client = createPlatformClient({ baseUrl: sandbox.url, ...sandbox.fixtures.platforms[0] });
 * });
 */
export function useSandbox(options: UseSandboxOptions = {}): SandboxFixture {
  const { listen, resetBeforeEach = true, ...sandboxOptions } = options;
  let sandbox: Sandbox | undefined;
  let server: SandboxServer | undefined;
  const started = () => {
    if (!sandbox || !server)
      throw new Error('useSandbox: the sandbox starts in beforeAll; read it inside a test or hook');
    return { sandbox, server };
  };
  beforeAll(async () => {
    sandbox = createSandbox(sandboxOptions);
    server = await sandbox.listen({ port: 0, host: '127.0.0.1', ...listen });
  });
  beforeEach(() => {
    if (resetBeforeEach) started().sandbox.control.reset();
  });
  afterAll(async () => {
    await sandbox?.close();
  });
  return {
    get sandbox() {
      return started().sandbox;
    },
    get server() {
      return started().server;
    },
    get url() {
      return started().server.url;
    },
    get fixtures() {
      return started().sandbox.fixtures;
    },
    get control() {
      return started().sandbox.control;
    },
  };
}
