// The bank the contract fuzzer runs against: a fresh test database (harness.ts) with the demo
// bank and a small demo book, so that valid requests find customers, accounts, feeds, approvals
// and to-dos; signed in as the head-office administrator, the head office's head and a customer manager.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { openTestDatabase } from '../harness.ts';
import { prepareDatabase } from '../../server/bootstrap.ts';
import { buildApp } from '../../server/app.ts';
import type { Config } from '../../server/config.ts';
import { businessToday } from '../../common/business-date.ts';
import { createDemoBank, DEMO_PASSWORD } from '../../demo/demo-bank.ts';
import { buildDemoBook } from '../../demo/book.ts';
import { isoOf, toDayNo } from '../../demo/generate/feed.ts';
import { createImageStore } from '../../modules/images/image-store.ts';
import { injectable, type Caller, type FuzzOptions, type OpenApiDocument } from './fuzz.ts';
import { RECIPES, RECIPE_USERS, type RecipeContext } from './valid-requests.ts';


export interface FuzzBook {
  app: FastifyInstance;
  doc: OpenApiDocument;
  callers: Caller[];
  ids: number[];
  pathValues: NonNullable<FuzzOptions['pathValues']>;
  protectedIds: NonNullable<FuzzOptions['protectedIds']>;
  recipes: NonNullable<FuzzOptions['recipes']>;
  close: () => Promise<void>;
}

