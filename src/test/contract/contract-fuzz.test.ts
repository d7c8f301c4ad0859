// The contract fuzzer, bounded (issue 12 item 10; `npm run fuzz` runs it at length): every
// operation of the OpenAPI document, valid and hostile requests, three callers; no 5XX, only
// declared statuses, 2XX bodies of their declared schema, refusals as problem+json.
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openFuzzBook, type FuzzBook } from './fuzz-book.ts';
import { fuzz, type OpenApiDocument } from './fuzz.ts';

let book: FuzzBook;
beforeAll(async () => { book = await openFuzzBook({ customers: 30, days: 2 }); }, 120_000);
afterAll(() => book?.close());

describe('the contract fuzzer', () => {
  it('finds no server error and no answer outside the document, over every operation', async () => {
    const seed = 20261204;
    // Three of the book's callers keep it short: the administrator, the head and a manager.
    const callers = book.callers.filter((c) => ['admin', 'hq_head', 'sn_mgr'].includes(c.name));
    const report = await fuzz(book.app, book.doc, { seed, casesPerOperation: 2, callers, ids: book.ids, pathValues: book.pathValues, protectedIds: book.protectedIds, recipes: book.recipes });
    expect(report.operations).toBe(Object.values(book.doc.paths).reduce((n, m) => n + Object.keys(m).length, 0));
    // Every recipe (valid-requests.ts) found its rows and got a success: none has gone stale.
    expect(Object.entries(report.recipes).filter(([, r]) => !/^2\d\d$/.test(r))).toEqual([]);
    expect(Object.keys(report.recipes).length).toBe(Object.keys(book.recipes.byOperation).length);
    expect(report.requests).toBe(report.operations * callers.length * 2 + Object.keys(report.recipes).length);
    // Valid requests get past the gate and the checks for a good part of the API.
    expect(Object.keys(report.successes).length).toBeGreaterThan(60);
    expect(report.findings, report.findings.map((f) => `${f.operation} as ${f.caller}: ${f.problem}\n  ${f.request}\n  → ${f.status} ${f.body}`).join('\n')).toEqual([]);
  }, 120_000);

  it('reports a server error, an undeclared status and a body off its schema', async () => {
    const app = Fastify();
    app.get('/api/things/:id', async (req, reply) => {
      const id = Number((req.params as { id: string }).id);
      if (!Number.isSafeInteger(id) || id > 2 ** 31) throw new Error('integer out of range');
      if (id === 2) return reply.status(201).send({ id });
      return { id: String(id) };
    });
    const doc: OpenApiDocument = { paths: { '/api/things/{id}': { get: {
      parameters: [{ in: 'path', name: 'id', required: true, schema: { type: 'integer', minimum: 1 } }],
      responses: { 200: { content: { 'application/json': { schema: { type: 'object', required: ['id'], properties: { id: { type: 'integer' } } } } } } },
    } } } };
    const report = await fuzz(app, doc, { seed: 1, casesPerOperation: 60, callers: [{ name: 'anyone', signIn: async () => ({}) }], ids: [1, 2] });
    const problems = new Set(report.findings.map((f) => f.problem.replace(/:.*/, '')));
    expect([...problems]).toEqual(expect.arrayContaining(['server error 500', 'status 201 is not declared (declared', 'body does not match the declared schema']));
    await app.close();
  });
});
