// CIF-44 images through the HTTP API against a real database and the file-system store in a temp
// folder: type by content (a .pdf that is not a PDF is refused), the size limit (nothing left on
// disk), numbering and "latest per certificate type", data scope, audited reads, hostile names,
// external references.
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { auditSince, createTestContext, expectProblem, lastAuditId, testConfig, type Client, type TestContext } from '../../test/harness.ts';
import { multipart } from '../customers/import/import.test-helpers.ts';
import { samplePdf, samplePng } from './sample-scans.ts';

let ctx: TestContext;
let app: FastifyInstance;
let dir: string;
let clerkA1: Client;
let clerkB1: Client;
let corpId: number;
let otherCorpId: number;
let accountId: number;
let foreignAccountId: number;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Requests to the app that has an image store, with a client's session (sessions live in the database). */
const as = (c: Client) => ({
  upload: (customerId: number, name: string, body: Buffer, query = '', type = 'application/octet-stream') => {
    const m = multipart(name, body, type);
    return app.inject({ method: 'POST', url: `/api/customers/${customerId}/images${query}`, headers: { cookie: c.cookie, 'x-csrf-token': c.csrf, ...m.headers }, payload: m.payload });
  },
  get: (url: string) => app.inject({ method: 'GET', url, headers: { cookie: c.cookie, 'x-csrf-token': c.csrf } }),
  post: (url: string, body: object) => app.inject({ method: 'POST', url, headers: { cookie: c.cookie, 'x-csrf-token': c.csrf }, payload: body }),
});

/** Every regular file under the store's folder, relative paths. */
async function filesIn(root: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(root, { withFileTypes: true, recursive: true })) if (e.isFile()) out.push(join(e.parentPath, e.name).slice(root.length + 1));
  return out.sort();
}

beforeAll(async () => {
  ctx = await createTestContext();
  dir = await mkdtemp(join(tmpdir(), 'crm-images-'));
  app = await buildApp(ctx.handle.db, { ...testConfig, images: { kind: 'fs', dir } }, { logger: false });
  await app.ready();
  await ctx.addUser('img_clerk_a1', ctx.bank.subA1, ['data_entry_clerk']);
  await ctx.addUser('img_clerk_b1', ctx.bank.subB1, ['data_entry_clerk']);
  [clerkA1, clerkB1] = await Promise.all(['img_clerk_a1', 'img_clerk_b1'].map((u) => ctx.login(u)));
  corpId = (await clerkA1.post('/api/customers', { kind: 'corporate', name: '青岛影像测试有限公司' })).json().id;
  otherCorpId = (await clerkA1.post('/api/customers', { kind: 'corporate', name: '青岛影像另一公司' })).json().id;
  const db = ctx.handle.db;
  await db.insertInto('product').values({ id: '1010000001', name_zh: '单位活期存款', name_en: 'Corporate demand deposit', category: 'deposit', sub_type: 'demand', currency: 'CNY' } as never).execute();
  const acc = (no: string, customerId: number) => db.insertInto('account').values({ account_no: no, customer_id: customerId, product_id: '1010000001', kind: 'deposit_demand', currency: 'CNY', institution_id: ctx.bank.subA1, opened_on: '2026-01-05', balance: '0' })
    .returning('id').executeTakeFirstOrThrow();
  accountId = (await acc('6222020000000011111', corpId)).id;
  foreignAccountId = (await acc('6222020000000022222', otherCorpId)).id;
});
afterAll(async () => { await app?.close(); await ctx?.close(); if (dir) await rm(dir, { recursive: true, force: true }); });

