import { signSync } from '@prakerja-kit/webhooks/node';
import type { EventVector } from '../conformance-vectors.js';

const JSON_TYPE = 'application/json';

const SPEC_SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const SECRET = `whsec_${Buffer.from('prakerja-kit test vector secret!').toString('base64')}`;
const OLD_SECRET = `whsec_${Buffer.from('prakerja-kit rotated-out secret!').toString('base64')}`;

interface EventCase {
  name: string;
  description: string;
  id: string;
  timestamp: number;
  body: string;
  secret?: string;
  now?: number;
  fault?: { code: string; signature?: string; body?: string; id?: string };
}

function eventVector(spec: EventCase): EventVector {
  const secret = spec.secret ?? SECRET;
  const id = spec.fault?.id ?? spec.id;
  const body = spec.fault?.body ?? spec.body;
  const signed = signSync({ id: spec.id, timestamp: spec.timestamp, payload: spec.body, secret });
  return {
    name: spec.name,
    description: spec.description,
    valid: spec.fault === undefined,
    ...(spec.fault ? { fault: spec.fault.code } : {}),
    secret,
    now: spec.now ?? spec.timestamp,
    request: {
      headers: {
        'content-type': JSON_TYPE,
        'webhook-id': id,
        'webhook-timestamp': String(spec.timestamp),
        'webhook-signature': spec.fault?.signature ?? signed,
      },
      body,
    },
    signed_content: `${id}.${spec.timestamp}.${body}`,
    expected_signature: signSync({ id, timestamp: spec.timestamp, payload: body, secret }),
  };
}

const event = {
  id: 'evt_01KAVT0000FAKEVECT0R00001',
  timestamp: 1763967600,
  body: JSON.stringify({
    id: 'evt_01KAVT0000FAKEVECT0R00001',
    type: 'payment.authorized',
    created_at: '2025-11-24T07:00:00.000Z',
    data: {
      invoice_code: 'INV-FAKE-1',
      transaction_code: 'TRX-FAKE-0001',
      amount: 1500000,
      course_code: 'COURSE-FAKE-1',
      schedule_code: 'SCHED-FAKE-1',
      authorized_at: '2025-11-24T07:00:00.000Z',
    },
  }),
};

/** The event-scheme vectors: the Standard Webhooks example, a prakerja-kit event, negative cases. */
export function eventVectors(tolerance: number): EventVector[] {
  const cases: EventCase[] = [
    {
      name: 'standard-webhooks-specification',
      description: 'The reference example of the Standard Webhooks specification.',
      id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
      timestamp: 1614265330,
      body: '{"test": 2432232314}',
      secret: SPEC_SECRET,
    },
    {
      name: 'payment-authorized',
      description: 'A prakerja-kit payment.authorized event.',
      ...event,
    },
    {
      name: 'secret-rotation-two-signatures',
      description:
        'Two space-separated signatures (old and new secret) during a rotation; one valid signature is enough.',
      ...event,
    },
    {
      name: 'several-signatures-none-valid',
      description:
        'Two space-separated v1 signatures, both made with secrets the receiver does not hold: rejected.',
      ...event,
      fault: {
        code: 'wrong-secret',
        signature: [
          OLD_SECRET,
          `whsec_${Buffer.from('prakerja-kit a third fake secret').toString('base64')}`,
        ]
          .map((secret) =>
            signSync({ id: event.id, timestamp: event.timestamp, payload: event.body, secret }),
          )
          .join(' '),
      },
    },
    {
      name: 'payload-tampered',
      description: 'The body was changed after signing (amount).',
      ...event,
      fault: { code: 'payload-tampered', body: event.body.replace('1500000', '9500000') },
    },
    {
      name: 'body-reserialised',
      description:
        'The receiver parsed and re-serialised the body before verifying; verify the raw bytes.',
      ...event,
      fault: { code: 'body-reserialised', body: JSON.stringify(JSON.parse(event.body), null, 2) },
    },
    {
      name: 'wrong-secret',
      description: 'Signed with another secret.',
      ...event,
      fault: {
        code: 'wrong-secret',
        signature: signSync({
          id: event.id,
          timestamp: event.timestamp,
          payload: event.body,
          secret: OLD_SECRET,
        }),
      },
    },
    {
      name: 'timestamp-too-old',
      description: `Signed correctly, received ${tolerance + 1} s later than the tolerance allows.`,
      ...event,
      now: event.timestamp + tolerance + 1,
      fault: { code: 'timestamp-too-old' },
    },
    {
      name: 'timestamp-too-new',
      description: 'Signed correctly with a timestamp in the future beyond the tolerance.',
      ...event,
      now: event.timestamp - tolerance - 1,
      fault: { code: 'timestamp-too-new' },
    },
    {
      name: 'id-mismatch',
      description: 'The webhook-id header is not the id that was signed.',
      ...event,
      fault: { code: 'id-mismatch', id: 'evt_01KAVT0000FAKEVECT0R00002' },
    },
    {
      name: 'unknown-signature-version',
      description: 'Only a v2 signature: no v1 signature to check, so the delivery is rejected.',
      ...event,
      fault: {
        code: 'unknown-signature-version',
        signature: signSync({
          id: event.id,
          timestamp: event.timestamp,
          payload: event.body,
          secret: SECRET,
        }).replace('v1,', 'v2,'),
      },
    },
  ];
  return cases.map((spec) => {
    const vector = eventVector(spec);
    if (spec.name === 'secret-rotation-two-signatures') {
      const old = signSync({
        id: spec.id,
        timestamp: spec.timestamp,
        payload: spec.body,
        secret: OLD_SECRET,
      });
      vector.request.headers['webhook-signature'] = `${old} ${vector.expected_signature}`;
    }
    return vector;
  });
}
