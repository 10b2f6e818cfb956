/**
 * `pnpm start`: the payment partner's webhook receiver.
 *
 * With PRAKERJA_WEBHOOK_SECRET set, it only receives. Without it, and with PRAKERJA_SANDBOX_URL
 * set (a sandbox from `pnpm sandbox`), it makes up a secret and registers itself with the sandbox.
 */
import { generateSecret } from '@prakerja-kit/webhooks';
import { createApp, WEBHOOK_PATH } from './create-app.js';
import { openLedger } from './ledger.js';
import { listen } from './listen.js';
import { registerWithSandbox } from './register-with-sandbox.js';

// Reads .env when present (Node's own loader, no dotenv needed).
try {
  process.loadEnvFile();
} catch {}
const env = process.env;
const sandboxUrl = env['PRAKERJA_SANDBOX_URL'];
let secret = env['PRAKERJA_WEBHOOK_SECRET'];
if (!secret && !sandboxUrl) {
  console.error(
    'Set PRAKERJA_WEBHOOK_SECRET (or PRAKERJA_SANDBOX_URL to use a sandbox); see .env.example',
  );
  process.exit(1);
}
secret ||= generateSecret();

const ledgerPath = env['LEDGER_PATH'] || 'data/ledger.jsonl';
const ledger = await openLedger(ledgerPath);
const app = createApp({ secret, ledger, log: (line) => console.log(line) });
const server = await listen(app, Number(env['PORT'] || 4300));
const webhookUrl = `${env['PUBLIC_URL'] || server.url}${WEBHOOK_PATH}`;
console.log(
  `payment partner on ${server.url}, ledger ${ledgerPath} (${ledger.entries().length} lines)`,
);

if (!env['PRAKERJA_WEBHOOK_SECRET'] && sandboxUrl) {
  await registerWithSandbox(sandboxUrl, webhookUrl, secret);
  console.log(`registered ${webhookUrl} with the sandbox at ${sandboxUrl}`);
} else {
  console.log(`point the sender at ${webhookUrl}`);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    await server.close();
    await ledger.close();
    process.exit(0);
  });
}
