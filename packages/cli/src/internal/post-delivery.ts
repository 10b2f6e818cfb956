import { CliError } from './cli-error.js';

/** The outcome of sending one delivery. */
export interface PostResult {
  status: number;
  durationMs: number;
}

/** POSTs a signed delivery; a connection failure is `unreachable` (exit 4). */
export async function postDelivery(
  url: string,
  headers: Record<string, string>,
  body: string,
): Promise<PostResult> {
  const started = performance.now();
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'user-agent': 'prakerja-cli', ...headers },
      body,
      signal: AbortSignal.timeout(15_000),
    });
    await response.body?.cancel();
    return { status: response.status, durationMs: Math.round(performance.now() - started) };
  } catch (error) {
    const cause = (error as Error).cause ?? (error as Error).message;
    throw new CliError('unreachable', `cannot deliver to ${url} (${String(cause)})`);
  }
}

/** True for a 2xx status. */
export function isSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}
