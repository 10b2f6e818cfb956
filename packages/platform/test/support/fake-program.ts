// A scripted stand-in for the program, injected as `fetch` in unit tests.
import { createPlatformClient, type PlatformClientOptions } from '../../src/index.js';

export interface RecordedCall {
  path: string;
  body: Record<string, unknown>;
  headers: Headers;
}

export type Reply =
  | { status?: number; json: unknown }
  | { drop: true }
  | { hang: true }
  | ((call: RecordedCall) => Reply | Promise<Reply>);

/** Success envelope. */
export const ok = (data?: unknown, message = 'OK'): Reply => ({
  json: data === undefined ? { success: true, message } : { success: true, message, data },
});

/** Program error envelope. */
export const programError = (code: string, status = 400, message = 'Gagal.'): Reply => ({
  status,
  json: { success: false, code, message },
});

/** Every plausible form of payment status's (undocumented) "no purchase has this invoice". */
export const notFound = {
  /** The sandbox's: a 400 envelope with an assumed code and a "tidak ditemukan" message. */
  message: programError(
    'SBX_PLT40016',
    400,
    'Transaksi dengan kode invoice tersebut tidak ditemukan.',
  ),
  /** An opaque code, "not found" in English. */
  opaque: programError('ERRPLT40099', 422, 'Invoice not found'),
  /** HTTP 404 with no code at all. */
  http404: { status: 404, json: { success: false, message: 'Not Found' } } as Reply,
  /** A 200 whose data is null. */
  emptyData: { json: { success: true, message: 'Data tidak ditemukan', data: null } } as Reply,
  /** A 200 with no data field. */
  noData: { json: { success: true, message: 'OK' } } as Reply,
  /** A 200 whose data is an empty object. */
  emptyObject: { json: { success: true, message: 'OK', data: {} } } as Reply,
};

/** A connection reset after the request was sent. */
export const drop: Reply = { drop: true };

/** Builds a fake program: each path answers from its queue, the last reply repeating. */
export function fakeProgram(routes: Record<string, Reply | Reply[]>) {
  const calls: RecordedCall[] = [];
  const queues = new Map(
    Object.entries(routes).map(([path, reply]) => [
      path,
      Array.isArray(reply) ? [...reply] : [reply],
    ]),
  );
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const path = new URL(request.url).pathname;
    const text = await request.text();
    const call = { path, body: text ? JSON.parse(text) : {}, headers: request.headers };
    calls.push(call);
    const queue = queues.get(path.replace('/api/v1/integration/', ''));
    if (!queue || queue.length === 0) throw new Error(`no scripted reply for ${path}`);
    let reply = (queue.length > 1 ? queue.shift() : queue[0]) as Reply;
    while (typeof reply === 'function') reply = await reply(call);
    if ('drop' in reply) {
      throw new TypeError('fetch failed', {
        cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
      });
    }
    if ('hang' in reply) {
      return new Promise((_, reject) => {
        request.signal.addEventListener('abort', () => reject(request.signal.reason));
      });
    }
    return new Response(JSON.stringify(reply.json), {
      status: reply.status ?? 200,
      headers: { 'content-type': 'application/json' },
    });
  };
  return { fetch: fetch as typeof globalThis.fetch, calls };
}

/** A client over a fake program, with fast retries and reconciliation. */
export function fakeClient(
  routes: Record<string, Reply | Reply[]>,
  options: Partial<PlatformClientOptions> = {},
) {
  const program = fakeProgram(routes);
  const client = createPlatformClient({
    clientCode: 'dp-fake-client',
    signKey: 'sk_fake_not_a_real_key',
    baseUrl: 'https://program.test',
    fetch: program.fetch,
    logLevel: 'silent',
    retry: { baseDelayMs: 1, maxDelayMs: 2 },
    reconcile: { attempts: 2, delayMs: 1 },
    ...options,
  });
  return { client, calls: program.calls };
}

/** A status `data` for an invoice. */
export const statusData = (
  invoiceCode: string,
  status = 'SUCCESS',
  transactionCode = 'TRX0000000000001',
) => ({
  created_at: '2026-11-20T03:00:00Z',
  invoice_code: invoiceCode,
  transaction_code: transactionCode,
  amount: 250000,
  status,
  prakerja_name: 'Peserta Uji',
});
