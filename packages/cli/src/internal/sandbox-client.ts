import { CliError } from './cli-error.js';

/** The sandbox's default address (`prakerja sandbox` without --port). */
export const DEFAULT_SANDBOX_URL = 'http://127.0.0.1:4010';

/** The sandbox URL: the flag, else `PRAKERJA_SANDBOX_URL`, else `PRAKERJA_BASE_URL`, else the default. */
export function sandboxUrl(
  flag: string | undefined,
  env: Record<string, string | undefined>,
): string {
  const value =
    flag || env['PRAKERJA_SANDBOX_URL'] || env['PRAKERJA_BASE_URL'] || DEFAULT_SANDBOX_URL;
  return value.replace(/\/+$/, '');
}

/**
 * Calls the sandbox control plane (`/__sandbox/…`) and returns its JSON. A connection failure or
 * a 5xx is `unreachable` (exit 4); a 4xx (e.g. an unknown delivery id) is a usage error (exit 2).
 */
export async function controlRequest<T>(
  base: string,
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<T> {
  const url = `${base}/__sandbox${path}`;
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(10_000),
    });
  } catch (error) {
    throw new CliError(
      'unreachable',
      `cannot reach the sandbox at ${base} (${(error as Error).cause ?? (error as Error).message}); start it with \`prakerja sandbox\` or pass --sandbox URL`,
    );
  }
  const text = await response.text();
  let json: unknown = null;
  try {
    json = text === '' ? null : JSON.parse(text);
  } catch {
    throw new CliError(
      'unreachable',
      `${base} is not a prakerja-kit sandbox (${method} ${path} returned non-JSON)`,
    );
  }
  if (!response.ok) {
    const message = (json as { error?: string } | null)?.error ?? `HTTP ${response.status}`;
    throw new CliError(response.status < 500 ? 'usage' : 'unreachable', `sandbox: ${message}`);
  }
  return json as T;
}

// The control plane answers with the sandbox's own records.
export type {
  DeliveryRecord,
  WebhookEndpoint as EndpointRecord,
} from '@prakerja-kit/sandbox';
