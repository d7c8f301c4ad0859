// The OpenAPI document (issue 12, item 10): every operation says that refusals are problem+json,
// every upload is a multipart body with its file, and operations with described answers keep them.
import SwaggerParser from '@apidevtools/swagger-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/harness.ts';

let ctx: TestContext;
let doc: { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: { properties?: Record<string, unknown>; required?: string[] } }> }>; requestBody?: { content: Record<string, { schema: { properties?: Record<string, { format?: string }> } }> } }>> };
beforeAll(async () => {
  ctx = await createTestContext();
  doc = (await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
});
afterAll(() => ctx?.close());

const operations = () => Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })));

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.0 document', async () => {
    // validate() dereferences in place: give it a copy.
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeTruthy();
  });

  it('gives every operation a success answer and problem+json refusals', () => {
    const ops = operations();
    expect(ops.length).toBeGreaterThan(100);
    for (const { path, method, op } of ops) {
      const codes = Object.keys(op.responses);
      expect(codes.some((c) => /^2/.test(c)), `${method} ${path}`).toBe(true);
      for (const c of ['4XX', '5XX']) {
        const schema = op.responses[c]?.content?.['application/problem+json']?.schema;
        expect(schema?.required, `${method} ${path} ${c}`).toEqual(['type', 'title', 'status', 'code', 'requestId']);
      }
    }
  });

  it('keeps the answers an operation describes itself', () => {
    const book = doc.paths['/api/workbench/book']!.get!.responses['200']!.content!['application/json']!.schema;
    expect(Object.keys(book.properties!)).toEqual(expect.arrayContaining(['view', 'asOf', 'totals', 'trend']));
  });

  it('describes success answers: exact ones, files, bodiless 204s, and loose ones for most others', () => {
    const list = doc.paths['/api/customers']!.get!.responses['200']!.content!['application/json']!.schema as { additionalProperties?: boolean; required?: string[] };
    expect(list.additionalProperties).toBe(false);
    expect(list.required).toEqual(expect.arrayContaining(['items', 'nextCursor']));
    expect(doc.paths['/api/auth/logout']!.post!.responses['204']!.content).toBeUndefined();
    expect(Object.keys(doc.paths['/api/customers/export']!.get!.responses['200']!.content!)).toEqual(['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']);
    expect(Object.keys(doc.paths['/api/images/{id}/content']!.get!.responses)).toEqual(expect.arrayContaining(['200', '302']));
    // Exact schemas of what a client reads most: the customer view, an account by number, the network graph.
    for (const path of ['/api/customers/{id}', '/api/accounts', '/api/customers/{id}/network']) {
      const schema = doc.paths[path]!.get!.responses['200']!.content!['application/json']!.schema as { additionalProperties?: boolean };
      expect(schema.additionalProperties, path).toBe(false);
    }
  });

  it('describes the success answer of every operation: none is left "not described yet"', () => {
    // An operation without its own response schema takes its answers from openapi-answers.json,
    // written by the contract fuzzer from the answers its valid requests (and recipes) got.
    const undescribed = operations().filter(({ op }) => op.responses['2XX']).map(({ method, path }) => `${method.toUpperCase()} ${path}`);
    expect(undescribed).toEqual([]);
  });

  it('describes each upload as a multipart body with one file', () => {
    const uploads = operations().filter(({ op }) => op.requestBody?.content['multipart/form-data']);
    expect(uploads.map((u) => u.path)).toEqual(expect.arrayContaining(['/api/customers/import', '/api/customers/imports', '/api/customers/industry/import']));
    for (const u of uploads) expect(u.op.requestBody!.content['multipart/form-data']!.schema.properties!.file!.format).toBe('binary');
  });
});
