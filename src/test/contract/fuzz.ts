// The contract fuzzer (issue 12 item 10; docs/api.md): what schemathesis does, in-process. For
// every operation of the app's OpenAPI document it sends valid requests generated from the
// operation's parameter and body schemas, and hostile ones (wrong types, overlong strings, ids
// ≥ 2³¹, injection, characters outside the BMP, missing fields, prototype keys), through the
// real app, as an administrator and as a low-privilege user, and checks every answer:
// - never a 5XX;
// - its status is one the document declares for the operation;
// - a 2XX body is of the declared media type and validates against the declared schema;
// - a 4XX body is problem+json of the declared shape.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { hostileBody, hostileText, random, validValue, type Hints, type JsonSchema, type Random } from './generate.ts';
import type { Recipe, RecipeContext, ValidRequest } from './valid-requests.ts';

type Media = Record<string, { schema?: JsonSchema }>;
interface Operation {
  method: string; path: string;
  parameters?: { in: 'path' | 'query' | 'header'; name: string; required?: boolean; schema: JsonSchema }[];
  requestBody?: { required?: boolean; content: Media };
  responses: Record<string, { content?: Media }>;
}
export interface OpenApiDocument { paths: Record<string, Record<string, Omit<Operation, 'method' | 'path'>>> }

/** A signed-in caller; signIn gives fresh headers when a session has ended (a fuzzed setting, a revoked token). */
export interface Caller { name: string; signIn: () => Promise<Record<string, string>> }

export interface FuzzOptions {
  seed: number;
  /** Requests per operation and caller: the first is valid, the others hostile or valid. */
  casesPerOperation: number;
  callers: Caller[];
  /** Ids a valid request uses in paths and bodies (the test book's). */
  ids: number[];
  /** Values of rows that exist, for the path parameters of the first pattern a path matches. */
  pathValues?: { pattern: RegExp; rows: Record<string, unknown>[] }[];
  /** Path prefix → ids never to use there (the fuzz callers themselves, their roles). */
  protectedIds?: Record<string, number[]>;
  /** Operations left out, as "METHOD /path". */
  skip?: string[];
  /**
   * Valid requests of the book's own (valid-requests.ts), sent once per operation before the
   * generated ones, as the user the recipe names (`sendAs` signs him in, again if need be).
   */
  recipes?: { byOperation: Record<string, Recipe>; context: RecipeContext; sendAs: (username: string, method: string, req: ValidRequest) => Promise<LightMyRequestResponse> };
}

export interface Finding { operation: string; caller: string; request: string; status: number; problem: string; body: string }
export interface FuzzReport {
  operations: number; requests: number; statuses: Record<string, number>; findings: Finding[]; reSignIns: number;
  /** Per operation, the success statuses seen and a few of their JSON bodies (to describe answers from). */
  successes: Record<string, Record<string, unknown[]>>;
  /** Per operation, the first 400 a valid request got (the generator, or the document, falls short). */
  validRefused: Record<string, string>;
  /** Per operation, how many answers of each status. */
  byOperation: Record<string, Record<string, number>>;
  /** Per operation with a recipe: its status and, unless a success, the start of the answer ("no row" when it found none). */
  recipes: Record<string, string>;
}

// ajv-formats is CommonJS: its function is the default export under tsx and vitest alike, or the module itself.
type AddFormats = (ajv: Ajv) => Ajv;
const addFormats = ((addFormatsModule as unknown as { default?: AddFormats }).default ?? addFormatsModule) as unknown as AddFormats;

/** OpenAPI 3.0 schema → JSON Schema draft 7 for Ajv: nullable and the boolean exclusive bounds. */
export function toDraft7(s: unknown): unknown {
  if (Array.isArray(s)) return s.map(toDraft7);
  if (!s || typeof s !== 'object') return s;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(s)) {
    if (k === 'properties' || k === 'patternProperties') out[k] = Object.fromEntries(Object.entries(v as object).map(([p, x]) => [p, toDraft7(x)]));
    else if (k !== 'nullable' && k !== 'example' && k !== 'discriminator') out[k] = toDraft7(v);
  }
  if (out.exclusiveMinimum === true) { out.exclusiveMinimum = out.minimum; delete out.minimum; } else if (out.exclusiveMinimum === false) delete out.exclusiveMinimum;
  if (out.exclusiveMaximum === true) { out.exclusiveMaximum = out.maximum; delete out.maximum; } else if (out.exclusiveMaximum === false) delete out.exclusiveMaximum;
  if ((s as { nullable?: boolean }).nullable) {
    if (typeof out.type === 'string') out.type = [out.type, 'null'];
    if (Array.isArray(out.enum)) out.enum = [...out.enum, null];
    if (!out.type && !out.enum) return { anyOf: [out, { type: 'null' }] };
  }
  return out;
}

