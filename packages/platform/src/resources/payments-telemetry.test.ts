import { TelemetryMetric } from '@prakerja-kit/core/telemetry';
import { afterAll, describe, expect, it } from 'vitest';
import { drop, fakeClient, ok, programError, statusData } from '../../test/support/fake-program.js';
import { childrenOf, otelHarness } from '../../test/support/otel.js';

const otelSdk = otelHarness();
afterAll(() => otelSdk.shutdown());

describe('payments.void telemetry', () => {
  it('records a documented "already voided" without a lookup, and an ambiguous void reconciled through status', async () => {
    otelSdk.reset();
    const before = await otelSdk.metrics();
    const already = fakeClient(
      { 'payment/void': programError('ERRPLT40028') },
      { telemetry: otelSdk.telemetry },
    );
    expect(
      await already.client.payments.void({ invoiceCode: 'INV-T1', transactionCode: 'TRX1' }),
    ).toMatchObject({ outcome: 'voided', alreadyVoided: true });
    const dropped = fakeClient(
      { 'payment/void': drop, 'payment/status': ok(statusData('INV-T2', 'VOID')) },
      { telemetry: otelSdk.telemetry },
    );
    expect(
      await dropped.client.payments.void({ invoiceCode: 'INV-T2', transactionCode: 'TRX2' }),
    ).toMatchObject({ outcome: 'voided', reconciled: true });

    const spans = otelSdk.spans();
    const voids = spans.filter((span) => span.name === 'payments.void');
    expect(voids.map((span) => span.attributes)).toEqual([
      expect.objectContaining({ 'prakerja.outcome': 'voided', 'prakerja.reconciled': false }),
      expect.objectContaining({
        'prakerja.outcome': 'voided',
        'prakerja.reconciled': true,
        'prakerja.reconcile.result': 'found',
      }),
    ]);
    expect(childrenOf(spans, voids[0]!).map((span) => span.name)).toEqual([
      'POST /api/v1/integration/payment/void',
    ]);
    expect(childrenOf(spans, voids[0]!)[0]?.attributes['prakerja.error_code']).toBe('ERRPLT40028');
    expect(childrenOf(spans, voids[1]!).map((span) => span.name)).toEqual([
      'POST /api/v1/integration/payment/void',
      'payments.reconcile.lookup',
    ]);

    const after = await otelSdk.metrics();
    const delta = (name: string, attributes: Record<string, unknown>) => {
      const find = (all: typeof after) =>
        (all[name] ?? []).find(
          (point) => JSON.stringify(point.attributes) === JSON.stringify(attributes),
        )?.value ?? 0;
      return find(after) - find(before);
    };
    expect(
      delta(TelemetryMetric.OUTCOMES, {
        'prakerja.operation': 'void',
        'prakerja.outcome': 'voided',
        'prakerja.reconciled': false,
      }),
    ).toBe(1);
    expect(
      delta(TelemetryMetric.OUTCOMES, {
        'prakerja.operation': 'void',
        'prakerja.outcome': 'voided',
        'prakerja.reconciled': true,
      }),
    ).toBe(1);
    expect(
      delta(TelemetryMetric.RECONCILIATIONS, {
        'prakerja.operation': 'void',
        'prakerja.outcome': 'voided',
        'prakerja.reconcile.result': 'found',
      }),
    ).toBe(1);
  });

  it('marks an unknown authorize as an error with the outcome', async () => {
    otelSdk.reset();
    const { client } = fakeClient(
      { 'payment/authorize': drop, 'payment/status': ok(statusData('INV-T3', 'PENDING')) },
      { telemetry: otelSdk.telemetry },
    );
    const result = await client.payments.authorize({
      paymentToken: 'ptok_fake_unknown_1',
      otp: '123456',
      invoiceCode: 'INV-T3',
      invoiceUrl: 'https://shop.example/invoices/INV-T3',
    });
    expect(result.outcome).toBe('unknown');
    const span = otelSdk.spans().find((item) => item.name === 'payments.authorize');
    expect(span?.attributes).toMatchObject({
      'prakerja.outcome': 'unknown',
      'error.type': 'ConnectionError',
    });
    expect(span?.status.code).toBe(2);
    expect(
      JSON.stringify(otelSdk.spans().map((item) => [item.attributes, item.events])),
    ).not.toMatch(/ptok_fake_unknown_1|123456/);
  });
});
