import { describe, expect, it } from 'vitest';
import { NOW_SECONDS, now, SECRET } from '../test/fixtures.js';
import { createTestDelivery } from './create-test-delivery.js';
import { createTestEvent } from './create-test-event.js';
import { verifyRequest } from './verify-request.js';

const event = createTestEvent('assignment.submitted');

describe('verifyRequest', () => {
  it('verifies a fetch Request from its raw bytes and returns the typed event', async () => {
    const { request } = createTestDelivery({ event, secret: SECRET, timestamp: NOW_SECONDS });
    await expect(verifyRequest(request, { secret: SECRET, now })).resolves.toEqual(event);
  });

  it('verifies a body with multi-byte characters exactly as sent', async () => {
    const accented = createTestEvent('incentive.disbursement_cancelled', {
      data: { reason: 'peserta mengundurkan diri — é' },
    });
    const { request } = createTestDelivery({
      event: accented,
      secret: SECRET,
      timestamp: NOW_SECONDS,
    });
    await expect(verifyRequest(request, { secret: SECRET, now })).resolves.toEqual(accented);
  });

  it('refuses a request whose body was already read, with the fix', async () => {
    const { request } = createTestDelivery({ event, secret: SECRET, timestamp: NOW_SECONDS });
    await request.json();
    await expect(verifyRequest(request, { secret: SECRET, now })).rejects.toThrow(
      /\(payload\): the request body was already read.*request\.clone\(\)/,
    );
  });

  it('rejects a request signed for another time', async () => {
    const { request } = createTestDelivery({
      event,
      secret: SECRET,
      timestamp: NOW_SECONDS - 3_600,
    });
    await expect(verifyRequest(request, { secret: SECRET, now })).rejects.toThrow(
      /\(timestamp\): too old/,
    );
  });
});
