import type { Engine } from '../engine.js';
import { jsonResponse } from '../responses.js';
import { requestLog } from './request-log.js';

/** Most dashboard streams open at once; more get a 503. */
export const MAX_STREAM_CLIENTS = 16;
/** A comment line every this many ms keeps proxies and browsers from closing an idle stream. */
export const HEARTBEAT_MS = 15_000;
/** Changes within this many ms are sent as one `change` message. */
const COALESCE_MS = 50;

const encoder = new TextEncoder();

/**
 * Server-sent events for the dashboard: one `change` message (data: a growing version number)
 * whenever the state or the request log changes; the page then reads the control plane again.
 * Bounded clients, a heartbeat, and every stream ended by {@link LiveHub.close}.
 */
export class LiveHub {
  private readonly clients = new Set<ReadableStreamDefaultController<Uint8Array>>();
  private version = 0;
  private pending: ReturnType<typeof setTimeout> | undefined;
  private heartbeat: ReturnType<typeof setInterval> | undefined;
  private closed = false;
  private readonly unsubscribe: Array<() => void>;

  constructor(engine: Engine) {
    const bump = () => this.changed();
    this.unsubscribe = [
      engine.onChange(bump),
      engine.onClock(bump),
      requestLog(engine).onAdd(bump),
    ];
  }

  /** Number of open streams. */
  get size(): number {
    return this.clients.size;
  }

  /** `GET /__sandbox/stream`: a `text/event-stream` response, or 503 when full or closed. */
  open(): Response {
    if (this.closed) return jsonResponse({ error: 'the sandbox is closing' }, 503);
    if (this.clients.size >= MAX_STREAM_CLIENTS) {
      return jsonResponse(
        { error: `too many dashboard streams (at most ${MAX_STREAM_CLIENTS})` },
        503,
        { 'retry-after': '5' },
      );
    }
    let self: ReadableStreamDefaultController<Uint8Array> | undefined;
    const stream = new ReadableStream<Uint8Array>({
      start: (controller) => {
        self = controller;
        this.clients.add(controller);
        controller.enqueue(encoder.encode(`retry: 2000\nevent: change\ndata: ${this.version}\n\n`));
        this.ensureHeartbeat();
      },
      cancel: () => {
        if (self) this.clients.delete(self);
        this.stopHeartbeatIfIdle();
      },
    });
    return new Response(stream, {
      headers: {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        'x-accel-buffering': 'no',
      },
    });
  }

  /** Ends every stream and stops listening (sandbox close). */
  close(): void {
    this.closed = true;
    clearTimeout(this.pending);
    clearInterval(this.heartbeat);
    for (const off of this.unsubscribe) off();
    for (const client of this.clients) {
      try {
        client.close();
      } catch {
        // Already closed by the reader.
      }
    }
    this.clients.clear();
  }

  private changed(): void {
    if (this.closed || this.pending !== undefined) return;
    this.pending = setTimeout(() => {
      this.pending = undefined;
      this.version += 1;
      this.send(`event: change\ndata: ${this.version}\n\n`);
    }, COALESCE_MS);
    this.pending.unref?.();
  }

  private send(text: string): void {
    const bytes = encoder.encode(text);
    for (const client of this.clients) {
      try {
        client.enqueue(bytes);
      } catch {
        this.clients.delete(client);
      }
    }
    this.stopHeartbeatIfIdle();
  }

  private ensureHeartbeat(): void {
    if (this.heartbeat !== undefined) return;
    this.heartbeat = setInterval(() => this.send(': heartbeat\n\n'), HEARTBEAT_MS);
    this.heartbeat.unref?.();
  }

  private stopHeartbeatIfIdle(): void {
    if (this.clients.size > 0 || this.heartbeat === undefined) return;
    clearInterval(this.heartbeat);
    this.heartbeat = undefined;
  }
}