export async function openFuzzBook(size: { customers: number; days: number }): Promise<FuzzBook> {
  const { handle, drop } = await openTestDatabase();
  await prepareDatabase(handle);
  await createDemoBank(handle.db);
  // Scans go to a folder of the run's own, so that uploads are stored and read back.
  const imageDir = await mkdtemp(join(tmpdir(), 'crm-fuzz-images-'));
  const images = { kind: 'fs', dir: imageDir } as const;
  await buildDemoBook(handle.db, { ...size, endDate: isoOf(toDayNo(businessToday()) - 1), seed: 7, imageStore: createImageStore(images) });
  // An inbox folder of the run's own (empty: a load from it is a rejected run), so that the
  // screen's "load now" has somewhere to look; restored when the book closes.
  const inbox = await mkdtemp(join(tmpdir(), 'crm-fuzz-inbox-'));
  const inboxBefore = process.env.CRM_FEED_INBOX;
  process.env.CRM_FEED_INBOX = inbox;
  const config: Config = { port: 0, host: '127.0.0.1', database: { kind: 'pglite', dataDir: '' }, cookieSecure: false, trustProxy: false, demo: true, logLevel: 'silent', images };
  const app = await buildApp(handle.db, config, { logger: false });
  await app.ready();
  const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as OpenApiDocument;

  const caller = (username: string): Caller => ({
    name: username,
    signIn: async () => {
      const login = () => app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: DEMO_PASSWORD } });
      let res = await login();
      // The fuzzed sign-ins (wrong passwords, all from the one test address) end in the address's
      // lock-out; the run's own users are let in again by clearing it, as an operator would.
      if (res.statusCode === 429) { await handle.db.deleteFrom('login_throttle').execute(); res = await login(); }
      if (res.statusCode !== 200) throw new Error(`sign-in of ${username}: ${res.statusCode} ${res.body}`);
      const cookie = res.cookies.find((c) => c.name === 'crm_session')!;
      return { cookie: `crm_session=${cookie.value}`, 'x-csrf-token': res.json().csrfToken as string };
    },
  });
  // The system administrator (no customer data), the head office's head (reads everything), a
  // customer manager (his own customers only), the auditor, the sub-branch's entry and review
  // clerks (back office, documents, blacklist, merges) and a branch administrator: between them
  // every permission a route asks for.
  const names = ['admin', 'hq_head', 'sn_mgr', 'auditor', 'sn_entry', 'sn_review', 'qd_admin'];
  // The callers, their roles and their institutions are kept out of the paths of writes that
  // would lock them out (disable, move, strip roles), or the rest of the run would test the gate only.
  // So are the users the recipes (valid-requests.ts) act as, and those their set-ups name.
  const recipeUsers = [...new Set([...Object.values(RECIPES).map((r) => r.as), ...RECIPE_USERS])];
  const users = await handle.db.selectFrom('app_user').select(['id', 'username', 'home_institution_id', 'managing_institution_id']).where('username', 'in', [...names, ...recipeUsers]).execute();
  const roles = await handle.db.selectFrom('user_role').select('role_id').where('user_id', 'in', users.map((u) => u.id)).execute();
  const institutions = users.flatMap((u) => [u.home_institution_id, u.managing_institution_id]);
  const root = await handle.db.selectFrom('institution').select('id').where('parent_id', 'is', null).executeTakeFirstOrThrow();
  // Path values of rows that exist (and that sn_mgr may see, where the customer is his), nested
  // ones of the same customer, so that valid requests reach past "not found".
  const mine = `(select customer_id from customer_manager where user_id = ${users.find((u) => u.username === 'sn_mgr')!.id} union (select id from customer where institution_id in (select id from institution where code in ('0101', '0111')) order by kind = 'corporate' desc, id limit 12))`;
  const sources: [RegExp, string][] = [
    [/^\/api\/customers\/\{id\}\/certificates\/\{certId\}/, `select customer_id as id, id as "certId" from certificate where customer_id in ${mine} limit 10`],
    [/^\/api\/customers\/\{id\}\/addresses\/\{addressId\}/, `select customer_id as id, id as "addressId" from customer_address where customer_id in ${mine} limit 10`],
    [/^\/api\/customers\/\{id\}\/financials\/\{itemId\}/, 'select customer_id as id, id as "itemId" from financial_statement limit 10'],
    [/^\/api\/customers\/\{id\}\/investments\/\{itemId\}/, 'select customer_id as id, id as "itemId" from customer_investment limit 10'],
    [/^\/api\/customers\/\{id\}\/correspondent-banks\/\{itemId\}/, 'select customer_id as id, id as "itemId" from correspondent_bank_account limit 10'],
    [/^\/api\/customers\/\{id\}\/signings\/\{signingId\}/, 'select customer_id as id, id as "signingId" from signing limit 10'],
    [/^\/api\/customers\/imports\/\{id\}/, 'select id from customer_import_run limit 10'],
    [/^\/api\/customers\/saved-filters\/\{id\}/, 'select id from saved_customer_filter limit 10'],
    [/^\/api\/customers\/\{id\}/, `select id from customer where id in ${mine} order by kind = 'corporate' desc, id limit 20`],
    [/^\/api\/products\/\{id\}/, 'select id from product limit 10'],
    [/^\/api\/accounts\/\{id\}/, `select id from account where customer_id in ${mine} limit 10`],
    [/^\/api\/approvals\/delegations\/\{id\}/, 'select id from approval_delegation limit 10'],
    [/^\/api\/approvals\/\{id\}/, 'select id from approval_request limit 10'],
    [/^\/api\/feeds\/\{id\}/, 'select id from feed_run limit 10'],
    [/^\/api\/institutions\/\{id\}/, 'select id from institution limit 20'],
    [/^\/api\/users\/\{id\}/, 'select id from app_user limit 30'],
    [/^\/api\/roles\/\{id\}/, 'select id from role limit 30'],
    [/^\/api\/images\/\{id\}/, 'select id from customer_image limit 10'],
    [/^\/api\/documents\/flows\/\{id\}/, 'select id from document_flow limit 10'],
    [/^\/api\/archive\/cabinets\/\{id\}/, 'select id from archive_cabinet limit 10'],
    [/^\/api\/archive\/positions\/\{id\}/, 'select id from archive_position limit 10'],
    [/^\/api\/archive\/loans\/\{id\}/, 'select id from archive_loan limit 10'],
    [/^\/api\/todos\/\{id\}/, 'select id from todo limit 10'],
    [/^\/api\/notifications\/\{id\}/, 'select id from notification limit 10'],
    [/^\/api\/workbench\/account-alerts\/\{id\}/, 'select id from account_alert limit 10'],
    [/^\/api\/warnings\/\{id\}/, 'select id from warning_alert limit 10'],
    [/^\/api\/customer-duplicates\/\{id\}/, 'select id from customer_duplicate limit 10'],
    [/^\/api\/blacklist\/\{id\}/, 'select id from blacklist_entry limit 10'],
    [/^\/api\/api-tokens\/\{id\}/, 'select id from api_token limit 10'],
    [/^\/api\/code-tables\/\{code\}\/items\/\{item\}/, 'select table_code as code, code as item from code_item limit 20'],
    [/^\/api\/code-tables\/\{code\}/, 'select code from code_table limit 20'],
    [/^\/api\/jobs\/\{name\}/, "select distinct name from job_run limit 10"],
  ];
  // The recipes' users (valid-requests.ts), signed in once and again when a session has ended.
  const sessions = new Map<string, Record<string, string>>();
  const headersOf = async (username: string) => {
    if (!sessions.has(username)) sessions.set(username, await caller(username).signIn());
    return sessions.get(username)!;
  };
  const sendAs: NonNullable<FuzzOptions['recipes']>['sendAs'] = async (username, method, made) => {
    const req = injectable(method, made);
    const go = async () => app.inject({ method: method as 'GET', url: req.url, headers: { ...(await headersOf(username)), ...req.headers }, payload: req.payload });
    let res = await go();
    if (res.statusCode === 401) { sessions.delete(username); res = await go(); }
    return res;
  };
  const send: RecipeContext['send'] = async (username, method, url, body, upload) => {
    const res = await sendAs(username, method, { url, body, upload });
    return { status: res.statusCode, json: () => res.json() };
  };
  // sn_mgr takes over the customers of his sub-branch (corporate ones among them) as their primary
  // manager, through the assignment screen's API, so that the recipes and his own requests find
  // customers of both kinds in his charge.
  const portfolio = (await sql.raw<{ id: number }>("select c.id from customer c join institution i on i.id = c.institution_id where i.code in ('0101', '0111') and c.status = 'active' order by c.id").execute(handle.db)).rows.map((r) => r.id);
  if (portfolio.length) {
    const res = await send('qd_admin', 'POST', '/api/customer-assignments', { selection: { customerIds: portfolio }, managerId: users.find((u) => u.username === 'sn_mgr')!.id, role: 'primary', expectedCount: portfolio.length, reason: 'contract fuzzer' });
    if (res.status >= 300) throw new Error(`assigning sn_mgr his customers: ${res.status} ${JSON.stringify(res.json())}`);
  }
  const pathValues = [];
  for (const [pattern, query] of sources) {
    try { pathValues.push({ pattern, rows: (await sql.raw<Record<string, unknown>>(query).execute(handle.db)).rows }); } catch { /* a table this version lacks */ }
  }
  return {
    app, doc, callers: names.map(caller), pathValues,
    ids: [1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 20, 30, 50, 100],
    recipes: { byOperation: RECIPES, context: { db: handle.db, send }, sendAs },
    protectedIds: { '/api/users/{id}': users.map((u) => u.id), '/api/roles/{id}': roles.map((r) => r.role_id), '/api/institutions/{id}': [...institutions, root.id] },
    close: async () => { await app.close(); await handle.close(); await drop(); await rm(imageDir, { recursive: true, force: true });
      if (inboxBefore === undefined) delete process.env.CRM_FEED_INBOX; else process.env.CRM_FEED_INBOX = inboxBefore;
      await rm(inbox, { recursive: true, force: true });
    },
  };
}
