import { expect, it } from 'vitest';
import { deriveEventId } from './derive-event-id.js';

it('derives the same evt_ id for the same invoice and state, and another for another state', async () => {
  const first = await deriveEventId('payment.authorized:INV-1');
  expect(first).toMatch(/^evt_[0-9A-HJKMNP-TV-Z]{26}$/);
  expect(await deriveEventId('payment.authorized:INV-1')).toBe(first);
  expect(await deriveEventId('payment.voided:INV-1')).not.toBe(first);
  expect(await deriveEventId('payment.authorized:INV-2')).not.toBe(first);
});

it('keeps the ids watchers already emitted: consumers dedupe on them across releases', async () => {
  // Values emitted by the platform and provider watchers before the derivation moved to core.
  expect(await deriveEventId('payment.authorized:INV-1')).toBe('evt_3FV3B9C4MH1TNKNJPNMVBP6YTP');
  expect(await deriveEventId('prakerja-kit/provider/event:PRAT-1:att:1')).toBe(
    'evt_0EGDCV6J4YHH6VGW0ACRP4DJ99',
  );
});