export function makeValidator() {
  const ajv = new Ajv({ strict: false, allErrors: false, validateFormats: true });
  addFormats(ajv);
  ajv.addFormat('binary', true);
  const cache = new Map<unknown, ValidateFunction>();
  return (schema: unknown, value: unknown): string | null => {
    let v = cache.get(schema);
    if (!v) { v = ajv.compile(toDraft7(schema) as object); cache.set(schema, v); }
    return v(value) ? null : ajv.errorsText(v.errors, { separator: '; ' });
  };
}

export function operationsOf(doc: OpenApiDocument): Operation[] {
  const ops = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ ...op, method: method.toUpperCase(), path })));
  // Reads first, then writes, deletions, and last what ends a session or changes a password, so
  // that the run keeps its callers signed in as long as it can.
  const rank = (o: Operation) => /\/auth\/(logout|password)$/.test(o.path) ? 4 : o.method === 'GET' ? 0 : o.method === 'DELETE' ? 2 : 1;
  return ops.sort((a, b) => rank(a) - rank(b));
}

/** The declared answer a status falls under: its own code, its class (4XX) or default. */
export function declaredFor(op: Pick<Operation, 'responses'>, status: number) {
  const r = op.responses;
  return r[String(status)] ?? r[`${Math.floor(status / 100)}XX`] ?? r.default;
}

