// The OpenAPI contract check (issue 20): every program answer the sandbox sends must validate
// against the description it serves at /__sandbox/openapi.json, and every request it accepted
// must match the described wire body (which proves the generator's request mapping uses the
// field names the clients really send). The platform and provider integration suites hook it
// into the sandbox (`onProgramResponse`) and fail a test on any violation.
import { PROGRAM_ERRORS } from '@prakerja-kit/core';
import { PROGRAM_API_OPENAPI_JSON, type SandboxProgramExchange } from '@prakerja-kit/sandbox';
import { fromJSONSchema, type z } from 'zod';

type Json = Record<string, unknown>;

interface CompiledOperation {
  responses: Record<string, z.ZodType>;
  request: z.ZodType | undefined;
  errorCodes: Set<string>;
}

/** Replaces `{ $ref: '#/components/schemas/X' }` by the component (the only refs used). */
function inline(value: unknown, components: Json): unknown {
  if (Array.isArray(value)) return value.map((item) => inline(item, components));
  if (typeof value !== 'object' || value === null) return value;
  const ref = (value as Json)['$ref'];
  if (typeof ref === 'string') {
    const name = ref.replace('#/components/schemas/', '');
    return inline(components[name], components);
  }
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, inline(item, components)]),
  );
}

const jsonSchemaOf = (content: unknown): unknown =>
  (content as { 'application/json'?: { schema?: unknown } } | undefined)?.['application/json']
    ?.schema;

/** One readable line per issue, union branches flattened to the closest one. */
export function describeIssues(issues: readonly z.core.$ZodIssue[], prefix = ''): string[] {
  const lines: string[] = [];
  for (const issue of issues) {
    const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      const closest = [...issue.errors].sort((a, b) => a.length - b.length)[0]!;
      // The branch with the fewest issues is the shape the answer was closest to.
      const best = issue.errors.find((branch) => branch.length > 0 && branch !== closest) ?? [];
      const chosen = closest.length > 0 ? closest : best;
      lines.push(...describeIssues(chosen, path));
      continue;
    }
    lines.push(`${path || '(root)'}: ${issue.message}`);
  }
  return lines;
}

/** Compiles the served description into per-operation validators. */
export function createContractCheck(documentText: string = PROGRAM_API_OPENAPI_JSON) {
  const document = JSON.parse(documentText) as Json;
  const components = ((document['components'] as Json)['schemas'] ?? {}) as Json;
  const errorEnvelope = fromJSONSchema(inline(components['ErrorEnvelope'], components) as never);
  const operations = new Map<string, CompiledOperation>();
  for (const [path, item] of Object.entries(document['paths'] as Record<string, Json>)) {
    for (const method of ['get', 'post'] as const) {
      const op = item[method] as Json | undefined;
      if (!op) continue;
      const responses: Record<string, z.ZodType> = {};
      for (const [status, response] of Object.entries(op['responses'] as Record<string, Json>)) {
        const schema = jsonSchemaOf(response['content']);
        if (schema) responses[status] = fromJSONSchema(inline(schema, components) as never);
      }
      const requestSchema = jsonSchemaOf((op['requestBody'] as Json | undefined)?.['content']);
      operations.set(`${method.toUpperCase()} ${path}`, {
        responses,
        request: requestSchema ? fromJSONSchema(requestSchema as never) : undefined,
        errorCodes: new Set(
          (op['x-prakerja-error-codes'] as Array<{ code: string }>).map((entry) => entry.code),
        ),
      });
    }
  }

  /** The contract violations of one exchange (empty when it conforms). */
  function check(exchange: SandboxProgramExchange): string[] {
    const where = `${exchange.method} ${exchange.path} -> ${exchange.status}`;
    if (exchange.fault) return [];
    let body: unknown;
    try {
      body = JSON.parse(exchange.responseBody);
    } catch {
      return [`${where}: the response body is not JSON`];
    }
    const op = operations.get(`${exchange.method} ${exchange.path}`);
    const range = `${Math.floor(exchange.status / 100)}XX`;
    if (!op) {
      // Unknown paths and methods: the error envelope with a 4xx, nothing else.
      if (range !== '4XX') return [`${where}: an undescribed path answered ${exchange.status}`];
      const parsed = errorEnvelope.safeParse(body);
      return parsed.success
        ? []
        : describeIssues(parsed.error.issues).map((line) => `${where}: ${line}`);
    }
    const schema = op.responses[String(exchange.status)] ?? op.responses[range];
    if (!schema) return [`${where}: status ${exchange.status} is not described`];
    const violations: string[] = [];
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      violations.push(...describeIssues(parsed.error.issues).map((line) => `${where}: ${line}`));
    }
    const code = (body as Json | null)?.['code'];
    if (
      range === '4XX' &&
      typeof code === 'string' &&
      Object.hasOwn(PROGRAM_ERRORS, code) &&
      !op.errorCodes.has(code)
    ) {
      violations.push(`${where}: error code ${code} is not in x-prakerja-error-codes`);
    }
    if (exchange.status === 200 && op.request) {
      let request: unknown;
      try {
        request = exchange.requestBody === '' ? undefined : JSON.parse(exchange.requestBody);
      } catch {
        request = exchange.requestBody;
      }
      const sent = op.request.safeParse(request);
      if (!sent.success) {
        violations.push(
          ...describeIssues(sent.error.issues).map((line) => `${where}: request body ${line}`),
        );
      }
    }
    return violations;
  }

  return { check };
}

/**
 * A collector for the integration suites: `observe` is the sandbox's `onProgramResponse`;
 * `assertClean` throws (failing the test) with every violation seen since the last call.
 */
export function createContractRecorder(documentText?: string) {
  const { check } = createContractCheck(documentText);
  let violations: string[] = [];
  let checked = 0;
  return {
    observe(exchange: SandboxProgramExchange) {
      checked += 1;
      violations.push(...check(exchange));
    },
    /** How many exchanges were checked so far. */
    get checked() {
      return checked;
    },
    assertClean() {
      const found = violations;
      violations = [];
      if (found.length > 0) {
        throw new Error(
          `sandbox answers drift from the OpenAPI description (packages/sandbox/openapi/program-api.openapi.json):\n  ${found.join('\n  ')}`,
        );
      }
    },
  };
}
