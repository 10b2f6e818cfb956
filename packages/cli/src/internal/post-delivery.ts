import { CliError } from './cli-error.js';

/** The outcome of sending one delivery. */
export interface PostResult {
  status: number;
  durationMs: number;
  /** The first 2 KB of the response body (UTF-8). */
  body: string;
  /** True when the body was longer than `body`. */
  truncated: boolean;
  /** The response's content type, if any. */
  contentType: string | null;
}

const BODY_BYTES = 2048;

/** The first `limit` bytes of a response body; the rest is cancelled, never read. */
async function readHead(response: Response, limit: number) {
  if (!response.body) return { body: '', truncated: false };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { body: Buffer.concat(chunks).toString('utf8'), truncated: false };
    if (size + value.byteLength > limit) {
      chunks.push(value.subarray(0, limit - size));
      reader.cancel().catch(() => undefined);
      return { body: Buffer.concat(chunks).toString('utf8'), truncated: true };
    }
    chunks.push(value);
    size += value.byteLength;
  }
}

/**
 * POSTs a signed delivery and reads the first 2 KB of the answer; a connection failure is
 * `unreachable` (exit 4).
 */
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
    const head = await readHead(response, BODY_BYTES).catch(() => ({ body: '', truncated: false }));
    return {
      status: response.status,
      durationMs: Math.round(performance.now() - started),
      ...head,
      contentType: response.headers.get('content-type'),
    };
  } catch (error) {
    const cause = (error as Error).cause ?? (error as Error).message;
    throw new CliError('unreachable', `cannot deliver to ${url} (${String(cause)})`);
  }
}

/** True for a 2xx status. */
export function isSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}
