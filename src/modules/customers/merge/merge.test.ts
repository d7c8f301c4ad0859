// CIF-1 merging through the HTTP API: everything attached moves to the survivor in one
// transaction (checked by injecting a failure), the table rules hold afterwards, scope and
// permission, the three-document limit, and a guard that new customer references are handled.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessToday } from '../../../common/business-date.ts';
import { residentIdCheckDigit } from '../../../common/validators/resident-id.ts';
import { creditCodeCheckCharacter } from '../../../common/validators/credit-code.ts';
import { organizationCodeCheckCharacter } from '../../../common/validators/organization-code.ts';
import { auditSince, createTestContext, setInformationReview, lastAuditId, type Client, type TestContext } from '../../../test/harness.ts';
import { historyCustomerIds } from './merge.service.ts';

let ctx: TestContext;
let clerkA1: Client;
let clerkB1: Client;
let mgr1: Client;
let mgr2: Client;
let reviewA: Client;
let reviewB: Client;
let mgr1Id: number;
let mgr2Id: number;

const residentId = (birth: string, seq: string) => { const body = `370202${birth}${seq}`; return body + residentIdCheckDigit(body); };
const creditCode = (org8: string) => { const body = `91370200${org8}${organizationCodeCheckCharacter(org8)}`; return body + creditCodeCheckCharacter(body); };
const today = businessToday();

async function open(client: Client, body: Record<string, unknown>) {
  const res = await client.post('/api/customers', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: number; customerNo: string };
}
const person = (name: string, ids: string[], extra: Record<string, unknown> = {}) => ({ kind: 'personal', name, identities: ids.map((idNumber) => ({ idType: '10', idNumber })), ...extra });
const merge = (client: Client, survivorId: number, mergedId: number, reason = '同一客户重复开户') => client.post('/api/customers/merge', { survivorId, mergedId, reason });

/** Everything a merge of these customers may touch, for before/after comparison. */
async function snapshot(ids: number[]) {
  const db = ctx.handle.db;
  const of = async (table: string) => (await sql<{ row: string }>`select to_jsonb(t)::text as row from ${sql.table(table)} t
    where t.customer_id = any(${ids}::bigint[]) order by 1`.execute(db)).rows.map((r) => r.row);
  return {
    customers: await db.selectFrom('customer').select(['id', 'status', 'merged_into', 'blacklisted', 'version']).where('id', 'in', ids).orderBy('id').execute(),
    personal: await db.selectFrom('personal_customer').select(['customer_id', 'investor_type']).where('customer_id', 'in', ids).orderBy('customer_id').execute(),
    identities: await of('customer_identity'), addresses: await of('customer_address'), certificates: await of('certificate'),
    blacklist: await of('blacklist_entry'), risk: await of('risk_assessment'), managers: await of('customer_manager'),
    legalReps: await db.selectFrom('corporate_customer').select(['customer_id', 'legal_rep_customer_id']).orderBy('customer_id').execute(),
    duplicates: await db.selectFrom('customer_duplicate').selectAll().orderBy('id').execute(),
    todos: await db.selectFrom('todo').select(['id', 'entity_id']).orderBy('id').execute(),
    history: (await db.selectFrom('customer_history').select('id').execute()).length,
    audit: await lastAuditId(ctx),
  };
}

beforeAll(async () => {
  ctx = await createTestContext();
  // The merge itself is tested here; merges under review are tested in merge-review.test.ts.
  await setInformationReview(ctx, { merge: 'off' });
  await ctx.addUser('mg_clerk_a1', ctx.bank.subA1, ['data_entry_clerk']);
  await ctx.addUser('mg_clerk_b1', ctx.bank.subB1, ['data_entry_clerk']);
  mgr1Id = await ctx.addUser('mg_mgr1', ctx.bank.subA1, ['primary_manager']);
  mgr2Id = await ctx.addUser('mg_mgr2', ctx.bank.subA1, ['primary_manager']);
  await ctx.addUser('mg_review_a', ctx.bank.branchA, ['data_review_clerk']);
  await ctx.addUser('mg_review_b', ctx.bank.branchB, ['data_review_clerk']);
  [clerkA1, clerkB1, mgr1, mgr2, reviewA, reviewB] = await Promise.all(['mg_clerk_a1', 'mg_clerk_b1', 'mg_mgr1', 'mg_mgr2', 'mg_review_a', 'mg_review_b'].map((u) => ctx.login(u)));
});
afterAll(() => ctx?.close());

