import { type Check, checkConsistency } from './checks.js';
import { FAULT_PLAN, REFUSED_DELIVERIES } from './fault-plan.js';
import { runJourney } from './journey.js';
import { createReporter, type SummaryRow, table, type Write } from './reporter.js';
import { startWorld } from './world.js';

/** Options of {@link runDemo}. */
export interface DemoOptions {
  /** Inject the faults of {@link FAULT_PLAN} and a payment-partner outage. @default false */
  faults?: boolean | undefined;
  /** Sandbox seed: same seed, same codes and the same run. @default 42 */
  seed?: number | undefined;
  /** Progress output. @default silent */
  write?: Write | undefined;
}

/** A fault as it happened. */
export interface FaultOutcome {
  name: string;
  /** Requests (or deliveries) it hit. */
  hits: number;
  /** How it was absorbed, as observed. */
  absorbed: string;
}

/** What a run produced. */
export interface DemoResult {
  rows: readonly SummaryRow[];
  checks: Check[];
  faults: FaultOutcome[];
  /** Every check passed and every injected fault fired. */
  consistent: boolean;
}

/**
 * Runs the whole program journey against an in-process sandbox and checks the end state.
 * Nothing needs setting up: the sandbox seeds fake credentials, participants and courses.
 */
export async function runDemo(options: DemoOptions = {}): Promise<DemoResult> {
  const write = options.write ?? (() => {});
  const seed = options.seed ?? 42;
  const report = createReporter(write);
  const world = await startWorld({
    seed,
    refuseDeliveries: options.faults ? REFUSED_DELIVERIES : 0,
    log: (line) => write(`   payment partner: ${line}`),
  });
  try {
    write(
      `prakerja-kit demo: the Kartu Prakerja journey against an in-process sandbox (seed ${seed})`,
    );
    write(
      `sandbox ${world.server.url}, payment partner ${world.partner.url}; fake credentials only`,
    );
    const add = (fault: (typeof FAULT_PLAN)[number]) =>
      world.sandbox.control.faults.add(fault.input);
    const injected = options.faults
      ? FAULT_PLAN.map((fault) => ({
          fault,
          record: fault.beforeSecondPurchase ? undefined : add(fault),
        }))
      : [];
    // Faults aimed at the second purchase are added when the journey gets there.
    const beforeSecondPurchase = () => {
      for (const item of injected) {
        if (item.fault.beforeSecondPurchase && !item.record) item.record = add(item.fault);
      }
    };
    if (options.faults) {
      write('');
      write(
        `--faults: ${injected.length} program faults and ${REFUSED_DELIVERIES} refused webhook delivery injected:`,
      );
      for (const { fault } of injected) {
        const when = fault.beforeSecondPurchase ? ' (added before the second purchase)' : '';
        write(`   ${fault.name.padEnd(32)} ${fault.input.path}${when}`);
      }
    }

    const journey = await runJourney(world, report, { beforeSecondPurchase });
    const checks = await checkConsistency(world, journey);

    const hits = new Map(
      world.sandbox.control.faults.list().map((record) => [record.id, record.hits]),
    );
    const faults: FaultOutcome[] = injected.map(({ fault, record }) => {
      // Latency shares its path with other faults: only the faults that fail a request retry.
      const retries =
        fault.input.kind === 'latency'
          ? 0
          : world.retries.filter((retry) => retry.path === fault.input.path).length;
      const observed =
        journey.appRecoveries.get(fault.name) ??
        (retries > 0
          ? `${fault.absorbedBy} (${retries} retr${retries === 1 ? 'y' : 'ies'})`
          : fault.absorbedBy);
      const hit = record === undefined ? 0 : (hits.get(record.id) ?? 0);
      return { name: fault.name, hits: hit, absorbed: observed };
    });
    if (options.faults) {
      faults.push({
        name: '503 from the payment partner',
        hits: world.refusedDeliveries,
        absorbed: 'the sandbox redelivered after 5 s (same event id); paid once',
      });
    }
    const consistent = checks.every((item) => item.ok) && faults.every((fault) => fault.hits > 0);
    printSummary(write, report.rows, checks, faults, consistent);
    return { rows: report.rows, checks, faults, consistent };
  } finally {
    await world.close();
  }
}

function printSummary(
  write: Write,
  rows: readonly SummaryRow[],
  checks: readonly Check[],
  faults: readonly FaultOutcome[],
  consistent: boolean,
): void {
  const lines = (text: string[]) => {
    for (const line of text) write(line);
  };
  write('');
  write('Summary');
  lines(
    table(
      ['step', 'result', 'ms'],
      rows.map((row) => [row.step, row.result, String(row.ms)]),
    ),
  );
  write('');
  write('Consistency');
  lines(
    table(
      ['', 'check', 'observed'],
      checks.map((item) => [item.ok ? '✔' : '✘', item.name, item.detail]),
    ),
  );
  if (faults.length > 0) {
    write('');
    write('Faults injected and how each was absorbed');
    lines(
      table(
        ['fault', 'hits', 'absorbed by'],
        faults.map((fault) => [fault.name, String(fault.hits), fault.absorbed]),
      ),
    );
  }
  write('');
  write(consistent ? 'All consistent.' : 'INCONSISTENT: see the ✘ rows above.');
}
