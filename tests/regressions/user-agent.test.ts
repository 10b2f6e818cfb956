// Each client names its own package (not core) in the User-Agent of every request.
import { createPlatformClient } from '@prakerja-kit/platform';
import { createProviderClient } from '@prakerja-kit/provider';
import { expect, it } from 'vitest';

const credentials = {
  clientCode: 'fake-client-code',
  signKey: 'sk_fake_user_agent_test_key',
  baseUrl: 'https://program.example',
  logLevel: 'silent' as const,
  env: {},
};

it.each([
  ['platform', (fetch: typeof globalThis.fetch) => createPlatformClient({ ...credentials, fetch })],
  [
    'provider',
    (fetch: typeof globalThis.fetch) =>
      createProviderClient({
        ...credentials,
        stateSecret: 'Zq8#vR2!mK5@wT9$pL3&nB7*xC4^yD6%',
        fetch,
      }),
  ],
])('%s names itself, its version and the runtime in the User-Agent', async (name, create) => {
  const agents: Array<string | null> = [];
  const client = create(async (_input, init) => {
    agents.push(new Headers(init?.headers).get('user-agent'));
    return new Response(JSON.stringify({ success: false, code: 'X', message: 'no' }), {
      status: 400,
    });
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
    new RegExp(`^prakerja-kit-${name}/[^ ]+ node/${process.versions.node}$`),
  );
});
