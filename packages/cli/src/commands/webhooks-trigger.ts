import {
  isWebhookEventType,
  sign,
  WEBHOOK_EVENT_TYPES,
  webhookEventSchemas,
} from '@prakerja-kit/webhooks';
import { createTestEvent } from '@prakerja-kit/webhooks/testing';
import { ExitCode } from '../exit-code.js';
import { CliError, usageError } from '../internal/cli-error.js';
import type { Command } from '../internal/command.js';
import { parseFlags } from '../internal/parse-flags.js';
import { isSuccess, postDelivery } from '../internal/post-delivery.js';
import { controlRequest, type EndpointRecord, sandboxUrl } from '../internal/sandbox-client.js';

const usage = `Usage: prakerja webhooks trigger EVENT [--to URL] [--data JSON] [--json]

Sends a signed test delivery of EVENT (Standard Webhooks, fake sample data).

  EVENT            ${WEBHOOK_EVENT_TYPES.join(', ')}
  --to URL         deliver to URL, signed with $PRAKERJA_WEBHOOK_SECRET (or --secret)
  --secret SECRET  whsec_… secret for --to (prefer the environment variable)
  --data JSON      fields merged over the sample data, e.g. '{"amount":250000}'
  --id ID          event id (default: a new evt_… id)
  --sandbox URL    without --to: deliver to every endpoint registered with this sandbox
                   (e.g. by \`prakerja webhooks listen\`), signed with each endpoint's secret
                   (default $PRAKERJA_SANDBOX_URL, $PRAKERJA_BASE_URL, http://127.0.0.1:4010)

Exit codes: 0 every receiver answered 2xx, 1 one did not, 3 no secret or no endpoint,
4 unreachable.`;

interface Target {
  url: string;
  secret: string;
  endpointId: string | null;
}

/** `prakerja webhooks trigger`: a signed test delivery to a URL or the sandbox's endpoints. */
export const webhooksTriggerCommand: Command = {
  summary: 'send a signed test delivery',
  usage,
  async run(args, { io, out }) {
    const { values, positionals } = parseFlags(args, {
      to: { type: 'string' },
      secret: { type: 'string' },
      data: { type: 'string' },
      id: { type: 'string' },
      sandbox: { type: 'string' },
    });
    const [type, extra] = positionals;
    if (type === undefined)
      throw usageError(`missing EVENT: one of ${WEBHOOK_EVENT_TYPES.join(', ')}`);
    if (extra !== undefined) throw usageError(`unexpected argument "${extra}"`);
    if (!isWebhookEventType(type)) {
      throw usageError(`unknown event "${type}": one of ${WEBHOOK_EVENT_TYPES.join(', ')}`);
    }
    let data: Record<string, unknown> = {};
    if (values.data !== undefined) {
      try {
        data = JSON.parse(values.data) as Record<string, unknown>;
      } catch {
        throw usageError('--data must be a JSON object');
      }
      if (typeof data !== 'object' || data === null || Array.isArray(data)) {
        throw usageError('--data must be a JSON object');
      }
    }
    const event = createTestEvent(type, {
      ...(values.id ? { id: values.id } : {}),
      created_at: new Date().toISOString(),
      data: data as never,
    });
    const check = webhookEventSchemas[type].safeParse(event);
    if (!check.success) {
      const where = check.error.issues.map((issue) => issue.path.join('.')).join(', ');
      out.warn(`the event does not match the ${type} schema at ${where}; sending it anyway`);
    }
    const targets = await resolveTargets(values, io.env, type);
    const body = JSON.stringify(event);
    const results = [];
    for (const target of targets) {
      const timestamp = Math.floor(Date.now() / 1000);
      const signature = sign({ id: event.id, timestamp, payload: body, secret: target.secret });
      const headers = {
        'content-type': 'application/json',
        'webhook-id': event.id,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': signature,
      };
      out.progress(`delivering ${type} to ${target.url}…`);
      const { status, durationMs } = await postDelivery(target.url, headers, body);
      results.push({ url: target.url, endpointId: target.endpointId, status, durationMs });
      const mark = isSuccess(status)
        ? out.style('green', String(status))
        : out.style('red', String(status));
      out.line(`${type} ${event.id} → ${target.url} ${mark} (${durationMs} ms)`);
    }
    const ok = results.every((result) => isSuccess(result.status));
    out.result({ ok, event, deliveries: results });
    return ok ? ExitCode.OK : ExitCode.CHECK_FAILED;
  },
};

async function resolveTargets(
  values: { to?: string | undefined; secret?: string | undefined; sandbox?: string | undefined },
  env: Record<string, string | undefined>,
  type: string,
): Promise<Target[]> {
  if (values.to !== undefined) {
    const secret = values.secret ?? env['PRAKERJA_WEBHOOK_SECRET'];
    if (!secret) {
      throw new CliError(
        'config',
        'no webhook secret: set PRAKERJA_WEBHOOK_SECRET (or pass --secret)',
      );
    }
    if (!/^whsec_[A-Za-z0-9+/]+={0,2}$/.test(secret)) {
      throw new CliError('config', 'the webhook secret must be "whsec_" followed by base64');
    }
    return [{ url: values.to, secret, endpointId: null }];
  }
  // The sandbox has no route that emits an arbitrary event into its log, so the delivery is
  // signed here with each endpoint's own secret and does not appear in the delivery log.
  const base = sandboxUrl(values.sandbox, env);
  const endpoints = await controlRequest<EndpointRecord[]>(base, 'GET', '/webhooks');
  const matching = endpoints.filter(
    (endpoint) => endpoint.events === null || endpoint.events.includes(type),
  );
  if (matching.length === 0) {
    throw new CliError(
      'config',
      `no endpoint for ${type} is registered with the sandbox at ${base}: run \`prakerja webhooks listen --forward-to URL\`, or pass --to URL`,
    );
  }
  return matching.map((endpoint) => ({
    url: endpoint.url,
    secret: endpoint.secret,
    endpointId: endpoint.id,
  }));
}
