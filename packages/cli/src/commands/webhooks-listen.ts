import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateSecret, sign, verifyEnvelope } from '@prakerja-kit/webhooks';
import { ExitCode } from '../exit-code.js';
import { CliError, usageError } from '../internal/cli-error.js';
import type { Command } from '../internal/command.js';
import type { Output } from '../internal/output.js';
import { integerFlag, parseFlags } from '../internal/parse-flags.js';
import { isSuccess, postDelivery } from '../internal/post-delivery.js';
import { controlRequest, type EndpointRecord, sandboxUrl } from '../internal/sandbox-client.js';
import { failedCheck, printAnswer } from './webhooks-response.js';

const usage = `Usage: prakerja webhooks listen --forward-to URL [--events TYPES] [--json]

Registers a local endpoint with the sandbox, receives its deliveries, verifies them, and
forwards each one to URL re-signed with a local secret, answering the sandbox with your app's
status (so a failing app makes the sandbox retry). Stops on Ctrl-C and unregisters.

  --forward-to URL   your webhook handler, e.g. http://localhost:3000/webhooks
  --events TYPES     comma-separated event types (default: all)
  --secret SECRET    local whsec_… secret to re-sign with (default $PRAKERJA_WEBHOOK_SECRET,
                     else a new one, printed once so you can configure your app)
  --sandbox URL      the sandbox (default $PRAKERJA_SANDBOX_URL, $PRAKERJA_BASE_URL,
                     http://127.0.0.1:4010)
  --port N           local port to receive on (default 0: any free port)
  --json             one JSON line per event: ready, delivery, stopped`;

/** `prakerja webhooks listen`: forwards the sandbox's deliveries to a local URL, re-signed. */
export const webhooksListenCommand: Command = {
  summary: 'forward sandbox deliveries to a local URL, re-signed',
  usage,
  longRunning: true,
  async run(args, { io, out, signal }) {
    const { values, positionals } = parseFlags(args, {
      'forward-to': { type: 'string' },
      events: { type: 'string' },
      secret: { type: 'string' },
      sandbox: { type: 'string' },
      port: { type: 'string' },
    });
    if (positionals.length > 0) throw usageError(`unexpected argument "${positionals[0]}"`);
    const forwardTo = values['forward-to'];
    if (forwardTo === undefined) throw usageError('--forward-to URL is required');
    if (!URL.canParse(forwardTo))
      throw usageError(`--forward-to must be a URL, got "${forwardTo}"`);
    const configured = values.secret ?? io.env['PRAKERJA_WEBHOOK_SECRET'];
    if (configured !== undefined && !/^whsec_[A-Za-z0-9+/]+={0,2}$/.test(configured)) {
      throw new CliError('config', 'the webhook secret must be "whsec_" followed by base64');
    }
    const localSecret = configured ?? generateSecret();
    const base = sandboxUrl(values.sandbox, io.env);
    const events = values.events
      ?.split(',')
      .map((each) => each.trim())
      .filter(Boolean);

    let endpoint: EndpointRecord | undefined;
    const server = createServer((request, response) => {
      void forward(request, response, { endpoint, forwardTo, localSecret, out });
    });
    const port = integerFlag(values.port, 'port') ?? 0;
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error) =>
        reject(new CliError('usage', `cannot listen on port ${port}: ${error.message}`)),
      );
      server.listen(port, '127.0.0.1', resolve);
    });
    const listenUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    try {
      endpoint = await controlRequest<EndpointRecord>(base, 'POST', '/webhooks', {
        url: listenUrl,
        ...(events && events.length > 0 ? { events } : {}),
      });
    } catch (error) {
      server.close();
      throw error;
    }
    out.event({
      event: 'ready',
      endpointId: endpoint.id,
      listenUrl,
      forwardTo,
      sandbox: base,
      ...(configured === undefined ? { secret: localSecret } : {}),
    });
    out.line(`Forwarding deliveries from the sandbox at ${base} to ${forwardTo}`);
    out.line(`  endpoint ${endpoint.id} receives on ${listenUrl}`);
    if (configured === undefined) {
      out.line(`  re-signing with a new secret (configure your app with it): ${localSecret}`);
    } else {
      out.line('  re-signing with your secret ($PRAKERJA_WEBHOOK_SECRET or --secret)');
    }
    out.progress('Ctrl-C to stop');
    if (!signal.aborted) {
      await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
    }
    try {
      await controlRequest(base, 'DELETE', `/webhooks/${encodeURIComponent(endpoint.id)}`);
    } catch {
      out.warn(`could not unregister endpoint ${endpoint.id} (the sandbox may have stopped)`);
    }
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    out.event({ event: 'stopped', endpointId: endpoint.id });
    out.progress('stopped');
    return ExitCode.OK;
  },
};

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function forward(
  request: IncomingMessage,
  response: ServerResponse,
  context: {
    endpoint: EndpointRecord | undefined;
    forwardTo: string;
    localSecret: string;
    out: Output;
  },
): Promise<void> {
  const { endpoint, forwardTo, localSecret, out } = context;
  const body = await readBody(request);
  const reply = (status: number, message: string) => {
    response.writeHead(status, { 'content-type': 'text/plain' }).end(message);
  };
  if (endpoint === undefined) return reply(503, 'not registered yet');
  let event: { id: string; type: string };
  try {
    event = await verifyEnvelope({
      payload: body,
      headers: request.headers,
      secret: endpoint.secret,
    });
  } catch (error) {
    out.warn(`rejected a delivery that did not verify: ${(error as Error).message}`);
    out.event({ event: 'rejected', reason: (error as Error).message });
    return reply(400, 'signature did not verify');
  }
  // A fresh timestamp: the app checks it against its own clock. Same id, same bytes.
  const timestamp = Math.floor(Date.now() / 1000);
  const headers = {
    'content-type': 'application/json',
    'webhook-id': event.id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': await sign({
      id: event.id,
      timestamp,
      payload: body,
      secret: localSecret,
    }),
  };
  try {
    const answer = await postDelivery(forwardTo, headers, body);
    const { status, durationMs } = answer;
    const mark = isSuccess(status)
      ? out.style('green', String(status))
      : out.style('red', String(status));
    out.line(
      `${new Date().toISOString()}  ${event.type}  ${event.id}  → ${mark} (${durationMs} ms)`,
    );
    if (!isSuccess(status)) printAnswer(out, { body: answer.body, truncated: answer.truncated });
    out.event({
      event: 'delivery',
      id: event.id,
      type: event.type,
      status,
      durationMs,
      responseBody: answer.body,
      check: failedCheck(answer.body)?.check ?? null,
    });
    // The app's answer goes back to the sandbox, so its delivery log shows why.
    response
      .writeHead(status, { 'content-type': answer.contentType ?? 'text/plain' })
      .end(answer.body);
  } catch (error) {
    out.line(
      `${new Date().toISOString()}  ${event.type}  ${event.id}  → ${out.style('red', 'unreachable')}`,
    );
    out.event({
      event: 'delivery',
      id: event.id,
      type: event.type,
      status: null,
      error: (error as Error).message,
    });
    reply(502, 'forward target unreachable');
  }
}
