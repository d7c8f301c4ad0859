// What the OpenAPI document says of every operation beyond its own zod schemas (issue 12, item 10):
// that any refusal comes as RFC 9457 problem+json (the shape of problem.ts), and that an upload
// is a multipart body with one file. A client generator and a fuzzer can then tell a refusal from
// a success and build an import request. An operation that describes its own answers keeps them.
import type { SwaggerTransform } from '@fastify/swagger';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';

/** Loose answer schemas of the operations without their own (`npm run fuzz -- --answers`, docs/api.md). */
export const ANSWERS = fileURLToPath(new URL('./openapi-answers.json', import.meta.url));
const loose = JSON.parse(readFileSync(ANSWERS, 'utf8')) as Record<string, Record<string, Record<string, unknown> | null>>;

const problemSchema = {
  type: 'object',
  required: ['type', 'title', 'status', 'code', 'requestId'],
  properties: {
    type: { type: 'string', description: 'urn:bank-crm:problem:<code>' },
    title: { type: 'string', description: 'The message, in the language of Accept-Language (zh-CN or en-US)' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    code: { type: 'string', description: 'The message key, e.g. customers.already_exists' },
    requestId: { type: 'string', description: 'The X-Request-Id of the request, for the operator' },
    errors: {
      type: 'array', description: 'Field errors, each with the path of the offending field',
      items: { type: 'object', required: ['path', 'code', 'message'], properties: { path: { type: 'string' }, code: { type: 'string' }, message: { type: 'string' } } },
    },
    params: { type: 'object', additionalProperties: true, description: 'Machine-readable details of the refusal' },
  },
} as const;

const problemResponse = (description: string) => ({ description, content: { 'application/problem+json': { schema: problemSchema } } });

const fileBody = {
  type: 'object', required: ['file'],
  properties: { file: { type: 'string', format: 'binary', description: 'The one file of the request' } },
};

/** jsonSchemaTransform, then problem+json refusals and multipart upload bodies on every operation. */
export const openApiTransform: SwaggerTransform = (args) => {
  const out = jsonSchemaTransform(args as Parameters<typeof jsonSchemaTransform>[0]) as { schema: Record<string, unknown>; url: string };
  const schema = { ...out.schema };
  if (schema.hide) return out;
  const response = { ...((schema.response as Record<string, unknown> | undefined) ?? {}) };
  // A file answer (a workbook, a CSV, a scan) names its media types in `produces`.
  const produces = (schema.produces as string[] | undefined)?.filter((t) => t !== 'application/json');
  if (produces?.length && !response['200']) {
    response['200'] = { description: 'The file', content: Object.fromEntries(produces.map((t) => [t, { schema: { type: 'string', format: 'binary' } }])) };
    delete schema.produces;
  }
  const redirects = (args as { route?: { config?: { redirects?: string } } }).route?.config?.redirects;
  // type 'null': @fastify/swagger then gives the answer no body (as for a 204).
  if (redirects) response['302'] = { type: 'null', description: `${redirects} (the Location header)` };
  // A 204 has no body: type 'null' makes @fastify/swagger give it no content.
  if (response['204']) response['204'] = { type: 'null', description: 'No body' };
  const observed = Object.keys(response).some((k) => /^2/.test(k)) ? undefined : loose[`${String(out.schema.method ?? (args as { route?: { method?: string } }).route?.method ?? '').toUpperCase()} ${out.url.replace(/:(\w+)/g, '{$1}')}`];
  for (const [status, body] of Object.entries(observed ?? {})) {
    response[status] = body
      ? { description: 'Success (loose: the keys listed are typed, others may appear)', content: { 'application/json': { schema: body } } }
      : { type: 'null', description: 'No body (loose: as the contract fuzzer saw it)' };
  }
  const described = Object.keys(response).some((k) => /^2/.test(k));
  if (!described) response['2XX'] = { description: 'Success (the body is not described yet)' };
  response['4XX'] ??= problemResponse('Refused: validation (400), sign-in (401), permission or rule (403), not found or out of scope (404), conflict (409), too large (413), rule (422), too many attempts (429)');
  response['5XX'] ??= problemResponse('Server or database failure; nothing was changed');
  schema.response = response;
  const consumes = schema.consumes as string[] | undefined;
  if (consumes?.includes('multipart/form-data') && !schema.body) schema.body = fileBody;
  return { ...out, schema };
};
