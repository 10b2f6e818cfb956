import { expect, it } from 'vitest';
import { createProviderClient } from '../index.js';

it('names this package, its version and the runtime in the User-Agent of every request', async () => {
  const agents: Array<string | null> = [];
  const client = createProviderClient({
    clientCode: 'fake-client-code',
    signKey: 'sk_fake_user_agent_test_key',
    baseUrl: 'https://program.example',
    logLevel: 'silent',
    env: {},
    stateSecret: 'Zq8#vR2!mK5@wT9$pL3&nB7*xC4^yD6%',
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
    new RegExp(`^prakerja-kit-provider/[^ ]+ node/${process.versions.node}$`),
  );
});
