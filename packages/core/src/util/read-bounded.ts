/**
 * Reads a body stream to its end, as bytes, unless it grows past `maxBytes`: then the stream is
 * cancelled (the runtime stops receiving it) and the answer is `null`. Used by the webhook
 * receiver and the sandbox to refuse oversized bodies without buffering them.
 *
 * `waitForCancel: false` does not wait for the cancel to settle (a cancel can hang until the
 * sender finishes, e.g. under msw's interceptor); its rejection is ignored either way.
 *
 * @example
 * const bytes = await readBounded(request.body, 64 * 1024); // null for a 1 MB body
 */
export async function readBounded(
  body: ReadableStream<Uint8Array>,
  maxBytes: number,
  waitForCancel = true,
): Promise<Uint8Array | null> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      const cancelled = Promise.allSettled([reader.cancel()]);
      if (waitForCancel) await cancelled;
      return null;
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
