import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDelivery } from '../src/create-test-delivery.js';
import { createTestEvent } from '../src/create-test-event.js';
import { createWebhookReceiver } from '../src/create-webhook-receiver.js';
import { createPostgresStore, postgresStoreSchema } from '../src/stores/create-postgres-store.js';
import { runStoreConformance } from '../src/testing.js';
import {
  deliverAtOnce,
  holdUntilOpened,
  slowHandlerRunsOnce,
  storeHiccupRunsOnce,
} from './exactly-once.js';
import { SECRET } from './fixtures.js';
import { type PostgresServer, startPostgresServer } from './postgres-server.js';

let server: PostgresServer;
let pool: pg.Pool;

beforeAll(async () => {
  server = await startPostgresServer();
  pool = new pg.Pool({ connectionString: server.url, max: 8 });
});

afterAll(async () => {
  await pool?.end();
  await server?.stop();
});

runStoreConformance('PostgreSQL via pg', () => createPostgresStore({ client: pool }), {
  describe,
  it,
});

it('keeps a handler slower than its lease to one run while duplicates arrive', async () => {
  await slowHandlerRunsOnce(() => createPostgresStore({ client: pool, table: 'slow_events' }));
});

it('runs once when PostgreSQL fails between the handler and complete', async () => {
  await storeHiccupRunsOnce(() => createPostgresStore({ client: pool, table: 'hiccup_events' }));
});

it('runs the handler once when 4 receivers get the same delivery 40 times at once', async () => {
  const event = createTestEvent('incentive.disbursement_requested');
  const held = holdUntilOpened();
  const handler = vi.fn(() => held.until);
  const receivers = Array.from({ length: 4 }, () =>
    createWebhookReceiver({ secret: SECRET, store: createPostgresStore({ client: pool }) }).on(
      'incentive.disbursement_requested',
      handler,
    ),
  );
  const { body, headers } = await createTestDelivery({ event, secret: SECRET });
  const results = await deliverAtOnce(40, held.open, (index) =>
    receivers[index % 4]!.receive({ payload: body, headers }),
  );
  expect(handler).toHaveBeenCalledTimes(1);
  expect(results.filter((result) => result.outcome === 'processed')).toHaveLength(1);
  expect(results.filter((result) => result.outcome === 'in_progress')).toHaveLength(39);
});

it('keeps one row per event with its token, state and expiry on the database clock', async () => {
  const store = createPostgresStore({ client: pool, table: 'public.row_events' });
  const lease = await store.acquire('evt_row', 60_000);
  if (lease.status !== 'acquired') throw new Error('expected a lease');
  const read = async () =>
    (
      await pool.query(
        `SELECT token, processed, round(extract(epoch FROM expires_at - now())) AS seconds
         FROM public.row_events WHERE key = 'evt_row'`,
      )
    ).rows;
  expect(await read()).toEqual([{ token: lease.token, processed: false, seconds: '60' }]);
  await store.complete('evt_row', lease.token, 120_000);
  expect(await read()).toEqual([{ token: lease.token, processed: true, seconds: '120' }]);
});

it('creates the table once even when receivers start together, and sweeps expired rows', async () => {
  const stores = Array.from({ length: 6 }, () =>
    createPostgresStore({ client: pool, table: 'together_events' }),
  );
  await Promise.all(stores.map((store, index) => store.acquire(`evt_${index}`, 60_000)));
  // The six leases run out, on the database clock the store compares with (no sleeping past a
  // short lease).
  await pool.query("UPDATE together_events SET expires_at = now() - interval '1 second'");
  // A new store sweeps on its first acquire: the six expired leases are deleted.
  await createPostgresStore({ client: pool, table: 'together_events' }).acquire('evt_new', 60_000);
  const { rows } = await pool.query('SELECT key FROM together_events');
  expect(rows).toEqual([{ key: 'evt_new' }]);
});

it('uses a table created by migrations with createTable: false, and says when it is missing', async () => {
  await pool.query(postgresStoreSchema('migrated_events'));
  const store = createPostgresStore({ client: pool, table: 'migrated_events', createTable: false });
  expect((await store.acquire('evt_m', 60_000)).status).toBe('acquired');
  const missing = createPostgresStore({ client: pool, table: 'absent_events', createTable: false });
  await expect(missing.acquire('evt_m', 60_000)).rejects.toThrow(
    'relation "absent_events" does not exist',
  );
});

it('refuses a table name that is not a plain identifier', () => {
  expect(() => createPostgresStore({ client: pool, table: 'events; DROP TABLE x' })).toThrow(
    'table must be a plain or schema-qualified SQL identifier (letters, digits, _), got "events; DROP TABLE x"',
  );
});

it('retries creating the table after a failure, then works', async () => {
  const store = createPostgresStore({ client: pool, table: 'later.events' });
  await expect(store.acquire('evt_l', 60_000)).rejects.toThrow('schema "later" does not exist');
  await pool.query('CREATE SCHEMA later');
  expect((await store.acquire('evt_l', 60_000)).status).toBe('acquired');
});

// The three ways PostgreSQL reports a concurrent CREATE TABLE IF NOT EXISTS that lost the race
// (the last one, 'type "…" already exists', was seen in CI with receivers starting together).
it.each([
  ['23505', 'duplicate key value violates unique constraint "pg_type_typname_nsp_index"'],
  ['42P07', 'relation "raced_events" already exists'],
  ['42710', 'type "raced_events" already exists'],
])(
  'takes "already exists" (%s) from a concurrent CREATE TABLE as created',
  async (code, message) => {
    await pool.query(postgresStoreSchema('raced_events'));
    const client = {
      query: (text: string, values: unknown[]) =>
        text.startsWith('CREATE TABLE')
          ? Promise.reject(Object.assign(new Error(message), { code }))
          : pool.query(text, values),
    };
    const store = createPostgresStore({ client, table: 'raced_events' });
    expect((await store.acquire(`evt_r_${code}`, 60_000)).status).toBe('acquired');
  },
);