describe('merging two records of one person', () => {
  let s: { id: number; customerNo: string };
  let m: { id: number; customerNo: string };
  let x: { id: number; customerNo: string };
  let corp: { id: number; customerNo: string };
  let outsider: { id: number; customerNo: string };
  const mId = residentId('19850101', '322');

  beforeAll(async () => {
    s = await open(mgr1, person('杨合并', [residentId('19850101', '311')], { mobile: '13700000001' }));
    m = await open(mgr2, person('杨合并', [mId], { mobile: '13700000002' }));
    x = await open(clerkA1, person('柏第三', [residentId('19900101', '333')], { mobile: '13700000002' }));
    corp = await open(mgr2, { kind: 'corporate', name: '青岛杨氏贸易有限公司', legalRepCustomerId: m.id });
    // Same name and birth date in another branch: flagged against both records, bank-wide.
    outsider = await open(clerkB1, person('杨合并', [residentId('19850101', '344')]));
    const db = ctx.handle.db;
    await db.insertInto('customer_manager').values({ customer_id: m.id, user_id: mgr1Id, role: 'assistant', since: today }).execute();
    await mgr1.post(`/api/customers/${s.id}/addresses`, { addressType: '1', address: '山东省青岛市市南区甲路1号' });
    await mgr2.post(`/api/customers/${m.id}/addresses`, { addressType: '1', address: '山东省青岛市市北区乙路2号' });
    await mgr2.post(`/api/customers/${m.id}/addresses`, { addressType: '2', address: '山东省青岛市李沧区丙路3号' });
    await mgr2.post(`/api/customers/${m.id}/risk-assessments`, { assessedOn: today, validUntil: `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`, result: '40', channel: 'counter' });
    expect((await reviewA.post('/api/blacklist', { customerId: m.id, listKind: 'internal', reason: '欺诈', source: '本行', listedOn: today })).statusCode).toBe(201);
    await db.insertInto('todo').values({ kind: 'visit', title: '回访客户', entity_type: 'customer', entity_id: String(m.id), assignee_user_id: mgr2Id, dedupe_key: `merge-test:${m.id}` }).execute();
  });

  it('lists the likely duplicates only to someone with both records in scope, masked', async () => {
    const res = (await reviewA.get('/api/customer-duplicates')).json();
    const pair = res.items.find((i: { customer: { id: number }; reasons: string[] }) => i.customer.id === m.id && i.reasons.includes('name_birth'));
    expect(pair.other).toMatchObject({ id: s.id, customerNo: s.customerNo, name: '杨合并', birthDate: '1985-01-01', mobile: '137****0001' });
    expect(pair.customer.identities).toEqual([{ idType: '10', idNumber: `370202********${mId.slice(-4)}` }]);
    expect(res.items.some((i: { customer: { id: number }; other: { id: number } }) => i.customer.id === x.id && i.other.id === m.id)).toBe(true);
    expect(JSON.stringify(res)).not.toContain(mId);
    expect((await reviewB.get('/api/customer-duplicates')).json().total).toBe(0);
    // mgr2 manages the merged record but not the survivor.
    expect((await mgr2.get('/api/customer-duplicates')).json().items.some((i: { id: number }) => i.id === pair.id)).toBe(false);
    expect((await mgr1.get('/api/customer-duplicates')).json().items.some((i: { id: number }) => i.id === pair.id)).toBe(true);
  });

  it('refuses without customer.merge, outside scope, the same record, or different kinds', async () => {
    const before = await snapshot([s.id, m.id]);
    expect((await merge(clerkA1, s.id, m.id)).statusCode).toBe(403);
    expect((await merge(mgr1, s.id, m.id)).statusCode).toBe(403);
    const outside = await merge(reviewB, s.id, m.id);
    expect(outside.statusCode).toBe(404);
    expect(outside.json().errors.map((e: { path: string }) => e.path)).toEqual(['survivorId', 'mergedId']);
    const half = await merge(reviewA, s.id, outsider.id);
    expect(half.statusCode).toBe(404);
    expect(half.json().errors).toEqual([expect.objectContaining({ path: 'mergedId', code: 'merge.not_found' })]);
    const same = await merge(reviewA, s.id, s.id);
    expect(same.json()).toMatchObject({ status: 422, errors: [expect.objectContaining({ path: 'mergedId', code: 'merge.same_customer' })] });
    const kinds = await merge(reviewA, s.id, corp.id);
    expect(kinds.json().errors[0].code).toBe('merge.kind_mismatch');
    for (const bad of [{ survivorId: 'x', mergedId: m.id, reason: 'r' }, { survivorId: s.id, mergedId: m.id }, { survivorId: s.id, mergedId: m.id, reason: 'r'.repeat(201) }, { survivorId: s.id, mergedId: -m.id, reason: 'r' }]) {
      expect((await reviewA.post('/api/customers/merge', bad)).statusCode, JSON.stringify(bad)).toBe(400);
    }
    expect(await snapshot([s.id, m.id])).toEqual(before);
  });

  it('is all or nothing: a failure at the last step leaves every record where it was', async () => {
    const before = await snapshot([s.id, m.id, x.id, corp.id]);
    await ctx.handle.exclusive((session) => session.run(`
      create function merge_test_fail() returns trigger language plpgsql as $$
      begin if new.status = 'merged' then raise exception 'injected merge failure'; end if; return new; end $$;
      create trigger merge_test_fail before update on customer for each row execute function merge_test_fail();`));
    try {
      const res = await merge(reviewA, s.id, m.id);
      expect(res.statusCode).toBe(500);
    } finally {
      await ctx.handle.exclusive((session) => session.run('drop trigger merge_test_fail on customer; drop function merge_test_fail();'));
    }
    expect(await snapshot([s.id, m.id, x.id, corp.id])).toEqual(before);
  });

  it('moves everything to the survivor and keeps each table\'s rules', async () => {
    const since = await lastAuditId(ctx);
    const res = await merge(reviewA, s.id, m.id);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ survivorNo: s.customerNo, mergedNo: m.customerNo, blacklisted: true,
      moved: { identities: 1, addresses: 2, certificates: 0, blacklistEntries: 1, riskAssessments: 1, managers: 2, legalRepOf: 1, todos: 1 } });
    const db = ctx.handle.db;
    const rows = await db.selectFrom('customer').select(['id', 'status', 'merged_into', 'blacklisted', 'status_reason']).where('id', 'in', [s.id, m.id]).orderBy('id').execute();
    expect(rows).toEqual([
      { id: s.id, status: 'active', merged_into: null, blacklisted: true, status_reason: null },
      { id: m.id, status: 'merged', merged_into: s.id, blacklisted: false, status_reason: '同一客户重复开户' }]);
    expect((await db.selectFrom('customer_identity').select(['customer_id', 'seq', 'id_number']).where('customer_id', 'in', [s.id, m.id]).orderBy('seq').execute()).map((r) => [r.customer_id, r.seq]))
      .toEqual([[s.id, 1], [s.id, 2]]);
    const addresses = await db.selectFrom('customer_address').select(['customer_id', 'address_type', 'is_primary', 'address']).where('customer_id', 'in', [s.id, m.id]).orderBy('id').execute();
    expect(addresses.map((a) => [a.customer_id, a.address_type, a.is_primary])).toEqual([[s.id, '1', true], [s.id, '1', false], [s.id, '2', true]]);
    const managers = await db.selectFrom('customer_manager').select(['customer_id', 'user_id', 'role']).where('customer_id', 'in', [s.id, m.id]).where('ends_on', 'is', null).orderBy('user_id').execute();
    expect(managers).toEqual([{ customer_id: s.id, user_id: mgr1Id, role: 'primary' }, { customer_id: s.id, user_id: mgr2Id, role: 'assisting' }]);
    // The merged record's relations are history now: ended, not deleted (REL-20).
    const ended = await db.selectFrom('customer_manager').select(['end_reason']).where('customer_id', '=', m.id).execute();
    expect(ended.length).toBeGreaterThan(0);
    expect(ended.every((r) => r.end_reason === 'merged')).toBe(true);
    expect((await db.selectFrom('corporate_customer').select('legal_rep_customer_id').where('customer_id', '=', corp.id).executeTakeFirstOrThrow()).legal_rep_customer_id).toBe(s.id);
    expect((await db.selectFrom('personal_customer').select('investor_type').where('customer_id', '=', s.id).executeTakeFirstOrThrow()).investor_type).toBe('40');
    const flags = await db.selectFrom('customer_duplicate').select(['customer_id', 'other_id', 'status', 'reason']).where((eb) => eb.or([eb('customer_id', 'in', [m.id, x.id]), eb('other_id', 'in', [m.id, x.id])])).orderBy('id').execute();
    // The outsider's flag against the merged record closes: the survivor already carries the same flag.
    expect(flags).toEqual([{ customer_id: m.id, other_id: s.id, status: 'merged', reason: 'name_birth' }, { customer_id: x.id, other_id: s.id, status: 'open', reason: 'mobile' },
      { customer_id: outsider.id, other_id: m.id, status: 'merged', reason: 'name_birth' }]);
    expect(await db.selectFrom('customer_duplicate').select('status').where('customer_id', '=', outsider.id).where('other_id', '=', s.id).executeTakeFirstOrThrow()).toEqual({ status: 'open' });
    expect((await db.selectFrom('todo').select('entity_id').where('dedupe_key', '=', `merge-test:${m.id}`).executeTakeFirstOrThrow()).entity_id).toBe(String(s.id));
    const audit = await auditSince(ctx, since);
    expect(audit.map((a) => [a.action, a.entity_id])).toEqual([['customer.merge', String(s.id)], ['customer.merged_into', String(m.id)]]);
    expect(JSON.stringify(audit)).not.toContain(mId);
  });

  it('keeps both histories: the survivor reads its own and the merged record\'s, each has a merge row', async () => {
    const db = ctx.handle.db;
    const union = await db.selectFrom('customer_history').select(['customer_id', 'field', 'old_value', 'new_value'])
      .where('customer_id', 'in', historyCustomerIds(s.id)).orderBy('id').execute();
    expect(union.filter((h) => h.field === '_created').map((h) => h.new_value)).toEqual([s.customerNo, m.customerNo]);
    expect(union.filter((h) => h.field === 'merge').map((h) => [h.customer_id, h.old_value, h.new_value])).toEqual([[s.id, m.customerNo, s.customerNo], [m.id, m.customerNo, s.customerNo]]);
    expect(union).toContainEqual({ customer_id: m.id, field: 'status', old_value: 'active', new_value: 'merged' });
    const own = (await reviewA.get(`/api/customers/${m.id}/history`)).json() as { field: string }[];
    expect(own.map((h) => h.field)).toEqual(expect.arrayContaining(['_created', 'merge', 'status', 'blacklisted']));
    const corpHistory = (await reviewA.get(`/api/customers/${corp.id}/history`)).json() as { field: string; oldValue: string; newValue: string }[];
    expect(corpHistory.find((h) => h.field === 'legalRepCustomerId')).toMatchObject({ oldValue: String(m.id), newValue: String(s.id) });
  });

  it('retires the merged number: its page says where the customer went, its documents find the survivor', async () => {
    const view = (await reviewA.get(`/api/customers/${m.id}`)).json();
    expect(view).toMatchObject({ status: 'merged', mergedInto: s.id, customerNo: m.customerNo });
    const found = (await reviewA.get(`/api/customers?q=${mId}`)).json();
    expect(found.items.map((i: { id: number }) => i.id)).toEqual([s.id]);
    expect((await mgr2.get(`/api/customers/${s.id}`)).statusCode).toBe(200);
    const again = await merge(reviewA, s.id, m.id);
    expect(again.statusCode).toBe(422);
    expect(again.json().errors[0]).toMatchObject({ path: 'mergedId', code: 'merge.not_active', message: expect.stringContaining(m.customerNo) });
    expect((await mgr2.post(`/api/customers/${m.id}/addresses`, { addressType: '9', address: '合并后' })).statusCode).toBe(404);
  });
});

