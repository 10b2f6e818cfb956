import type {
  Check,
  Issue,
  IssueFields,
  IssueWithInput,
  Params,
  Run,
  Schema,
  SchemaDef,
} from './types.js';

/** The message zod/mini gives when a schema names none (describe-issues.ts relies on it). */
export const DEFAULT_MESSAGE = 'Invalid input';

/**
 * Pushes an issue: `fields` are its code and details, `input` the failing value (given only to
 * an `error` function), `params` the schema's or check's message options.
 */
export function fail(issues: Issue[], fields: IssueFields, input: unknown, params?: Params): void {
  const options = typeof params === 'string' ? { error: params } : params;
  const error = options?.error ?? options?.message;
  issues.push({
    ...fields,
    path: options?.path ? [...options.path] : [],
    message:
      (typeof error === 'function' ? error({ ...fields, input } as IssueWithInput) : error) ??
      DEFAULT_MESSAGE,
  } as Issue);
}

/** Places the issues pushed since `from` under `key` (a child's issues, seen from its parent). */
export function under(issues: Issue[], from: number, key: PropertyKey): void {
  for (let i = from; i < issues.length; i++) issues[i]!.path.unshift(key);
}

/**
 * Makes a schema from its description and its test. Checks run in order after the test, only
 * when it found no issue; every check runs (zod/mini's order and semantics).
 */
export function schema<S extends Schema<unknown, unknown>>(
  def: SchemaDef,
  test: Run,
  checks: readonly Check<never>[] = [],
): S {
  const run: Run =
    checks.length === 0
      ? test
      : (value, issues) => {
          const before = issues.length;
          let out = test(value, issues);
          if (issues.length > before) return out;
          for (const check of checks) {
            const replaced = (check as Check<unknown>)(out, issues);
            if (replaced !== undefined) out = replaced;
          }
          return out;
        };
  return {
    def,
    '~run': run,
    '~standard': {
      version: 1,
      vendor: 'prakerja-kit',
      validate: (value: unknown) => {
        const issues: Issue[] = [];
        const out = run(value, issues);
        return issues.length === 0 ? { value: out } : { issues };
      },
    },
    check: (...more: Check<never>[]) => schema(def, test, [...checks, ...more]),
  } as unknown as S;
}
