export type { PaymentPartnerOptions } from './create-app.js';
export { createApp, WEBHOOK_PATH } from './create-app.js';
export type { Ledger, LedgerEntry, PaidEntry, PayOutcome } from './ledger.js';
export { openLedger } from './ledger.js';
export type { RunningServer } from './listen.js';
export { listen } from './listen.js';
export { formatIdr, mask } from './mask.js';
export { INCENTIVE_EVENTS, registerWithSandbox } from './register-with-sandbox.js';
