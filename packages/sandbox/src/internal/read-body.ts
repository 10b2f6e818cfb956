import { readBounded } from '@prakerja-kit/core/internal';
/**
 * Reads a request body as UTF-8 text, or returns null once it exceeds `maxBytes` (a declared
 * `content-length` over the limit is refused before reading). The rest of an over-limit body is
 * cancelled without waiting: a cancel can hang until the sender finishes (msw's interceptor), and
 * the caller answers 413 at once.
 */
export async function readBody(request: Request, maxBytes: number): Promise<string | null> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > maxBytes) {
    discard(request.body?.cancel());
    return null;
  }
  if (!request.body) return '';
  const bytes = await readBounded(request.body, maxBytes, false);
  if (bytes === null) return null;
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}

function discard(pending: Promise<unknown> | undefined): void {
  pending?.catch(() => undefined);
}