const BOUNDARY = '----crm-contract-fuzz';
function multipart(content: string, filename: string) {
  return `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: text/csv\r\n\r\n${content}\r\n--${BOUNDARY}--\r\n`;
}
/** A recipe's request as inject() takes it: JSON, or a multipart body with its file. */
export function injectable(method: string, req: ValidRequest | { url: string; body?: unknown; upload?: ValidRequest['upload'] }) {
  if (req.upload) {
    const head = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${req.upload.name}"\r\nContent-Type: ${req.upload.type}\r\n\r\n`;
    return { url: req.url, headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` }, payload: Buffer.concat([Buffer.from(head), req.upload.content, Buffer.from(`\r\n--${BOUNDARY}--\r\n`)]) };
  }
  const json = req.body !== undefined || ['POST', 'PUT', 'PATCH'].includes(method);
  return { url: req.url, headers: json ? { 'content-type': 'application/json' } : {}, payload: json ? JSON.stringify(req.body ?? {}) : undefined };
}
const UPLOADS = [
  ['name,kind\n张三,personal\n', 'customers.csv'], ['', 'empty.csv'], ['\u0000\u0001PK\u0003\u0004garbage', 'x.xlsx'],
  ["number,name\n' OR 1=1 --,<script>\n", 'hostile.csv'], ['a'.repeat(3000), '../../etc/passwd'],
] as const;

function buildRequest(op: Operation, rnd: Random, hostile: boolean, opts: FuzzOptions) {
  const params = op.parameters ?? [];
  const protectedIds = Object.entries(opts.protectedIds ?? {}).find(([prefix]) => op.path.startsWith(prefix))?.[1] ?? [];
  const hints: Hints = { ids: opts.ids.filter((id) => !protectedIds.includes(id)) };
  // One hostile place per request: a path or query parameter, or the body.
  const places = [...params.map((p) => p.name), ...(op.requestBody ? ['(body)'] : [])];
  const target = hostile ? rnd.pick(places.length ? places : ['(body)']) : null;
  const rows = opts.pathValues?.find((v) => v.pattern.test(op.path))?.rows.filter((r) => !protectedIds.includes(Number(r.id)));
  const row = rows?.length && rnd.chance(0.85) ? rnd.pick(rows) : undefined;
  let url = `${op.path}`;
  const query = new URLSearchParams();
  for (const p of params) {
    if (p.in === 'header') continue;
    const isTarget = p.name === target;
    if (p.in === 'query' && !p.required && !isTarget && !rnd.chance(0.4)) continue;
    if (isTarget && p.in === 'query' && rnd.chance(0.2)) { query.append(p.name, '1'); query.append(p.name, '2'); continue; }
    const value = isTarget ? hostileText(rnd) : String(p.in === 'path' && row?.[p.name] != null ? row[p.name] : validValue(p.schema, rnd, hints));
    if (p.in === 'path') url = url.replace(`{${p.name}}`, encodeURIComponent(value));
    else query.append(p.name, value);
  }
  if (query.size) url += `?${query}`;
  const headers: Record<string, string> = {};
  let payload: string | undefined;
  const content = op.requestBody?.content ?? {};
  if (content['multipart/form-data']) {
    const [text, name] = hostile ? rnd.pick(UPLOADS.slice(1)) : UPLOADS[0];
    headers['content-type'] = `multipart/form-data; boundary=${BOUNDARY}`;
    payload = multipart(text, name);
  } else if (content['application/json'] || ['POST', 'PUT', 'PATCH'].includes(op.method)) {
    const schema = content['application/json']?.schema;
    const valid = schema ? validValue(schema, rnd, hints) : {};
    headers['content-type'] = 'application/json';
    payload = target === '(body)' ? hostileBody(schema, valid, rnd) : JSON.stringify(valid);
  } else if (target === '(body)') {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify({ unexpected: hostileText(rnd) });
  }
  return { url, headers, payload };
}

function check(op: Operation, res: LightMyRequestResponse, validate: ReturnType<typeof makeValidator>): string | null {
  const status = res.statusCode;
  if (status >= 500) return `server error ${status}`;
  const declared = declaredFor(op, status);
  if (!declared) return `status ${status} is not declared (declared: ${Object.keys(op.responses).join(', ')})`;
  const type = String(res.headers['content-type'] ?? '').split(';')[0]!.trim();
  const media = declared.content;
  if (!media || status === 204) return null;
  if (status >= 400) {
    if (type !== 'application/problem+json') return `a ${status} of type ${type || '(none)'}, not application/problem+json`;
    const err = validate(media['application/problem+json']!.schema, res.json());
    return err ? `problem body does not match: ${err}` : null;
  }
  const declaredMedia = media[type] ?? (type.startsWith('text/') ? media['text/plain'] : undefined);
  if (!declaredMedia) return `a ${status} of type ${type || '(none)'}, declared: ${Object.keys(media).join(', ')}`;
  if (type !== 'application/json' || !declaredMedia.schema) return null;
  let body: unknown;
  try { body = res.json(); } catch { return 'a JSON answer that does not parse'; }
  const err = validate(declaredMedia.schema, body);
  return err ? `body does not match the declared schema: ${err}` : null;
}

export async function fuzz(app: FastifyInstance, doc: OpenApiDocument, opts: FuzzOptions): Promise<FuzzReport> {
  const rnd = random(opts.seed);
  const validate = makeValidator();
  const report: FuzzReport = { operations: 0, requests: 0, statuses: {}, findings: [], reSignIns: 0, successes: {}, byOperation: {}, validRefused: {}, recipes: {} };
  const sessions = new Map<string, Record<string, string>>();
  for (const c of opts.callers) sessions.set(c.name, await c.signIn());
  for (const op of operationsOf(doc)) {
    const name = `${op.method} ${op.path}`;
    if (opts.skip?.includes(name)) continue;
    report.operations++;
    const recipe = opts.recipes?.byOperation[name];
    if (recipe) {
      // A recipe that fails (a query on a table this version lacks) is reported, not fatal.
      const made = await recipe.make(opts.recipes!.context).catch((e: Error) => `recipe failed: ${e.message}`);
      if (typeof made === 'string' || !made) report.recipes[name] = made || 'no row';
      else {
        const res = await opts.recipes!.sendAs(recipe.as, op.method, made);
        report.recipes[name] = res.statusCode < 300 ? String(res.statusCode) : `${res.statusCode} ${res.body.slice(0, 300)}`;
        record(report, name, res, `${recipe.as} (recipe)`, `${op.method} ${made.url}${made.body !== undefined ? ` ${JSON.stringify(made.body).slice(0, 300)}` : ''}`, check(op, res, validate));
      }
    }
    for (const caller of opts.callers) {
      for (let i = 0; i < opts.casesPerOperation; i++) {
        const hostile = i > 0 && rnd.chance(0.75);
        const req = buildRequest(op, rnd, hostile, opts);
        const send = () => app.inject({ method: op.method as 'GET', url: req.url, headers: { ...sessions.get(caller.name), ...req.headers }, payload: req.payload });
        let res = await send();
        // A fuzzed operation may end the caller's session (a shorter idle timeout, sign-out): sign
        // in again and resend, so that the rest of the run still reaches past the gate.
        if (res.statusCode === 401 && !op.path.startsWith('/api/auth/')) {
          report.reSignIns++;
          sessions.set(caller.name, await caller.signIn());
          res = await send();
        }
        if (!hostile && res.statusCode === 400) report.validRefused[name] ??= `${req.url.slice(0, 200)} ${req.payload?.slice(0, 300) ?? ''} → ${res.body.slice(0, 300)}`;
        record(report, name, res, caller.name, `${op.method} ${req.url.slice(0, 300)}${req.payload ? ` ${req.payload.slice(0, 300)}` : ''}`, check(op, res, validate));
      }
    }
  }
  return report;
}

/** Counts an answer, keeps a few success bodies (to describe answers from) and any finding. */
function record(report: FuzzReport, name: string, res: LightMyRequestResponse, caller: string, request: string, problem: string | null) {
  report.requests++;
  report.statuses[res.statusCode] = (report.statuses[res.statusCode] ?? 0) + 1;
  const mine = (report.byOperation[name] ??= {});
  mine[res.statusCode] = (mine[res.statusCode] ?? 0) + 1;
  if (res.statusCode < 300) {
    const seen = ((report.successes[name] ??= {})[res.statusCode] ??= []);
    if (seen.length < 5) seen.push(String(res.headers['content-type'] ?? '').startsWith('application/json') ? res.json() : null);
  }
  if (problem) report.findings.push({ operation: name, caller, status: res.statusCode, problem, request, body: res.body.slice(0, 400) });
}
