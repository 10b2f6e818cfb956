/**
 * `pnpm start`: the storefront.
 *
 * - With PRAKERJA_CLIENT_CODE and PRAKERJA_SIGN_KEY set: the program at PRAKERJA_BASE_URL
 *   (default: production), with the catalogue from CATALOGUE_PATH.
 * - Else with PRAKERJA_SANDBOX_URL set: that sandbox (e.g. from `pnpm sandbox`).
 * - Else: a sandbox started in this process. No set-up at all.
 */
import { readFile } from 'node:fs/promises';
import type { Course, Schedule } from '@prakerja-kit/platform';
import { createPlatformClient } from '@prakerja-kit/platform';
import { createSandbox } from '@prakerja-kit/sandbox';
import { createApp, type StorefrontOptions } from './create-app.js';
import { listen } from './listen.js';
import { connectSandbox } from './sandbox-connection.js';

try {
  process.loadEnvFile();
} catch {}
const env = process.env;
const port = Number(env['PORT'] ?? 4100);
const publicUrl = env['PUBLIC_URL'] || `http://127.0.0.1:${port}`;
const log = (line: string) => console.log(line);

let options: StorefrontOptions;
if (env['PRAKERJA_CLIENT_CODE'] && env['PRAKERJA_SIGN_KEY']) {
  // Credentials come from the env (createPlatformClient reads them); never logged.
  const catalogue = JSON.parse(
    await readFile(env['CATALOGUE_PATH'] ?? 'catalogue.example.json', 'utf8'),
  ) as {
    courses: Course[];
    schedules: Schedule[];
  };
  options = { client: createPlatformClient(), ...catalogue, publicUrl, log };
  console.log(`program API at ${env['PRAKERJA_BASE_URL'] ?? 'the production host'}`);
} else {
  let sandboxUrl = env['PRAKERJA_SANDBOX_URL'];
  if (!sandboxUrl) {
    sandboxUrl = (await createSandbox().listen({ port: 0 })).url;
    console.log(`no credentials and no PRAKERJA_SANDBOX_URL: started a sandbox at ${sandboxUrl}`);
  }
  const sandbox = await connectSandbox(sandboxUrl);
  options = {
    client: createPlatformClient({
      clientCode: sandbox.clientCode,
      signKey: sandbox.signKey,
      baseUrl: sandbox.baseUrl,
    }),
    courses: sandbox.courses,
    schedules: sandbox.schedules,
    publicUrl,
    devOtp: sandbox.latestOtp,
    devPrakerjaId: sandbox.prakerjaId,
    log,
  };
}
const server = await listen(createApp(options), port);
console.log(`storefront on ${server.url}`);
