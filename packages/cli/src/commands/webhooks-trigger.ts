import {
  isWebhookEventType,
  safeParse,
  sign,
  WEBHOOK_EVENT_TYPES,
  webhookEventSchemas,
} from '@prakerja-kit/webhooks';
import { createTestEvent } from '@prakerja-kit/webhooks/testing';
import { ExitCode } from '../exit-code.js';
import { CliError, usageError } from '../internal/cli-error.js';
import type { Command } from '../internal/command.js';
import type { Output } from '../internal/output.js';
import { integerFlag, parseFlags } from '../internal/parse-flags.js';
import { isSuccess, postDelivery } from '../internal/post-delivery.js';
import {
  controlRequest,
  type DeliveryRecord,
  type EndpointRecord,
  sandboxUrl,
} from '../internal/sandbox-client.js';
import { attemptSummary, failedCheck, printAnswer, waitForAttempt } from './webhooks-response.js';

const usage = `Usage: prakerja webhooks trigger EVENT [--to URL] [--data JSON] [--json]

Sends a signed test delivery of EVENT (Standard Webhooks, fake sample data) and prints each
receiver's answer: status, time, the first 2 KB of the response body and, when the receiver
refused the delivery with { error, check } (as @prakerja-kit/webhooks does), the failed check.

  EVENT            ${WEBHOOK_EVENT_TYPES.join(', ')}
  --to URL         deliver to URL, signed with $PRAKERJA_WEBHOOK_SECRET (or --secret)
  --secret SECRET  whsec_… secret for --to (prefer the environment variable)
  --data JSON      fields merged over the sample data, e.g. '{"amount":250000}'
  --id ID          event id (default: a new evt_… id)
  --sandbox URL    without --to: the sandbox creates the event and delivers it to every
                   endpoint registered with it (e.g. by \`prakerja webhooks listen\`), through
                   its delivery log (replay it with \`prakerja webhooks replay\`)
                   (default $PRAKERJA_SANDBOX_URL, $PRAKERJA_BASE_URL, http://127.0.0.1:4010)
  --timeout SECS   without --to: how long to wait for the sandbox's attempts (default 15)

Exit codes: 0 every receiver answered 2xx, 1 one did not, 3 no secret or no endpoint,
4 unreachable.`;

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
      timeout: { type: 'string' },
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
    const check = safeParse(webhookEventSchemas[type], event);
    if (!check.success) {
      const where = check.error.issues.map((issue) => issue.path.join('.')).join(', ');
      out.warn(`the event does not match the ${type} schema at ${where}; sending it anyway`);
    }
    if (values.to === undefined) {
      const base = sandboxUrl(values.sandbox, io.env);
      const timeoutMs = (integerFlag(values.timeout, 'timeout') ?? 15) * 1000;
      return triggerThroughSandbox(base, { type, data: event.data, id: values.id }, timeoutMs, out);
    }
    const target = directTarget(values, io.env);
    const body = JSON.stringify(event);
    const timestamp = Math.floor(Date.now() / 1000);
    const signature = await sign({ id: event.id, timestamp, payload: body, secret: target.secret });
    const headers = {
      'content-type': 'application/json',
      'webhook-id': event.id,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signature,
    };
    out.progress(`delivering ${type} to ${target.url}…`);
    const answer = await postDelivery(target.url, headers, body);
    const ok = isSuccess(answer.status);
    const mark = ok
      ? out.style('green', String(answer.status))
      : out.style('red', String(answer.status));
    out.line(`${type} ${event.id} → ${target.url} ${mark} (${answer.durationMs} ms)`);
    printAnswer(out, { body: answer.body, truncated: answer.truncated });
    out.result({
      ok,
      event,
      deliveries: [
        {
          url: target.url,
          endpointId: null,
          status: answer.status,
          durationMs: answer.durationMs,
          responseBody: answer.body,
          responseBodyTruncated: answer.truncated,
          check: failedCheck(answer.body)?.check ?? null,
        },
      ],
    });
    return ok ? ExitCode.OK : ExitCode.CHECK_FAILED;
  },
};

/**
 * Without `--to`: the sandbox creates the event (`POST /__sandbox/events`) and delivers it through
 * its delivery log; this waits for each delivery's first attempt and prints the answers.
 */
async function triggerThroughSandbox(
  base: string,
  input: { type: string; data: unknown; id: string | undefined },
  timeoutMs: number,
  out: Output,
): Promise<ExitCode> {
  // Checked first, so a missing endpoint creates no event.
  const endpoints = await controlRequest<EndpointRecord[]>(base, 'GET', '/webhooks');
  if (
    !endpoints.some((endpoint) => endpoint.events === null || endpoint.events.includes(input.type))
  ) {
    throw new CliError(
      'config',
      `no endpoint for ${input.type} is registered with the sandbox at ${base}: run \`prakerja webhooks listen --forward-to URL\`, or pass --to URL`,
    );
  }
  const triggered = await controlRequest<{
    event: { id: string; type: string };
    deliveries: DeliveryRecord[];
  }>(base, 'POST', '/events', {
    type: input.type,
    data: input.data,
    ...(input.id === undefined ? {} : { id: input.id }),
  });
  const { event } = triggered;
  out.progress(`event ${event.id} queued for ${triggered.deliveries.length} endpoint(s)…`);
  const outcomes = await Promise.all(
    triggered.deliveries.map((delivery) => waitForAttempt(base, delivery.id, 0, timeoutMs)),
  );
  const results = outcomes.map((delivery) => ({
    id: delivery.id,
    url: delivery.url,
    endpointId: delivery.endpointId,
    ...attemptSummary(delivery),
  }));
  for (const [index, delivery] of outcomes.entries()) {
    const attempt = delivery.attempts.at(-1);
    const summary = results[index]!;
    const status = summary.statusCode ?? summary.error ?? 'no attempt yet';
    const good = summary.statusCode !== null && isSuccess(summary.statusCode);
    const mark = good ? out.style('green', String(status)) : out.style('red', String(status));
    const time = summary.durationMs === null ? '' : ` (${summary.durationMs} ms)`;
    out.line(`${event.type} ${event.id} → ${delivery.url} ${mark}${time}  [${delivery.id}]`);
    if (attempt) {
      printAnswer(out, {
        body: attempt.responseBody,
        truncated: attempt.responseBodyTruncated,
      });
    }
  }
  const ok = results.every((result) => result.statusCode !== null && isSuccess(result.statusCode));
  out.result({ ok, event, deliveries: results });
  return ok ? ExitCode.OK : ExitCode.CHECK_FAILED;
}

/** The `--to` target, signed with `--secret` or `$PRAKERJA_WEBHOOK_SECRET`. */
function directTarget(
  values: { to?: string | undefined; secret?: string | undefined },
  env: Record<string, string | undefined>,
): { url: string; secret: string } {
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
  return { url: values.to ?? '', secret };
}
