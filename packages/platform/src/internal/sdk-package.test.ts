import { expect, it } from 'vitest';
import { createPlatformClient } from '../index.js';

it('names this package, its version and the runtime in the User-Agent of every request', async () => {
  const agents: Array<string | null> = [];
  const client = createPlatformClient({
    clientCode: 'fake-client-code',
    signKey: 'sk_fake_user_agent_test_key',
    baseUrl: 'https://program.example',
    logLevel: 'silent',
    env: {},

    fetch: async (_input, init) => {
      agents.push(new Headers(init?.headers).get('user-agent'));
      return new Response(JSON.stringify({ success: false, code: 'X', message: 'no' }), {
        status: 400,
      });
    },
  });
  await client.transport
    .request({
      method: 'POST',
      path: '/api/v1/integration/x',
      body: {},
      readOnly: true,
      data: undefined as never,
    })
    .catch(() => undefined);
  expect(agents).toHaveLength(1);
  expect(agents[0]).toMatch(
    new RegExp(`^prakerja-kit-platform/[^ ]+ node/${process.versions.node}$`),
  );
});
