import { mkdir, open, readFile, truncate } from 'node:fs/promises';
import { dirname } from 'node:path';

/** One payout to a participant, as written to the ledger. */
export interface PaidEntry {
  kind: 'paid';
  disbursement_id: string;
  event_id: string;
  redeem_code: string;
  prakerja_id: string;
  amount: number;
  currency: 'IDR';
  destination: { type: 'bank' | 'ewallet'; provider: string; account_number: string };
  paid_at: string;
}

/** A disbursement the program cancelled; it is never paid afterwards. */
export interface CancelledEntry {
  kind: 'cancelled';
  disbursement_id: string;
  event_id: string;
  reason: string;
  cancelled_at: string;
}

/** A ledger line. */
export type LedgerEntry = PaidEntry | CancelledEntry;

/** What {@link Ledger.pay} did. */
export type PayOutcome = 'paid' | 'already-paid' | 'cancelled';

/** The disbursement ledger: the one source of truth for "was this paid?". */
export interface Ledger {
  /** Pays a disbursement unless it was paid or cancelled before (by any earlier process). */
  pay(entry: Omit<PaidEntry, 'kind' | 'paid_at'>): Promise<PayOutcome>;
  /** Records a cancellation; a disbursement already paid stays paid. */
  cancel(
    entry: Omit<CancelledEntry, 'kind' | 'cancelled_at'>,
  ): Promise<'cancelled' | 'already-paid'>;
  /** Every line so far, oldest first. */
  entries(): readonly LedgerEntry[];
  close(): Promise<void>;
}

/**
 * Opens (or creates) an append-only JSON-lines ledger. Every line is fsync'd before `pay`
 * resolves, so a disbursement acknowledged to the sender survives a crash, and a restart
 * rebuilds the index from the file: nothing is paid twice, across retries or restarts.
 *
 * One process writes a ledger file; calls are serialised in this process. A torn last line
 * (a crash mid-write, never acknowledged) is cut off on open.
 */
export async function openLedger(
  path: string,
  now: () => Date = () => new Date(),
): Promise<Ledger> {
  await mkdir(dirname(path), { recursive: true });
  const lines = await readLines(path);
  const entries: LedgerEntry[] = lines.map((line) => JSON.parse(line) as LedgerEntry);
  const state = new Map<string, LedgerEntry['kind']>();
  for (const entry of entries) {
    if (state.get(entry.disbursement_id) !== 'paid') state.set(entry.disbursement_id, entry.kind);
  }
  const file = await open(path, 'a');
  let queue: Promise<unknown> = Promise.resolve();

  async function append(entry: LedgerEntry): Promise<void> {
    await file.write(`${JSON.stringify(entry)}\n`);
    await file.sync();
    entries.push(entry);
    state.set(entry.disbursement_id, entry.kind);
  }

  // One write at a time: the check and the append of a disbursement cannot interleave.
  function serially<T>(task: () => Promise<T>): Promise<T> {
    const result = queue.then(task);
    queue = result.catch(() => undefined);
    return result;
  }

  return {
    pay: (request) =>
      serially(async () => {
        const known = state.get(request.disbursement_id);
        if (known === 'paid') return 'already-paid';
        if (known === 'cancelled') return 'cancelled';
        await append({ kind: 'paid', ...request, paid_at: now().toISOString() });
        return 'paid';
      }),
    cancel: (request) =>
      serially(async () => {
        const known = state.get(request.disbursement_id);
        if (known === 'paid') return 'already-paid';
        if (known === 'cancelled') return 'cancelled';
        await append({ kind: 'cancelled', ...request, cancelled_at: now().toISOString() });
        return 'cancelled';
      }),
    entries: () => entries,
    close: () => serially(() => file.close()),
  };
}

/** Reads complete lines, cutting off a torn last line left by a crash. */
async function readLines(path: string): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const end = text.lastIndexOf('\n') + 1;
  if (end < text.length) await truncate(path, Buffer.byteLength(text.slice(0, end)));
  return text
    .slice(0, end)
    .split('\n')
    .filter((line) => line.length > 0);
}
