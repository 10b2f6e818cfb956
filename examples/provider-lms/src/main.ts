/**
 * `pnpm start`: the LMS.
 *
 * - With PRAKERJA_CLIENT_CODE and PRAKERJA_SIGN_KEY set: the program at PRAKERJA_BASE_URL
 *   (default: production), with PRAKERJA_REDIRECT_URI and PRAKERJA_STATE_SECRET.
 * - Else with PRAKERJA_SANDBOX_URL set: that sandbox (e.g. from `pnpm sandbox`).
 * - Else: a sandbox started in this process. No set-up at all.
 */
import { createProviderClient } from '@prakerja-kit/provider';
import { createSandbox } from '@prakerja-kit/sandbox';
import { createApp, type LmsOptions } from './create-app.js';
import { listen } from './listen.js';
import { connectSandbox } from './sandbox-connection.js';

try {
  process.loadEnvFile();
} catch {}
const env = process.env;
const port = Number(env['PORT'] ?? 4200);
const log = (line: string) => console.log(line);

let options: LmsOptions;
if (env['PRAKERJA_CLIENT_CODE'] && env['PRAKERJA_SIGN_KEY']) {
  // createProviderClient reads the credentials, PRAKERJA_REDIRECT_URI and PRAKERJA_STATE_SECRET.
  options = { client: createProviderClient(), redirectUri: env['PRAKERJA_REDIRECT_URI'], log };
  console.log(`program API at ${env['PRAKERJA_BASE_URL'] ?? 'the production host'}`);
} else {
  let sandboxUrl = env['PRAKERJA_SANDBOX_URL'];
  if (!sandboxUrl) {
    sandboxUrl = (await createSandbox().listen({ port: 0 })).url;
    console.log(`no credentials and no PRAKERJA_SANDBOX_URL: started a sandbox at ${sandboxUrl}`);
  }
  const sandbox = await connectSandbox(sandboxUrl);
  const client = createProviderClient({
    clientCode: sandbox.clientCode,
    signKey: sandbox.signKey,
    baseUrl: sandbox.baseUrl,
    stateSecret: env['PRAKERJA_STATE_SECRET'] || `dev-only-${crypto.randomUUID()}`,
  });
  // Plain-HTTP localhost: cookies cannot be Secure.
  options = { client, devCodes: sandbox.testCodes, secureCookies: false, log };
}
const server = await listen(createApp(options), port);
console.log(`LMS on ${server.url}`);
