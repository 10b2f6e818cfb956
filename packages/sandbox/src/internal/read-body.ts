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
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      discard(reader.cancel());
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function discard(pending: Promise<unknown> | undefined): void {
  pending?.catch(() => undefined);
}
