import type { Engine } from './engine.js';
import type { RedeemCodeRecord } from './state.js';

/**
 * Emits `course.completed` once the post-test (sequence 999) is verified and the latest UK
 * submission (scope `uk`, sequence 999) is accepted by the program's verdict (status 2; the LP's
 * feedback alone accepts nothing), then `incentive.disbursement_requested` once
 * per redeem code, ever (docs/events.md).
 */
export function checkCompletion(engine: Engine, record: RedeemCodeRecord): void {
  if (record.completedAt !== null || record.cancelled) return;
  if (record.attendance['999']?.status !== 1) return;
  const submissions = engine.state.assignments.filter(
    (item) =>
      item.kind === 'submission' &&
      item.redeemCode === record.redeemCode &&
      item.scope === 'uk' &&
      item.sequence === 999,
  );
  if (submissions.at(-1)?.status !== 2) return;
  const now = engine.isoNow();
  record.completedAt = now;
  engine.emit('course.completed', {
    redeem_code: record.redeemCode,
    course_code: record.courseCode,
    completed_at: now,
  });
  if (record.disbursementId !== null) return;
  const participant = engine.fixtures.participants.find(
    (item) => item.prakerjaId === record.prakerjaId,
  );
  record.disbursementId = engine.id('dsb_');
  engine.emit('incentive.disbursement_requested', {
    disbursement_id: record.disbursementId,
    redeem_code: record.redeemCode,
    prakerja_id: record.prakerjaId,
    amount: engine.options.incentiveAmount,
    currency: 'IDR',
    // The fixture's payout is camelCase; the event keeps its wire name `account_number`.
    destination: participant
      ? {
          type: participant.payout.type,
          provider: participant.payout.provider,
          account_number: participant.payout.accountNumber,
        }
      : { type: 'ewallet', provider: 'sandbox-wallet', account_number: '' },
    requested_at: now,
  });
}
