import type { IdempotencyStore } from './idempotency-store.js';

/** What {@link createPostgresStore} needs: a `pg` `Pool` (or `Client`) `query`. */
export interface PostgresClientLike {
  /** `pg`'s `query(text, values)`, resolving to the result's `rows`. */
  query(text: string, values: unknown[]): Promise<{ rows: unknown[] }>;
}

/** Options of {@link createPostgresStore}. */
export interface PostgresStoreOptions {
  /** A `pg` `Pool` (recommended: the store's queries are single statements) or `Client`. */
  client: PostgresClientLike;
  /**
   * The table, optionally schema-qualified (`webhooks.events`): letters, digits and `_`.
   * @default 'prakerja_webhook_events'
   */
  table?: string | undefined;
  /**
   * Create the table (`CREATE TABLE IF NOT EXISTS`, {@link postgresStoreSchema}) on first use.
   * Turn it off when migrations create it.
   * @default true
   */
  createTable?: boolean | undefined;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$/;

/**
 * The DDL of {@link createPostgresStore}'s table, for your migrations. Expiry uses the database
 * server's clock, so receivers' clocks never matter.
 *
 * @example
 * await pool.query(postgresStoreSchema('prakerja_webhook_events'));
 */
export function postgresStoreSchema(table = 'prakerja_webhook_events'): string {
  if (!IDENTIFIER.test(table)) {
    throw new TypeError(
      `table must be a plain or schema-qualified SQL identifier (letters, digits, _), got ${JSON.stringify(table)}`,
    );
  }
  return `CREATE TABLE IF NOT EXISTS ${table} (
  key text PRIMARY KEY,
  token text NOT NULL,
  processed boolean NOT NULL,
  expires_at timestamptz NOT NULL
)`;
}

// Concurrent `CREATE TABLE IF NOT EXISTS` may still collide in the catalogue (unique_violation on
// pg_type, duplicate_table, or duplicate_object: 'type "…" already exists'): another receiver
// created the table first, which is what we wanted.
const ALREADY_EXISTS = new Set(['23505', '42P07', '42710']);

const UNTIL = `clock_timestamp() + $3 * interval '1 millisecond'`;

/**
 * An {@link IdempotencyStore} in PostgreSQL (`pg`), for receivers running as several instances
 * that already share a database.
 *
 * One row per event: the lease token, whether it is processed, and when the row expires (on the
 * database's clock). Every operation is one atomic statement; `extend`, `complete` and `release`
 * act only for the token that holds the row. Expired rows are reused by `acquire` and deleted
 * at most once a minute.
 *
 * @example
 * import pg from 'pg';
 * const store = createPostgresStore({ client: new pg.Pool({ connectionString: process.env.DATABASE_URL }) });
 */
export function createPostgresStore(options: PostgresStoreOptions): IdempotencyStore {
  const { client } = options;
  const table = options.table ?? 'prakerja_webhook_events';
  const schema = postgresStoreSchema(table);
  let ready: Promise<void> | undefined;
  let nextSweep = 0;

  function prepare(): Promise<void> {
    if (options.createTable === false) return Promise.resolve();
    ready ??= client.query(schema, []).then(
      () => undefined,
      (error: unknown) => {
        if (ALREADY_EXISTS.has(String((error as { code?: unknown }).code))) return;
        ready = undefined;
        throw error;
      },
    );
    return ready;
  }

  async function query(text: string, values: unknown[]): Promise<unknown[]> {
    await prepare();
    return (await client.query(text, values)).rows;
  }

  return {
    async acquire(key, leaseMs) {
      if (Date.now() >= nextSweep) {
        nextSweep = Date.now() + 60_000;
        await query(`DELETE FROM ${table} WHERE expires_at < clock_timestamp()`, []);
      }
      const token = `lease:${crypto.randomUUID()}`;
      const taken = await query(
        `INSERT INTO ${table} AS held (key, token, processed, expires_at)
VALUES ($1, $2, false, ${UNTIL})
ON CONFLICT (key) DO UPDATE SET token = excluded.token, processed = false, expires_at = excluded.expires_at
WHERE held.expires_at <= clock_timestamp()
RETURNING 1`,
        [key, token, leaseMs],
      );
      if (taken.length === 1) return { status: 'acquired', token };
      const [row] = (await query(
        `SELECT processed FROM ${table} WHERE key = $1 AND expires_at > clock_timestamp()`,
        [key],
      )) as Array<{ processed: boolean }>;
      // A row that expired between the two statements: answer "processing" so the sender retries.
      return row?.processed === true ? { status: 'processed' } : { status: 'processing' };
    },
    async extend(key, token, leaseMs) {
      const rows = await query(
        `UPDATE ${table} SET expires_at = ${UNTIL}
WHERE key = $1 AND token = $2 AND NOT processed AND expires_at > clock_timestamp()
RETURNING 1`,
        [key, token, leaseMs],
      );
      return rows.length === 1;
    },
    async complete(key, token, retainMs) {
      const rows = await query(
        `INSERT INTO ${table} AS held (key, token, processed, expires_at)
VALUES ($1, $2, true, ${UNTIL})
ON CONFLICT (key) DO UPDATE SET token = excluded.token, processed = true, expires_at = excluded.expires_at
WHERE held.token = excluded.token OR held.expires_at <= clock_timestamp()
RETURNING 1`,
        [key, token, retainMs],
      );
      return rows.length === 1;
    },
    async release(key, token) {
      const rows = await query(
        `DELETE FROM ${table}
WHERE key = $1 AND token = $2 AND NOT processed AND expires_at > clock_timestamp()
RETURNING 1`,
        [key, token],
      );
      return rows.length === 1;
    },
  };
}