describe('limits and refusals', () => {
  it('refuses a survivor that would hold more than three documents, listing them masked, and moves nothing', async () => {
    const a = await open(clerkA1, person('许证件', [residentId('19660101', '411'), residentId('19660101', '413')]));
    const b = await open(clerkA1, person('许证件', [residentId('19660101', '415'), residentId('19660101', '417')]));
    const before = await snapshot([a.id, b.id]);
    const res = await merge(reviewA, a.id, b.id);
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'merge.too_many_identities', title: expect.stringContaining('4 个') });
    expect(res.json().errors).toHaveLength(4);
    expect(res.json().errors[2]).toMatchObject({ path: 'mergedId', message: `客户 ${b.customerNo}：居民身份证 370202********${residentId('19660101', '415').slice(-4)}` });
    expect(res.body).not.toContain(residentId('19660101', '415'));
    expect(await snapshot([a.id, b.id])).toEqual(before);
  });

  it('refuses two companies with different credit codes; merging a company keeps the later licence current', async () => {
    const a = await open(clerkA1, { kind: 'corporate', name: '甲公司', creditCode: creditCode('12345678') });
    const b = await open(clerkA1, { kind: 'corporate', name: '甲公司', creditCode: creditCode('87654321') });
    const res = await merge(reviewA, a.id, b.id);
    expect(res.json().errors[0]).toMatchObject({ path: 'mergedId', code: 'merge.different_credit_codes' });
    const c = await open(clerkA1, { kind: 'corporate', name: '甲公司（重复）' });
    const db = ctx.handle.db;
    const cert = (customerId: number, issuedOn: string, type = '01') => db.insertInto('certificate').values({ customer_id: customerId, cert_type: type, number: `N-${customerId}-${type}`, issued_on: issuedOn })
      .returning('id').executeTakeFirstOrThrow().then((r) => r.id);
    const older = await cert(a.id, '2020-01-01');
    const newer = await cert(c.id, '2023-01-01');
    const permit = await cert(c.id, '2023-02-01', '07');
    await db.insertInto('todo').values({ kind: 'certificate.expiry', title: '证照到期', entity_type: 'certificate', entity_id: String(older), assignee_institution_id: ctx.bank.subA1, dedupe_key: `merge-test-cert:${older}` }).execute();
    const ok = await merge(reviewA, a.id, c.id, '重复开户');
    expect(ok.json().moved).toMatchObject({ certificates: 2, certificatesSuperseded: 1 });
    const certs = await db.selectFrom('certificate').select(['id', 'customer_id', 'status', 'superseded_by', 'status_reason']).where('id', 'in', [older, newer, permit]).orderBy('id').execute();
    expect(certs).toEqual([
      { id: older, customer_id: a.id, status: 'superseded', superseded_by: newer, status_reason: '重复开户' },
      { id: newer, customer_id: a.id, status: 'current', superseded_by: null, status_reason: null },
      { id: permit, customer_id: a.id, status: 'current', superseded_by: null, status_reason: null }]);
    expect((await db.selectFrom('todo').select('status').where('dedupe_key', '=', `merge-test-cert:${older}`).executeTakeFirstOrThrow()).status).toBe('cancelled');
  });
});

