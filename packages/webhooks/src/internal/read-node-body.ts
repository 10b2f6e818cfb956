import type { IncomingMessage } from 'node:http';
import { WebhookVerificationError } from '../errors/webhook-verification-error.js';
import { RAW_BODY_HELP } from './raw-body-help.js';

/** Reads a Node request's raw body, or the raw body a framework already buffered. */
export async function readNodeBody(
  request: IncomingMessage,
  maxBytes: number,
): Promise<Uint8Array | string> {
  // Express and others put a buffered body here; only raw bytes or text are still verifiable.
  const buffered = (request as { body?: unknown }).body;
  if (typeof buffered === 'string' || buffered instanceof Uint8Array) return buffered;
  if (buffered !== undefined || request.readableEnded) {
    throw new WebhookVerificationError(
      'payload',
      `the body was already parsed or read by a body parser. ${RAW_BODY_HELP}`,
    );
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) return void chunks.push(chunk);
      // Stop buffering but keep draining, so the 400 answer still reaches the sender.
      request.off('data', onData);
      request.resume();
      reject(new WebhookVerificationError('payload', `the body is larger than ${maxBytes} bytes`));
    };
    request.on('data', onData);
    request.once('end', () => resolve(Buffer.concat(chunks)));
    request.once('error', reject);
  });
}
