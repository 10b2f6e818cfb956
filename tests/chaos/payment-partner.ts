import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createMemoryStore,
  createWebhookReceiver,
  generateSecret,
  type WebhookReceiver,
} from '@prakerja-kit/webhooks';
import type { FaultCounter } from './fault-counter.js';
import type { Random } from './random.js';

/** Options of {@link startPaymentPartner}. */
export interface PaymentPartnerOptions {
  instances: number;
  random: Random;
  faults: FaultCounter;
}

/** A payment partner: several receiver instances sharing one store, behind a load balancer. */
export interface PaymentPartner {
  url: string;
  secret: string;
  /** Successful handler runs per event id, over every instance. */
  handled: Record<string, number>;
  /** Disbursement ids paid, one entry per payout. */
  payouts: string[];
  /** Stops injecting faults (the final settle phase). */
  calm(): void;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function readBody(message: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of message) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Starts the payment partner. The load balancer in front injects the delivery faults: a brief
 * outage (503), a held delivery (so later events overtake it: out of order), the same delivery
 * handed to two instances at once (a duplicate), and a handler that crashes before paying.
 */
export async function startPaymentPartner(options: PaymentPartnerOptions): Promise<PaymentPartner> {
  const { random, faults } = options;
  const secret = generateSecret();
  // One store shared by every instance, as a Redis store would be.
  const store = createMemoryStore();
  const handled: Record<string, number> = {};
  const payouts: string[] = [];
  const ledger = new Map<string, 'paid' | 'cancelled'>();
  let calm = false;

  const instances: WebhookReceiver[] = [];
  for (let index = 0; index < options.instances; index++) {
    instances.push(
      createWebhookReceiver({ secret, store, leaseMs: 10_000 })
        .on('incentive.disbursement_requested', async (event) => {
          await sleep(random.int(0, 20));
          if (!calm && random.chance(0.05)) {
            faults.count('receiver: handler crashed before paying');
            throw new Error('ledger database unavailable');
          }
          if (!ledger.has(event.data.disbursement_id)) {
            ledger.set(event.data.disbursement_id, 'paid');
            payouts.push(event.data.disbursement_id);
          }
          handled[event.id] = (handled[event.id] ?? 0) + 1;
        })
        .on('incentive.disbursement_cancelled', async (event) => {
          if (!ledger.has(event.data.disbursement_id)) {
            ledger.set(event.data.disbursement_id, 'cancelled');
          }
          handled[event.id] = (handled[event.id] ?? 0) + 1;
        }),
    );
  }

  async function handle(instance: WebhookReceiver, request: Request): Promise<Response> {
    try {
      return await instance.receiveRequest(request);
    } catch {
      return new Response('handler failed', { status: 500 });
    }
  }

  const server: Server = createServer(async (message, reply) => {
    const body = await readBody(message);
    const headers = new Headers();
    for (const [name, value] of Object.entries(message.headers)) {
      if (typeof value === 'string') headers.set(name, value);
    }
    const build = () =>
      new Request('http://127.0.0.1/webhooks', {
        method: 'POST',
        headers,
        body: new Uint8Array(body),
      });
    let response: Response;
    if (!calm && random.chance(0.08)) {
      faults.count('receiver: 503 outage');
      response = new Response('unavailable', { status: 503 });
    } else {
      if (!calm && random.chance(0.15)) {
        faults.count('receiver: delivery held (out of order)');
        await sleep(random.int(100, 600));
      }
      const first = random.pick(instances);
      if (!calm && random.chance(0.1)) {
        faults.count('receiver: same delivery to two instances');
        const second = random.pick(instances);
        [response] = await Promise.all([handle(first, build()), handle(second, build())]);
      } else {
        response = await handle(first, build());
      }
    }
    reply.statusCode = response.status;
    response.headers.forEach((value, name) => {
      reply.setHeader(name, value);
    });
    reply.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks`,
    secret,
    handled,
    payouts,
    calm: () => {
      calm = true;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
