// Types of the in-house validator (issue 18): the zod/mini functional subset the kit uses, with
// zod's issue shapes, and Standard Schema v1 on every schema. No runtime code here.

/** A path into the validated value: object keys and array indexes. */
export type IssuePath = PropertyKey[];

interface IssueBase {
  /** Where in the input the issue is (`[]` for the value itself). */
  path: IssuePath;
  /** The message the schema gave, or `'Invalid input'`. */
  message: string;
}

/** The value has the wrong type (`expected`: `string`, `number`, `int`, `object`, `array`…). */
export interface InvalidTypeIssue extends IssueBase {
  code: 'invalid_type';
  expected: string;
  /** `NaN` or `Infinity` for a non-finite number. */
  received?: string;
  format?: string;
}

/** A string, array or number under its minimum. */
export interface TooSmallIssue extends IssueBase {
  code: 'too_small';
  origin: string;
  minimum: number;
  inclusive?: boolean;
  exact?: boolean;
}

/** A string, array or number over its maximum. */
export interface TooBigIssue extends IssueBase {
  code: 'too_big';
  origin: string;
  maximum: number;
  inclusive?: boolean;
  exact?: boolean;
  note?: string;
}

/** A string not in the required format (`regex`, `datetime`, `url`). */
export interface InvalidFormatIssue extends IssueBase {
  code: 'invalid_format';
  format: string;
  origin?: string;
  pattern?: string;
}

/** A number that is not a multiple of `divisor`. */
export interface NotMultipleOfIssue extends IssueBase {
  code: 'not_multiple_of';
  origin: string;
  divisor: number;
}

/** A value other than the literal or enum `values`. */
export interface InvalidValueIssue extends IssueBase {
  code: 'invalid_value';
  values: unknown[];
}

/** Keys a strict object does not know. */
export interface UnrecognizedKeysIssue extends IssueBase {
  code: 'unrecognized_keys';
  keys: string[];
}

/** No option of a union matched: `errors` holds each option's issues. */
export interface InvalidUnionIssue extends IssueBase {
  code: 'invalid_union';
  errors: Issue[][];
  note?: string;
  discriminator?: string;
  options?: unknown[];
}

/** A `custom` or `refine` check failed. */
export interface CustomIssue extends IssueBase {
  code: 'custom';
}

/** One validation issue, shaped like zod's (`code`, `path`, `message` and the code's details). */
export type Issue =
  | InvalidTypeIssue
  | TooSmallIssue
  | TooBigIssue
  | InvalidFormatIssue
  | NotMultipleOfIssue
  | InvalidValueIssue
  | UnrecognizedKeysIssue
  | InvalidUnionIssue
  | CustomIssue;

/** An issue's code and details, without its path and message. */
export type IssueFields = Issue extends infer T
  ? T extends Issue
    ? Omit<T, 'path' | 'message'>
    : never
  : never;

/** The issue handed to an `error` function, with the value that failed. */
export type IssueWithInput = IssueFields & { input: unknown };

/**
 * The message of a schema or check: a string, or `{ error }` (a string or a function of the
 * issue), or `{ message }`; `path` (checks only) places the issue under the given keys.
 */
export type Params =
  | string
  | {
      error?: string | ((issue: IssueWithInput) => string | undefined);
      message?: string;
      path?: PropertyKey[];
    };

/** The Standard Schema v1 interface (https://standardschema.dev), implemented by every schema. */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
  readonly '~standard': StandardSchemaV1.Props<Input, Output>;
}

/** Standard Schema v1 types. */
export declare namespace StandardSchemaV1 {
  /** The `~standard` property. */
  export interface Props<Input = unknown, Output = Input> {
    readonly version: 1;
    readonly vendor: string;
    readonly validate: (value: unknown) => Result<Output> | Promise<Result<Output>>;
    readonly types?: Types<Input, Output> | undefined;
  }
  /** A validation result. */
  export type Result<Output> = SuccessResult<Output> | FailureResult;
  /** A valid value. */
  export interface SuccessResult<Output> {
    readonly value: Output;
    readonly issues?: undefined;
  }
  /** The issues of an invalid value. */
  export interface FailureResult {
    readonly issues: ReadonlyArray<StandardSchemaV1.Issue>;
  }
  /** One issue. */
  export interface Issue {
    readonly message: string;
    readonly path?: ReadonlyArray<PropertyKey | PathSegment> | undefined;
  }
  /** A path segment. */
  export interface PathSegment {
    readonly key: PropertyKey;
  }
  /** The input and output types. */
  export interface Types<Input = unknown, Output = Input> {
    readonly input: Input;
    readonly output: Output;
  }
}

/**
 * Runs a schema on a value: returns the output and pushes issues (with paths relative to the
 * value) onto `issues`. Internal.
 */
export type Run = (value: unknown, issues: Issue[]) => unknown;

/**
 * A check added with `.check(...)`: runs on the parsed value when the schema itself found no
 * issue; pushes issues, and may return a replacement value (`trim`).
 */
export type Check<T> = (value: T, issues: Issue[]) => unknown;

/** What a schema is, for tools (the OpenAPI converter); not a stable shape. */
export interface SchemaDef {
  readonly kind: string;
  readonly [detail: string]: unknown;
}

/**
 * A schema: validates `unknown` into `Output` (from `Input`), with `parse`/`safeParse` or any
 * Standard Schema v1 consumer through `'~standard'`.
 */
export interface Schema<Output = unknown, Input = Output> extends StandardSchemaV1<Input, Output> {
  readonly '~standard': StandardSchemaV1.Props<Input, Output>;
  /** @internal */
  readonly '~run': Run;
  /** What the schema is (kind and options), for tools. */
  readonly def: SchemaDef;
  /** A copy of this schema with `checks` added (run in order after the schema's own test). */
  check(...checks: Check<Output>[]): this;
}

/** The output type of a schema. */
export type Output<S extends StandardSchemaV1> = NonNullable<S['~standard']['types']>['output'];
/** The input type of a schema. */
export type Input<S extends StandardSchemaV1> = NonNullable<S['~standard']['types']>['input'];
/** The output type of a schema (alias of {@link Output}). */
export type Infer<S extends StandardSchemaV1> = Output<S>;

/** Any schema (for constraints). */
export type AnySchema = Schema<unknown, unknown>;

/** A schema that also accepts `undefined`: its key is optional (`?:`) in an object. */
export interface OptionalSchema<S extends AnySchema>
  extends Schema<Output<S> | undefined, Input<S> | undefined> {
  readonly '~optional': true;
}