describe('importing a scan', () => {
  it('stores a PNG under a server-made key, numbered, with its SHA-256, and audits the import', async () => {
    const png = samplePng();
    const since = await lastAuditId(ctx);
    const res = await as(clerkA1).upload(corpId, '营业执照.png', png, '?certType=01');
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body.imageNo).toMatch(/^YX\d{10}$/);
    expect(body).toMatchObject({ contentType: 'image/png', byteSize: png.length, sha256: sha(png), originalName: '营业执照.png' });
    const row = await ctx.handle.db.selectFrom('customer_image').selectAll().where('id', '=', body.id).executeTakeFirstOrThrow();
    expect(row.storage_key).toMatch(new RegExp(`^\\d{4}/\\d{2}/${body.imageNo}-[0-9a-f-]{36}\\.png$`));
    expect((await stat(join(dir, row.storage_key!))).size).toBe(png.length);
    const audit = (await auditSince(ctx, since)).filter((a) => a.action === 'image.import');
    expect(audit).toHaveLength(1);
    expect(audit[0]!.after).toMatchObject({ imageId: body.id, sha256: sha(png), certType: '01' });
  });

  it('refuses a file named .pdf holding something else, by its content, and leaves no file', async () => {
    const before = await filesIn(dir);
    const res = await as(clerkA1).upload(corpId, 'contract.pdf', Buffer.from('MZ this is an executable, not a PDF '.repeat(50)), '', 'application/pdf');
    const p = expectProblem(res, 415, 'images.type_not_allowed');
    expect(p.title).toMatch(/按文件内容识别为 \S+/);
    expect(p.title).not.toContain('application/pdf');
    expect(await filesIn(dir)).toEqual(before);
    // A real format that is not a scan (a GIF) is refused too.
    const gif = Buffer.concat([Buffer.from('GIF89a'), Buffer.alloc(64)]);
    expectProblem(await as(clerkA1).upload(corpId, 'photo.png', gif), 415, 'images.type_not_allowed');
  });

  it('refuses an upload over the size setting with 413 and leaves no partial file', async () => {
    await ctx.handle.db.insertInto('setting').values({ key: 'images.max_bytes', value: JSON.stringify(64 * 1024) }).execute();
    try {
      const before = await filesIn(dir);
      const big = Buffer.concat([samplePng(), Buffer.alloc(200 * 1024, 7)]);
      const res = await as(clerkA1).upload(corpId, 'big.png', big);
      expectProblem(res, 413, 'images.too_large');
      expect(await filesIn(dir)).toEqual(before);
      expect(await ctx.handle.db.selectFrom('customer_image').select('id').where('original_name', '=', 'big.png').execute()).toHaveLength(0);
    } finally {
      await ctx.handle.db.deleteFrom('setting').where('key', '=', 'images.max_bytes').execute();
    }
  });

  it('keeps hostile names as display text only: path segments dropped, characters outside the BMP kept', async () => {
    const traversal = await as(clerkA1).upload(corpId, '../../../../etc/passwd.png', samplePng(20, 20));
    expect(traversal.statusCode, traversal.body).toBe(201);
    expect(traversal.json().originalName).toBe('passwd.png');
    const emoji = '扫描件😀𠀀.png';
    const res = await as(clerkA1).upload(corpId, emoji, samplePng(20, 20));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().originalName).toBe(emoji);
    // Every stored file is inside the store's folder, named by the server.
    for (const f of await filesIn(dir)) expect(f).toMatch(/^\d{4}\/\d{2}\/YX\d{10}-[0-9a-f-]{36}\.(png|pdf)$/);
    const read = await as(clerkA1).get(`/api/images/${res.json().id}/content?download=true`);
    expect(read.statusCode).toBe(200);
    expect(read.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent(emoji)}`);
    expect(read.headers['content-disposition']).toMatch(/^attachment; filename="[\w.-]+"/);
  });

  it('refuses an account of another customer and a certificate type not in the code table', async () => {
    expectProblem(await as(clerkA1).upload(corpId, 'a.png', samplePng(), `?accountId=${foreignAccountId}`), 422, 'common.validation');
    expectProblem(await as(clerkA1).upload(corpId, 'a.png', samplePng(), '?certType=ZZ'), 422, 'common.validation');
    expectProblem(await as(clerkA1).upload(corpId, 'a.png', samplePng(), "?certType=1'--"), 400);
  });
});

describe('latest per certificate type', () => {
  it('the customer view shows the latest of each type; the account view the latest per type of that account', async () => {
    const first = (await as(clerkA1).upload(corpId, 'licence-old.pdf', samplePdf('old'), `?certType=02&accountId=${accountId}`)).json();
    const second = (await as(clerkA1).upload(corpId, 'licence-new.pdf', samplePdf('new'), `?certType=02&accountId=${accountId}`)).json();
    const third = (await as(clerkA1).upload(corpId, 'licence-newest.png', samplePng(), '?certType=02')).json();
    expect(second.imageNo > first.imageNo && third.imageNo > second.imageNo).toBe(true);
    const view = (await as(clerkA1).get(`/api/customers/${corpId}/images`)).json();
    const latest02 = view.latest.filter((i: { certType: string }) => i.certType === '02');
    expect(latest02.map((i: { id: number }) => i.id)).toEqual([third.id]);
    expect(view.latest.find((i: { certType: string }) => i.certType === '01')).toBeTruthy();
    expect(view.latest[0].certTypeZh).toBeTruthy();
    expect(view.all.length).toBeGreaterThanOrEqual(5);
    const acc = (await as(clerkA1).get(`/api/accounts/${accountId}/images`)).json();
    expect(acc.latest.map((i: { id: number }) => i.id)).toEqual([second.id]);
    expect(acc.all.map((i: { id: number }) => i.id)).toEqual([second.id, first.id]);
  });
});

describe('reading a scan', () => {
  it('returns the stored bytes with their hash and writes an audit row for the read', async () => {
    const pdf = samplePdf('read me');
    const up = (await as(clerkA1).upload(corpId, 'read.pdf', pdf, '?certType=03')).json();
    const since = await lastAuditId(ctx);
    const res = await as(clerkA1).get(`/api/images/${up.id}/content`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.rawPayload.equals(pdf)).toBe(true);
    const audit = await auditSince(ctx, since);
    expect(audit.map((a) => a.action)).toEqual(['image.read']);
    expect(audit[0]).toMatchObject({ entity_type: 'customer', entity_id: String(corpId), actor_name: 'img_clerk_a1' });
    expect(audit[0]!.after).toMatchObject({ imageId: up.id, imageNo: up.imageNo, download: false });
  });

  it('answers 404 to another branch for the list, the bytes, an upload and a reference, and audits nothing', async () => {
    const up = (await as(clerkA1).upload(corpId, 'scope.png', samplePng())).json();
    const since = await lastAuditId(ctx);
    expectProblem(await as(clerkB1).get(`/api/images/${up.id}/content`), 404, 'common.not_found');
    expectProblem(await as(clerkB1).get(`/api/customers/${corpId}/images`), 404, 'common.not_found');
    expectProblem(await as(clerkB1).get(`/api/accounts/${accountId}/images`), 404, 'common.not_found');
    expectProblem(await as(clerkB1).upload(corpId, 'x.png', samplePng()), 404, 'common.not_found');
    expectProblem(await as(clerkB1).post(`/api/customers/${corpId}/images/external`, { system: 'ECM', externalId: 'B-1', url: 'https://ecm.example.cn/v/B-1' }), 404, 'common.not_found');
    expect(await auditSince(ctx, since)).toHaveLength(0);
  });
});

describe('external imaging systems', () => {
  it('references a scan by id and link without copying, redirects an audited read, refuses non-http links and duplicates', async () => {
    const before = await filesIn(dir);
    const ref = await as(clerkA1).post(`/api/customers/${corpId}/images/external`, { system: 'ECM', externalId: 'HT-2026-0001', url: 'https://ecm.example.cn/view?id=HT-2026-0001', note: '借款合同' });
    expect(ref.statusCode, ref.body).toBe(201);
    expect(await filesIn(dir)).toEqual(before);
    const since = await lastAuditId(ctx);
    const read = await as(clerkA1).get(`/api/images/${ref.json().id}/content`);
    expect(read.statusCode).toBe(302);
    expect(read.headers.location).toBe('https://ecm.example.cn/view?id=HT-2026-0001');
    expect((await auditSince(ctx, since)).map((a) => a.action)).toEqual(['image.read']);
    expectProblem(await as(clerkA1).post(`/api/customers/${corpId}/images/external`, { system: 'ECM', externalId: 'HT-2026-0001', url: 'https://ecm.example.cn/x' }), 409, 'images.external_exists');
    expectProblem(await as(clerkA1).post(`/api/customers/${corpId}/images/external`, { system: 'ECM', externalId: 'X', url: 'javascript:alert(1)' }), 400);
  });
});
