// Valid requests the schema-driven generator cannot make (docs/api.md): a request whose validity
// depends on the bank's data or on a state — the version of the row it changes, a statement that
// balances, a pending approval step the caller may decide, a flow the centre has received, a real
// scan — built from the fuzz book at the moment it is sent, and sent once per operation as the
// demo user who holds the permission (setting up the state through the API where one is needed).
// They let the fuzzer see, and `npm run fuzz -- --answers` describe, the success answer of
// operations random requests never reach.
import { sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import { businessToday } from '../../common/business-date.ts';
import { residentId } from '../../modules/customers/import/import.test-helpers.ts';

/** A request: the URL with its query, and a JSON body or a file. */
export interface ValidRequest { url: string; body?: unknown; upload?: { name: string; type: string; content: Buffer } }

/** What a recipe may use: the database (to find rows) and the API as any demo user (to set up a state). */
export interface RecipeContext {
  db: Database;
  send: (username: string, method: string, url: string, body?: unknown, upload?: ValidRequest['upload']) => Promise<{ status: number; json: () => any }>;
}

/** The user who sends it and how to make it; `make` answers undefined when the book holds no row to use. */
export interface Recipe { as: string; make: (ctx: RecipeContext) => Promise<ValidRequest | undefined> }

/** Users the recipes' set-ups act as besides those the recipes name: the fuzz keeps them out of its writes' paths too. */
export const RECIPE_USERS = ['sn_mgr', 'sn_entry', 'sn_review', 'qd_entry', 'qd_admin', 'admin', 'sn_assist', 'sn_head'];

const today = () => businessToday();
const one = async <T = Record<string, any>>(db: Database, query: string): Promise<T | undefined> => (await sql.raw<T>(query).execute(db)).rows[0];
/** Customers in sn_mgr's charge (his own managed ones), corporate first. */
const MINE = `(select cm.customer_id from customer_manager cm join app_user u on u.id = cm.user_id join customer c on c.id = cm.customer_id
  where u.username = 'sn_mgr' and cm.ends_on is null and c.status = 'active')`;
const myCorporate = `select c.id, c.version from customer c where c.id in ${MINE} and c.kind = 'corporate' order by c.id`;
const myPersonal = `select c.id, c.version from customer c where c.id in ${MINE} and c.kind = 'personal' order by c.id`;
const userId = async (db: Database, username: string) => (await one<{ id: number }>(db, `select id from app_user where username = '${username}'`))!.id;
let serial = 0;
/** A name or code not used before in this run. */
const fresh = (prefix: string) => `${prefix}${Date.now() % 100000}${++serial}`;
/** The smallest valid PNG: one transparent pixel. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

/** A fresh marketing team under 崂山支行, for the recipes that change, move or close an institution. */
async function freshInstitution(ctx: RecipeContext) {
  const parent = await one<{ id: number }>(ctx.db, `select id from institution where code = '0103'`);
  const code = String(9000 + (++serial % 999)).padStart(4, '0');
  const res = await ctx.send('admin', 'POST', '/api/institutions', { parentId: parent!.id, code, name: fresh('契约测试网点'), kind: 'marketing', category: 'sme' });
  return res.status < 300 ? one<{ id: number; version: number }>(ctx.db, `select id, version from institution where id = ${Number(res.json().id)}`) : undefined;
}

async function freshUser(ctx: RecipeContext) {
  const inst = await one<{ id: number }>(ctx.db, `select id from institution where code = '0131'`);
  const res = await ctx.send('admin', 'POST', '/api/users', { username: fresh('fuzz.user'), displayName: '契约测试', homeInstitutionId: inst!.id, managingInstitutionId: inst!.id });
  if (res.status >= 300) return undefined;
  const body = res.json();
  return (await one<{ id: number; version: number }>(ctx.db, `select id, version from app_user where id = ${Number(body.id ?? body.user?.id)}`));
}

async function freshRole(ctx: RecipeContext) {
  const res = await ctx.send('admin', 'POST', '/api/roles', { code: fresh('fuzz_role_'), nameZh: '契约测试岗', nameEn: 'Contract test role', dataScope: 'institution', permissions: ['customer.read'] });
  if (res.status >= 300) return undefined;
  return one<{ id: number; version: number }>(ctx.db, `select id, version from role where id = ${Number(res.json().id)}`);
}

/** A personal customer the sub-branch's entry clerk has just opened: no accounts, so he may be deleted. */
async function freshCustomer(ctx: RecipeContext) {
  const inst = await one<{ id: number }>(ctx.db, `select id from institution where code = '0101'`);
  const res = await ctx.send('sn_entry', 'POST', '/api/customers', { kind: 'personal', name: '契约测试', institutionId: inst!.id, identities: [{ idType: '10', idNumber: residentId('19850101', String(100 + (++serial % 800))) }] });
  const id = res.status < 300 ? Number(res.json().id) : NaN;
  if (Number.isInteger(id)) return { id };
  // A fuzzed setting may have put personal openings under review (202, no customer yet): a customer
  // of the sub-branch holding nothing and in no open request serves as well.
  return one<{ id: number }>(ctx.db, `select c.id from customer c where c.institution_id = ${inst!.id} and c.status = 'active' and c.kind = 'personal'
    and not exists (select 1 from account a where a.customer_id = c.id)
    and not exists (select 1 from approval_request r where r.subject_type = 'customer' and r.subject_id = c.id::text and r.status in ('pending', 'returned'))
    order by c.id desc limit 1`).then((r) => (r ? { id: Number(r.id) } : undefined));
}

/** A deletion the entry clerk asks for: pending at its first step, which sn_review (the sub-branch's review clerk) decides. */
async function pendingDeletion(ctx: RecipeContext) {
  const c = await freshCustomer(ctx);
  if (!c) return undefined;
  const res = await ctx.send('sn_entry', 'DELETE', `/api/customers/${c.id}`, { reason: '契约测试' });
  return res.status === 202 ? { requestId: Number(res.json().requestId) } : undefined;
}

/** A flow of an account of the sub-branch, opened (draft) by its entry clerk. */
async function draftFlow(ctx: RecipeContext) {
  const a = await one<{ account_no: string }>(ctx.db, `select account_no from account where customer_id in ${MINE} and status = 'active' order by id`);
  if (!a) return undefined;
  const res = await ctx.send('sn_entry', 'POST', '/api/documents/flows', { accountNo: a.account_no, items: [{ certKind: '营业执照', pages: 2, copies: 1 }] });
  return res.status < 300 ? res.json() as { id: number } : undefined;
}

async function receivedFlow(ctx: RecipeContext) {
  const flow = await draftFlow(ctx);
  if (!flow) return undefined;
  await ctx.send('sn_entry', 'POST', `/api/documents/flows/${flow.id}/submit`);
  const res = await ctx.send('qd_entry', 'POST', `/api/documents/flows/${flow.id}/accept`);
  return res.status < 300 ? flow : undefined;
}

async function cabinet(ctx: RecipeContext) {
  const existing = await one<{ id: number }>(ctx.db, `select c.id from archive_cabinet c join institution i on i.id = c.institution_id where i.code = '0100' order by c.id`);
  if (existing) return existing;
  const inst = await one<{ id: number }>(ctx.db, `select id from institution where code = '0100'`);
  const res = await ctx.send('qd_entry', 'POST', '/api/archive/cabinets', { institutionId: inst!.id, code: 'FZ1', name: '契约测试柜', cellCount: 10, copiesPerCell: 10 });
  return res.status < 300 ? res.json() as { id: number } : undefined;
}

async function filedPosition(ctx: RecipeContext) {
  const flow = await receivedFlow(ctx);
  const cab = await cabinet(ctx);
  if (!flow || !cab) return undefined;
  const res = await ctx.send('qd_entry', 'POST', `/api/archive/cabinets/${cab.id}/file`, { flowIds: [flow.id] });
  if (res.status >= 300) return undefined;
  return one<{ id: number }>(ctx.db, `select id from archive_position where flow_id = ${flow.id}`);
}

/** The non-financial notes of one of sn_mgr's corporate customers, written first if he has none. */
async function nonFinancial(ctx: RecipeContext) {
  const c = await one<{ id: number }>(ctx.db, myCorporate);
  if (!c) return undefined;
  await ctx.send('sn_mgr', 'POST', `/api/customers/${c.id}/non-financial`, { mainProducts: '契约测试' });
  return one<{ id: number; version: number }>(ctx.db, `select customer_id as id, version from customer_non_financial where customer_id = ${c.id}`);
}

/** A signing of an e-banking product on an open demand account of sn_mgr's customers (the `nth` such pair). */
async function signingRequest(db: Database, nth: number): Promise<ValidRequest | undefined> {
  const a = await one(db, `select a.customer_id as id, a.id as account, p.id as product from account a join product p on p.category = 'e_banking' and p.status = 'active'
    where a.customer_id in ${MINE} and a.kind = 'deposit_demand' and a.status = 'active' and a.closed_on is null order by a.id, p.id offset ${nth}`);
  return a && { url: `/api/customers/${a.id}/signings`, body: { kind: 'product_service', productId: a.product, accountId: a.account, channel: 'counter', signedOn: today() } };
}

const statement = { fiscalYear: 2025, periodType: 'annual', totalAssets: 1000000, totalLiabilities: 400000, ownersEquity: 600000, operatingRevenue: 800000, netProfit: 50000, employees: 40 };

export const RECIPES: Record<string, Recipe> = {
  // ── reads that need a particular row ──
  'GET /api/accounts': { as: 'sn_mgr', make: async ({ db }) => {
    const a = await one<{ account_no: string }>(db, `select account_no from account where customer_id in ${MINE} order by id`);
    return a && { url: `/api/accounts?accountNo=${a.account_no}` };
  } },
  'GET /api/documents/account-lookup': { as: 'sn_entry', make: async ({ db }) => {
    const a = await one<{ account_no: string }>(db, `select account_no from account where customer_id in ${MINE} order by id`);
    return a && { url: `/api/documents/account-lookup?accountNo=${a.account_no}` };
  } },
  'GET /api/guarantee-circles/{date}/{no}': { as: 'hq_head', make: async (ctx) => {
    let c = await one<{ d: string; no: number }>(ctx.db, `select to_char(scan_date, 'YYYY-MM-DD') as d, circle_no as no from guarantee_circle order by scan_date desc, circle_no`);
    if (!c) {
      // None in a small book: three of sn_mgr's customers guarantee one another in a ring (role 01:
      // the party guarantees the customer), then the day's scan finds the circle.
      const ring = (await sql.raw<{ id: number; customer_no: string }>(`select id, customer_no from customer where id in ${MINE} order by id limit 3`).execute(ctx.db)).rows;
      if (ring.length < 3) return undefined;
      for (let k = 0; k < 3; k++) {
        await ctx.send('sn_mgr', 'POST', `/api/customers/${ring[k]!.id}/links`, { party: { by: 'customerNo', customerNo: ring[(k + 1) % 3]!.customer_no }, role: '01', amount: 1000000, startsOn: '2026-01-01' });
      }
      await ctx.send('admin', 'POST', '/api/jobs/guarantee-scan/run', { businessDate: today() });
      c = await one<{ d: string; no: number }>(ctx.db, `select to_char(scan_date, 'YYYY-MM-DD') as d, circle_no as no from guarantee_circle order by scan_date desc, circle_no`);
    }
    return c && { url: `/api/guarantee-circles/${c.d}/${c.no}` };
  } },
  'GET /api/archive/cabinets/{id}/to-file': { as: 'qd_entry', make: async (ctx) => {
    const cab = await cabinet(ctx);
    return cab && { url: `/api/archive/cabinets/${cab.id}/to-file` };
  } },
  'GET /api/customers/imports/{id}': { as: 'sn_entry', make: async (ctx) => {
    const csv = `name,idType1,idNumber1\n契约测试,10,${residentId('19800101', '123')}\n`;
    const res = await ctx.send('sn_entry', 'POST', '/api/customers/imports?kind=personal&dryRun=true', undefined, { name: 'customers.csv', type: 'text/csv', content: Buffer.from(csv) });
    return res.status < 300 ? { url: `/api/customers/imports/${res.json().id}` } : undefined;
  } },

  // ── system administration (admin) ──
  'POST /api/api-tokens/{id}/revoke': { as: 'admin', make: async (ctx) => {
    const root = await one<{ id: number }>(ctx.db, `select id from institution where parent_id is null`);
    const res = await ctx.send('admin', 'POST', '/api/api-tokens', { name: fresh('契约测试'), roleIds: [], managingInstitutionId: root!.id });
    return res.status < 300 ? { url: `/api/api-tokens/${res.json().id}/revoke` } : undefined;
  } },
  'PATCH /api/institutions/{id}': { as: 'admin', make: async (ctx) => {
    const i = await freshInstitution(ctx);
    return i && { url: `/api/institutions/${i.id}`, body: { version: i.version, phone: '0532-88888888' } };
  } },
  'POST /api/institutions/{id}/move': { as: 'admin', make: async (ctx) => {
    const i = await freshInstitution(ctx);
    const parent = await one<{ id: number }>(ctx.db, `select id from institution where code = '0102'`);
    return i && { url: `/api/institutions/${i.id}/move`, body: { version: i.version, parentId: parent!.id, effectiveDate: today(), reason: '契约测试' } };
  } },
  'POST /api/institutions/{id}/deactivate': { as: 'admin', make: async (ctx) => {
    const i = await freshInstitution(ctx);
    return i && { url: `/api/institutions/${i.id}/deactivate`, body: { version: i.version, effectiveDate: today(), reason: '契约测试' } };
  } },
  'POST /api/institutions/{id}/reactivate': { as: 'admin', make: async (ctx) => {
    const i = await freshInstitution(ctx);
    if (!i) return undefined;
    await ctx.send('admin', 'POST', `/api/institutions/${i.id}/deactivate`, { version: i.version, effectiveDate: today(), reason: '契约测试' });
    const now = await one<{ version: number }>(ctx.db, `select version from institution where id = ${i.id}`);
    return { url: `/api/institutions/${i.id}/reactivate`, body: { version: now!.version, effectiveDate: today(), reason: '契约测试' } };
  } },
  'PATCH /api/users/{id}': { as: 'admin', make: async (ctx) => {
    const u = await freshUser(ctx);
    return u && { url: `/api/users/${u.id}`, body: { version: u.version, mobile: '13812345678' } };
  } },
  'POST /api/users/{id}/move': { as: 'admin', make: async (ctx) => {
    const u = await freshUser(ctx);
    const to = await one<{ id: number }>(ctx.db, `select id from institution where code = '0231'`);
    return u && { url: `/api/users/${u.id}/move`, body: { version: u.version, homeInstitutionId: to!.id, managingInstitutionId: to!.id, effectiveDate: today(), reason: '契约测试' } };
  } },
  'POST /api/users/{id}/status': { as: 'admin', make: async (ctx) => {
    const u = await freshUser(ctx);
    return u && { url: `/api/users/${u.id}/status`, body: { version: u.version, status: 'disabled', effectiveDate: today(), reason: '契约测试' } };
  } },
  'POST /api/roles': { as: 'admin', make: async () => ({
    url: '/api/roles', body: { code: fresh('fuzz_role_'), nameZh: '契约测试岗', nameEn: 'Contract test role', dataScope: 'institution', permissions: ['customer.read'] },
  }) },
  'PATCH /api/roles/{id}': { as: 'admin', make: async (ctx) => {
    const r = await freshRole(ctx);
    return r && { url: `/api/roles/${r.id}`, body: { version: r.version, nameEn: 'Contract test role, renamed' } };
  } },
  'DELETE /api/roles/{id}': { as: 'admin', make: async (ctx) => {
    const r = await freshRole(ctx);
    return r && { url: `/api/roles/${r.id}` };
  } },
  'PATCH /api/code-tables/{code}/items/{item}': { as: 'admin', make: async ({ db }) => {
    const i = await one<{ t: string; code: string; sort_order: number }>(db, `select table_code as t, code, sort_order from code_item where table_code = 'address_type' order by code`);
    return i && { url: `/api/code-tables/${i.t}/items/${i.code}`, body: { sortOrder: i.sort_order } };
  } },
  'PUT /api/approvals/steps/{type}/{level}': { as: 'admin', make: async () => ({
    url: '/api/approvals/steps/customer.scale/0',
    body: { steps: [{ roleCode: 'scale_approval', actingInstitution: 'own', timeLimitDays: 3 }, { roleCode: 'scale_confirmation', actingInstitution: 'own', timeLimitDays: 3 }] },
  }) },
  'PUT /api/scale-rules/{category}': { as: 'admin', make: async ({ db }) => {
    const r = await one<{ category: string; version: number; thresholds: unknown }>(db, `select category, version, thresholds from sme_scale_rule order by sort_order`);
    return r && { url: `/api/scale-rules/${r.category}`, body: { version: r.version, thresholds: typeof r.thresholds === 'string' ? JSON.parse(r.thresholds) : r.thresholds } };
  } },
  'POST /api/jobs/{name}/run': { as: 'admin', make: async () => ({ url: '/api/jobs/archive-overdue/run', body: {} }) },
  'PATCH /api/products/{id}': { as: 'product_mgr', make: async ({ db }) => {
    const p = await one<{ id: string; version: number }>(db, `select id, version from product order by id`);
    return p && { url: `/api/products/${p.id}`, body: { version: p.version, nameEn: 'Renamed by the contract fuzzer' } };
  } },

  // ── a customer in sn_mgr's charge ──
  'PATCH /api/customers/{id}': { as: 'sn_mgr', make: async ({ db }) => {
    const c = await one(db, myCorporate);
    return c && { url: `/api/customers/${c.id}`, body: { version: c.version, officePhone: '0532-86668888' } };
  } },
  'POST /api/customers/{id}/reveal': { as: 'sn_head', make: async ({ db }) => {
    const c = await one(db, myPersonal);
    return c && { url: `/api/customers/${c.id}/reveal`, body: { field: 'mobile' } };
  } },
  'PUT /api/customers/{id}/industry': { as: 'sn_mgr', make: async ({ db }) => {
    const c = await one(db, myCorporate);
    const code = await one<{ code: string }>(db, `select code from code_item where table_code = 'industry' and active and level = 4 order by code`);
    return c && code && { url: `/api/customers/${c.id}/industry`, body: { industryCode: code.code } };
  } },
  'POST /api/customers/{id}/certificates': { as: 'sn_mgr', make: async ({ db }) => {
    const c = await one(db, myCorporate);
    return c && { url: `/api/customers/${c.id}/certificates`, body: { certType: '04', number: 'XK-2026-001', approvalAuthority: '青岛市市场监督管理局', issuer: '青岛市市场监督管理局', issuedOn: '2026-01-05', expiresOn: '2031-01-04' } };
  } },
  'PATCH /api/customers/{id}/certificates/{certId}': { as: 'sn_mgr', make: async ({ db }) => {
    const x = await one(db, `select customer_id as id, id as cert, version, cert_type, number from certificate where customer_id in ${MINE} and status = 'current' and cert_type <> '05' order by id`);
    return x && { url: `/api/customers/${x.id}/certificates/${x.cert}`, body: { version: x.version, issuer: '青岛市市场监督管理局' } };
  } },
  'DELETE /api/customers/{id}/certificates/{certId}': { as: 'sn_mgr', make: async ({ db }) => {
    const x = await one(db, `select customer_id as id, id as cert, version from certificate where customer_id in ${MINE} and status = 'current' order by id desc`);
    return x && { url: `/api/customers/${x.id}/certificates/${x.cert}`, body: { version: x.version, reason: '契约测试：录入有误' } };
  } },
  'POST /api/customers/{id}/addresses': { as: 'sn_mgr', make: async ({ db }) => {
    const c = await one(db, myPersonal);
    return c && { url: `/api/customers/${c.id}/addresses`, body: { addressType: '2', address: '青岛市市南区香港中路8号', postcode: '266071' } };
  } },
  'PATCH /api/customers/{id}/addresses/{addressId}': { as: 'sn_mgr', make: async ({ db }) => {
    const a = await one(db, `select customer_id as id, id as aid, version from customer_address where customer_id in ${MINE} order by id`);
    return a && { url: `/api/customers/${a.id}/addresses/${a.aid}`, body: { version: a.version, postcode: '266071' } };
  } },
  'POST /api/customers/{id}/addresses/{addressId}/reveal': { as: 'sn_head', make: async ({ db }) => {
    const a = await one(db, `select customer_id as id, id as aid from customer_address where customer_id in ${MINE} order by id`);
    return a && { url: `/api/customers/${a.id}/addresses/${a.aid}/reveal` };
  } },
  'DELETE /api/customers/{id}/addresses/{addressId}': { as: 'sn_mgr', make: async ({ db }) => {
    const a = await one(db, `select customer_id as id, id as aid from customer_address where customer_id in ${MINE} order by id desc`);
    return a && { url: `/api/customers/${a.id}/addresses/${a.aid}` };
  } },
  'POST /api/customers/{id}/risk-assessments': { as: 'sn_mgr', make: async ({ db }) => {
    const c = await one(db, myPersonal);
    const r = await one<{ code: string }>(db, `select code from code_item where table_code = 'investor_type' order by code`);
    return c && r && { url: `/api/customers/${c.id}/risk-assessments`, body: { assessedOn: today(), validUntil: '2030-12-31', result: r.code, score: 60, channel: 'counter' } };
  } },
  'POST /api/customers/{id}/financials': { as: 'sn_mgr', make: async ({ db }) => {
    const c = await one(db, `${myCorporate} offset 1`);
    return c && { url: `/api/customers/${c.id}/financials`, body: { ...statement, fiscalYear: 2019 } };
  } },
  'PATCH /api/customers/{id}/financials/{itemId}': { as: 'sn_mgr', make: async ({ db }) => {
    const s = await one(db, `select customer_id as id, id as item, version from financial_statement where customer_id in ${MINE} and deleted_at is null order by id`);
    return s && { url: `/api/customers/${s.id}/financials/${s.item}`, body: { version: s.version, remark: '契约测试' } };
  } },
  'PATCH /api/customers/{id}/non-financial': { as: 'sn_mgr', make: async (ctx) => {
    const n = await nonFinancial(ctx);
    return n && { url: `/api/customers/${n.id}/non-financial`, body: { version: n.version, mainProducts: '契约测试' } };
  } },
  'DELETE /api/customers/{id}/non-financial': { as: 'sn_mgr', make: async (ctx) => {
    const n = await nonFinancial(ctx);
    return n && { url: `/api/customers/${n.id}/non-financial` };
  } },
  'POST /api/customers/{id}/investments': { as: 'sn_mgr', make: async ({ db }) => {
    const c = await one(db, myCorporate);
    return c && { url: `/api/customers/${c.id}/investments`, body: { investeeName: '青岛契约测试有限公司', amount: 1000000, sharePct: 10 } };
  } },
  'PATCH /api/customers/{id}/investments/{itemId}': { as: 'sn_mgr', make: async ({ db }) => {
    const x = await one(db, `select customer_id as id, id as item, version from customer_investment where customer_id in ${MINE} and deleted_at is null order by id`);
    return x && { url: `/api/customers/${x.id}/investments/${x.item}`, body: { version: x.version, remark: '契约测试' } };
  } },
  'DELETE /api/customers/{id}/investments/{itemId}': { as: 'sn_mgr', make: async ({ db }) => {
    const x = await one(db, `select customer_id as id, id as item, version from customer_investment where customer_id in ${MINE} and deleted_at is null order by id desc`);
    return x && { url: `/api/customers/${x.id}/investments/${x.item}` };
  } },
  'POST /api/customers/{id}/correspondent-banks': { as: 'sn_mgr', make: async ({ db }) => {
    const c = await one(db, myCorporate);
    return c && { url: `/api/customers/${c.id}/correspondent-banks`, body: { bankName: '中国工商银行青岛分行', accountNo: '3803020109000012345', accountType: 'general' } };
  } },
  'PATCH /api/customers/{id}/correspondent-banks/{itemId}': { as: 'sn_mgr', make: async ({ db }) => {
    const x = await one(db, `select customer_id as id, id as item, version from correspondent_bank_account where customer_id in ${MINE} and deleted_at is null order by id`);
    return x && { url: `/api/customers/${x.id}/correspondent-banks/${x.item}`, body: { version: x.version, remark: '契约测试' } };
  } },
  'POST /api/customers/{id}/correspondent-banks/{itemId}/reveal': { as: 'sn_head', make: async ({ db }) => {
    const x = await one(db, `select customer_id as id, id as item from correspondent_bank_account where customer_id in ${MINE} and deleted_at is null order by id`);
    return x && { url: `/api/customers/${x.id}/correspondent-banks/${x.item}/reveal` };
  } },
  'DELETE /api/customers/{id}/correspondent-banks/{itemId}': { as: 'sn_mgr', make: async ({ db }) => {
    const x = await one(db, `select customer_id as id, id as item from correspondent_bank_account where customer_id in ${MINE} and deleted_at is null order by id desc`);
    return x && { url: `/api/customers/${x.id}/correspondent-banks/${x.item}` };
  } },
  'POST /api/customers/{id}/signings': { as: 'sn_entry', make: async ({ db }) => signingRequest(db, 0) },
  'POST /api/customers/{id}/signings/{signingId}/terminate': { as: 'sn_entry', make: async (ctx) => {
    let s = await one(ctx.db, `select customer_id as id, id as signing from signing where customer_id in ${MINE} and status = 'active' order by id`);
    if (!s) {
      const made = await signingRequest(ctx.db, 1);
      const res = made && await ctx.send('sn_entry', 'POST', made.url, made.body);
      s = res && res.status < 300 ? { id: made.url.split('/')[3], signing: res.json().id } : undefined;
    }
    return s && { url: `/api/customers/${s.id}/signings/${s.signing}/terminate`, body: { reason: '客户申请解约' } };
  } },
  'POST /api/customers/{id}/channel-limits': { as: 'sn_entry', make: async ({ db }) => {
    const c = await one(db, myPersonal);
    return c && { url: `/api/customers/${c.id}/channel-limits`, body: { channel: 'atm', perTransaction: '5000.00', dailyAmount: '20000.00', dailyCount: 10, effectiveFrom: today() } };
  } },
  'POST /api/customers/{id}/images': { as: 'sn_mgr', make: async ({ db }) => {
    const c = await one(db, myCorporate);
    return c && { url: `/api/customers/${c.id}/images?certType=01`, upload: { name: 'licence.png', type: 'image/png', content: PNG } };
  } },
  'POST /api/customers/{id}/scale': { as: 'sn_mgr', make: async ({ db }) => {
    const c = await one(db, `${myCorporate} offset 2`);
    return c && { url: `/api/customers/${c.id}/scale`, body: { scale: 'small', reason: '契约测试：年报显示营业收入下降' } };
  } },
  'POST /api/customers/{id}/links': { as: 'sn_mgr', make: async ({ db }) => {
    const c = await one(db, myCorporate);
    return c && { url: `/api/customers/${c.id}/links`, body: { party: { by: 'document', partyCategory: '2', name: '契约测试人', idType: '10', idNumber: residentId('19750315', String(100 + (++serial % 800))) }, role: '01', startsOn: today() } };
  } },
  'POST /api/customers/{id}/links/{linkId}/end': { as: 'sn_mgr', make: async ({ db }) => {
    const l = await one(db, `select customer_id as id, id as link from customer_link where customer_id in ${MINE} and ends_on is null order by id desc`);
    return l && { url: `/api/customers/${l.id}/links/${l.link}/end`, body: { reason: '契约测试' } };
  } },
  'DELETE /api/customers/{id}': { as: 'sn_entry', make: async (ctx) => {
    const c = await freshCustomer(ctx);
    return c && { url: `/api/customers/${c.id}`, body: { reason: '契约测试：客户销户' } };
  } },
  'POST /api/customers': { as: 'sn_entry', make: async ({ db }) => {
    const inst = await one<{ id: number }>(db, `select id from institution where code = '0101'`);
    return { url: '/api/customers', body: { kind: 'personal', name: '契约测试', institutionId: inst!.id, identities: [{ idType: '10', idNumber: residentId('19900101', String(100 + (++serial % 800))) }] } };
  } },
  'POST /api/customers/industry/import': { as: 'sn_entry', make: async ({ db }) => {
    const c = await one<{ customer_no: string }>(db, `select customer_no from customer where id in ${MINE} and kind = 'corporate' order by id`);
    return c && { url: '/api/customers/industry/import?dryRun=true', upload: { name: 'industry.txt', type: 'text/plain', content: Buffer.from(`客户号\t行业分类\t工业区\t专业市场分类\n${c.customer_no}\t3311\t胶州工业园\t\n`) } };
  } },
  // The fuzz book's inbox folder holds no day: the load answers with the rejected run.
  'POST /api/feeds/load': { as: 'admin', make: async () => ({ url: '/api/feeds/load', body: { businessDate: today() } }) },
  'POST /api/customers/import': { as: 'sn_entry', make: async () => ({
    url: '/api/customers/import?kind=personal&dryRun=true',
    upload: { name: 'customers.csv', type: 'text/csv', content: Buffer.from(`name,idType1,idNumber1\n契约测试,10,${residentId('19800101', '321')}\n`) },
  }) },

  'POST /api/customers/merge': { as: 'sn_review', make: async (ctx) => {
    const survivor = await freshCustomer(ctx);
    const merged = await freshCustomer(ctx);
    return survivor && merged && { url: '/api/customers/merge', body: { survivorId: survivor.id, mergedId: merged.id, reason: '契约测试：同一客户的两条记录' } };
  } },
  // The centre's receipt to-do of a submitted flow, which its clerk marks done.
  'POST /api/todos/{id}/done': { as: 'qd_entry', make: async (ctx) => {
    const f = await draftFlow(ctx);
    if (!f) return undefined;
    await ctx.send('sn_entry', 'POST', `/api/documents/flows/${f.id}/submit`);
    const t = await one<{ id: number }>(ctx.db, `select id from todo where entity_type = 'document_flow' and entity_id = '${f.id}' and status = 'open' order by id`);
    return t && { url: `/api/todos/${t.id}/done` };
  } },

  // ── customer assignment (qd_admin holds customer_assignment) ──
  'POST /api/customer-assignments/preview': { as: 'qd_admin', make: async ({ db }) => {
    const c = await one(db, myPersonal);
    return c && { url: '/api/customer-assignments/preview', body: { selection: { customerIds: [c.id] }, managerId: await userId(db, 'sn_assist'), role: 'assisting' } };
  } },
  'POST /api/customer-assignments': { as: 'qd_admin', make: async ({ db }) => {
    const c = await one(db, myPersonal);
    return c && { url: '/api/customer-assignments', body: { selection: { customerIds: [c.id] }, managerId: await userId(db, 'sn_assist'), role: 'assisting', expectedCount: 1, reason: '契约测试' } };
  } },

  // ── approvals: the entry clerk asks to delete a customer, sn_review (the first step's clerk) decides ──
  'POST /api/approvals/{id}/approve': { as: 'sn_review', make: async (ctx) => {
    const r = await pendingDeletion(ctx);
    return r && { url: `/api/approvals/${r.requestId}/approve`, body: { step: 1, reason: '契约测试' } };
  } },
  'POST /api/approvals/{id}/return': { as: 'sn_review', make: async (ctx) => {
    const r = await pendingDeletion(ctx);
    return r && { url: `/api/approvals/${r.requestId}/return`, body: { step: 1, reason: '契约测试：请补充材料' } };
  } },
  'POST /api/approvals/{id}/reject': { as: 'sn_review', make: async (ctx) => {
    const r = await pendingDeletion(ctx);
    return r && { url: `/api/approvals/${r.requestId}/reject`, body: { step: 1, reason: '契约测试：不予删除' } };
  } },
  'POST /api/approvals/{id}/resubmit': { as: 'sn_entry', make: async (ctx) => {
    const r = await pendingDeletion(ctx);
    if (!r) return undefined;
    await ctx.send('sn_review', 'POST', `/api/approvals/${r.requestId}/return`, { step: 1, reason: '契约测试：请补充材料' });
    return { url: `/api/approvals/${r.requestId}/resubmit`, body: {} };
  } },
  'POST /api/approvals/delegations': { as: 'sn_review', make: async () => ({
    url: '/api/approvals/delegations', body: { delegateUsername: 'sn_head', startsOn: today(), endsOn: '2030-12-31', reason: '契约测试：休假' },
  }) },
  'POST /api/approvals/delegations/{id}/cancel': { as: 'sn_review', make: async (ctx) => {
    const res = await ctx.send('sn_review', 'POST', '/api/approvals/delegations', { delegateUsername: 'sn_head', startsOn: today(), endsOn: '2030-12-31', reason: '契约测试' });
    const d = res.status < 300 ? res.json() : await one(ctx.db, `select d.id from approval_delegation d join app_user u on u.id = d.delegator_id where u.username = 'sn_review' and d.cancelled_at is null order by d.id desc`);
    return d && { url: `/api/approvals/delegations/${d.id}/cancel` };
  } },

  // ── document transfer and archive: the sub-branch's entry clerk opens a flow, the branch's centre (qd_entry) receives and files it ──
  'POST /api/documents/flows': { as: 'sn_entry', make: async ({ db }) => {
    const a = await one<{ account_no: string }>(db, `select account_no from account where customer_id in ${MINE} and status = 'active' order by id`);
    return a && { url: '/api/documents/flows', body: { accountNo: a.account_no, items: [{ certKind: '营业执照', certNo: 'A-1', pages: 2, copies: 1 }] } };
  } },
  'PUT /api/documents/flows/{id}': { as: 'sn_entry', make: async (ctx) => {
    const f = await draftFlow(ctx);
    const a = await one<{ account_no: string }>(ctx.db, `select account_no from document_flow where id = ${f?.id ?? 0}`);
    return f && a && { url: `/api/documents/flows/${f.id}`, body: { accountNo: a.account_no, items: [{ certKind: '营业执照', pages: 3, copies: 2 }] } };
  } },
  'POST /api/documents/flows/{id}/submit': { as: 'sn_entry', make: async (ctx) => {
    const f = await draftFlow(ctx);
    return f && { url: `/api/documents/flows/${f.id}/submit` };
  } },
  'POST /api/documents/flows/{id}/cancel': { as: 'sn_entry', make: async (ctx) => {
    const f = await draftFlow(ctx);
    return f && { url: `/api/documents/flows/${f.id}/cancel` };
  } },
  'POST /api/documents/flows/{id}/accept': { as: 'qd_entry', make: async (ctx) => {
    const f = await draftFlow(ctx);
    if (!f) return undefined;
    await ctx.send('sn_entry', 'POST', `/api/documents/flows/${f.id}/submit`);
    return { url: `/api/documents/flows/${f.id}/accept` };
  } },
  'POST /api/documents/flows/{id}/entry': { as: 'qd_entry', make: async (ctx) => {
    const f = await receivedFlow(ctx);
    return f && { url: `/api/documents/flows/${f.id}/entry`, body: {} };
  } },
  'POST /api/customer-transfers': { as: 'sn_mgr', make: async ({ db }) => {
    // sn_mgr hands one of his customers (primary, not already in a transfer) to his team-mate from today.
    const c = await one<{ id: number }>(db, `select cm.customer_id as id from customer_manager cm join app_user u on u.id = cm.user_id
      join customer c on c.id = cm.customer_id where u.username = 'sn_mgr' and cm.role = 'primary' and cm.ends_on is null and c.status = 'active'
        and not exists (select 1 from approval_request r where r.workflow_type = 'customer.transfer' and r.status in ('pending', 'returned') and r.payload::text like '%' || cm.customer_id || '%')
      order by cm.customer_id desc limit 1`);
    return c && { url: '/api/customer-transfers', body: { selection: { customerIds: [Number(c.id)] }, fromManagerId: await userId(db, 'sn_mgr'),
      toManagerId: await userId(db, 'sn_assist'), effectiveOn: today(), reason: '契约测试：客户经理调岗' } };
  } },
  'POST /api/archive/cabinets/{id}/file': { as: 'qd_entry', make: async (ctx) => {
    const f = await receivedFlow(ctx);
    const cab = await cabinet(ctx);
    return f && cab && { url: `/api/archive/cabinets/${cab.id}/file`, body: { flowIds: [f.id] } };
  } },
  'POST /api/archive/positions/{id}/check-out': { as: 'qd_entry', make: async (ctx) => {
    const p = await filedPosition(ctx);
    return p && { url: `/api/archive/positions/${p.id}/check-out`, body: { borrower: '卫主办', purpose: '契约测试：查阅', workingDays: 5 } };
  } },
  'POST /api/archive/loans/{id}/check-in': { as: 'qd_entry', make: async (ctx) => {
    const p = await filedPosition(ctx);
    if (!p) return undefined;
    const res = await ctx.send('qd_entry', 'POST', `/api/archive/positions/${p.id}/check-out`, { borrower: '卫主办', purpose: '契约测试', workingDays: 5 });
    return res.status < 300 ? { url: `/api/archive/loans/${res.json().id}/check-in`, body: {} } : undefined;
  } },
};