describe('dismissing a likely duplicate', () => {
  it('closes the flag with a reason, once, for someone with both records in scope', async () => {
    await open(clerkA1, person('何甲', [residentId('19950101', '511')], { mobile: '13900005555' }));
    const b = await open(clerkA1, person('何乙', [residentId('19950101', '522')], { mobile: '13900005555' }));
    const flag = (await reviewA.get('/api/customer-duplicates?reason=mobile')).json().items.find((i: { customer: { id: number } }) => i.customer.id === b.id);
    expect((await clerkA1.post(`/api/customer-duplicates/${flag.id}/dismiss`, { reason: '共用家庭手机' })).statusCode).toBe(403);
    expect((await reviewB.post(`/api/customer-duplicates/${flag.id}/dismiss`, { reason: '越权' })).statusCode).toBe(404);
    expect((await reviewA.post(`/api/customer-duplicates/${flag.id}/dismiss`, {})).statusCode).toBe(400);
    const since = await lastAuditId(ctx);
    const reason = `共用家庭手机 <script>alert(1)</script>'; update customer_duplicate set status='open'; --`;
    expect((await reviewA.post(`/api/customer-duplicates/${flag.id}/dismiss`, { reason })).json()).toEqual({ id: flag.id, status: 'dismissed' });
    const row = await ctx.handle.db.selectFrom('customer_duplicate').selectAll().where('id', '=', flag.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'dismissed', resolution_reason: reason });
    expect((await auditSince(ctx, since)).map((a) => a.action)).toEqual(['customer.duplicate.dismiss']);
    const again = await reviewA.post(`/api/customer-duplicates/${flag.id}/dismiss`, { reason: '再次' });
    expect(again.statusCode).toBe(409);
    expect((await reviewA.get('/api/customer-duplicates')).json().items.some((i: { id: number }) => i.id === flag.id)).toBe(false);
  });

  it('lists a pair flagged for two reasons once, and dismissing it closes both flags', async () => {
    const a = await open(clerkA1, person('郝双', [residentId('19960202', '533')], { mobile: '13900006666' }));
    const b = await open(clerkA1, person('郝双', [residentId('19960202', '544')], { mobile: '13900006666' }));
    const db = ctx.handle.db;
    const flags = await db.selectFrom('customer_duplicate').select(['id', 'reason']).where('status', '=', 'open')
      .where((eb) => eb.or([eb.and([eb('customer_id', '=', b.id), eb('other_id', '=', a.id)]), eb.and([eb('customer_id', '=', a.id), eb('other_id', '=', b.id)])])).orderBy('id').execute();
    expect(flags.map((f) => f.reason).sort()).toEqual(['mobile', 'name_birth']);
    const all = (await reviewA.get('/api/customer-duplicates?pageSize=200')).json();
    const rows = all.items.filter((i: { customer: { id: number }; other: { id: number } }) => [i.customer.id, i.other.id].sort().join() === [a.id, b.id].sort().join());
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: flags[0]!.id, reasons: ['mobile', 'name_birth'], customer: { id: b.id }, other: { id: a.id } });
    expect(all.total).toBe(all.items.length);
    for (const reason of ['mobile', 'name_birth']) {
      const byReason = (await reviewA.get(`/api/customer-duplicates?reason=${reason}&pageSize=200`)).json();
      expect(byReason.items.filter((i: { id: number }) => i.id === flags[0]!.id)).toHaveLength(1);
    }
    expect((await reviewA.post(`/api/customer-duplicates/${flags[0]!.id}/dismiss`, { reason: '双胞胎，同住' })).statusCode).toBe(200);
    const after = await db.selectFrom('customer_duplicate').select('status').where('id', 'in', flags.map((f) => f.id)).execute();
    expect(after.map((r) => r.status)).toEqual(['dismissed', 'dismissed']);
    expect((await reviewA.get('/api/customer-duplicates?pageSize=200')).json().items.some((i: { id: number }) => i.id === flags[0]!.id)).toBe(false);
  });
});

describe('every reference to a customer is handled by the merge', () => {
  it('knows each foreign key to customer(id); a new one must be taught to merge.repoint.ts', async () => {
    const { rows } = await sql<{ ref: string }>`
      select c.conrelid::regclass::text || '.' || a.attname as ref from pg_constraint c
      join pg_attribute a on a.attrelid = c.conrelid and a.attnum = any(c.conkey)
      where c.contype = 'f' and c.confrelid = 'customer'::regclass order by 1`.execute(ctx.handle.db);
    const handled = [
      'blacklist_entry.customer_id', 'certificate.customer_id', 'corporate_customer.customer_id', // detail row stays with its record
      'corporate_customer.legal_rep_customer_id', 'customer.merged_into', 'customer_address.customer_id', 'customer_duplicate.customer_id',
      'customer_duplicate.other_id', 'customer_history.customer_id', // history stays; read as a union
      'customer_identity.customer_id', 'customer_manager.customer_id', 'personal_customer.customer_id', 'risk_assessment.customer_id',
      'financial_statement.customer_id', 'customer_non_financial.customer_id', 'customer_investment.customer_id', 'correspondent_bank_account.customer_id', // moveCreditInfo
      'account.customer_id', 'account_alert.customer_id', 'customer_image.customer_id', 'document_flow.customer_id', 'archive_position.customer_id', // moveOwned
      'channel_limit.customer_id', // moveChannelLimits
      'signing.customer_id', // moveSignings
      'customer_position.customer_id', // figures as of the feed day stay; the next day counts the moved accounts to the survivor
      'customer_relationship_level.customer_id', 'customer_relationship_level_history.customer_id', // the merged record's level stays (inactive, out of every list); the survivor's is recomputed the next day
      'performance_allocation.customer_id', // the merged record's shares stay with it (inactive: they count no more); the survivor's own shares, or his primary's 100 %, go on
      'customer_link.customer_id', 'customer_link.party_customer_id', 'related_party.customer_id', // moveLinks
      'warning_alert.customer_id', // withdrawMergedWarnings: the merged record's open crisis warning is withdrawn
    ];
    expect(rows.map((r) => r.ref)).toEqual(handled.sort());
  });
});
