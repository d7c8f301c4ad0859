// Links, the network and the guarantee scan through the API on a real database (issue 15): links by
// customer number and by document (validated), related parties reused, the role rules, a link to
// oneself refused, an ended link out of the current network, masked nodes for customers outside the
// reader's charge, summarised large neighbourhoods, circles found from keyed guarantees and seen by
// scope, merge moving links, and hostile input.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, expectProblem, auditSince, lastAuditId, type Client, type TestContext } from '../../test/harness.ts';
import { businessToday } from '../../common/business-date.ts';
import { creditCode, readWorkbook, residentId } from '../customers/import/import.test-helpers.ts';
import { LIST_MEMBERS, runGuaranteeScan } from './guarantee-scan.service.ts';
import { bulkInsertCustomers } from '../customers/import/bulk-insert.ts';
import { NODE_LIMIT } from './network.service.ts';
import { mergeCustomers } from '../customers/merge/merge.service.ts';

let ctx: TestContext;
let clerkA: Client;   // entry clerk of sub-branch A1
let clerkB: Client;   // entry clerk of sub-branch B1
let headHo: Client;   // head of head office: the whole bank
let seq = 0;

async function open(by: Client, kind: 'personal' | 'corporate', name?: string, opts: { noCreditCode?: boolean } = {}) {
  seq++;
  const body = kind === 'corporate'
    ? { kind, name: name ?? `关联测试企业${seq}有限公司`, ...(opts.noCreditCode ? {} : { creditCode: creditCode(70000 + seq) }), registrationType: '01', enterpriseNature: '01' }
    : { kind, name: name ?? `关联测试${seq}`, identities: [{ idType: '10', idNumber: residentId('19850101', String(100 + seq)) }] };
  const res = await by.post('/api/customers', body);
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id as number;
  const no = (await ctx.handle.db.selectFrom('customer').select('customer_no').where('id', '=', id).executeTakeFirstOrThrow()).customer_no;
  return { id, no };
}
async function link(by: Client, customerId: number, body: Record<string, unknown>, status = 201) {
  const res = await by.post(`/api/customers/${customerId}/links`, body);
  expect(res.statusCode, res.body).toBe(status);
  return res.json();
}
const byNo = (customerNo: string) => ({ by: 'customerNo', customerNo });
function expectFieldError(res: Awaited<ReturnType<Client['post']>>, code: string) {
  expectProblem(res, 422, 'common.validation');
  expect(res.json().errors.map((e: { code: string }) => e.code)).toContain(code);
}

beforeAll(async () => {
  ctx = await createTestContext();
  await ctx.addUser('nw_clerk_a', ctx.bank.subA1, ['data_entry_clerk']);
  await ctx.addUser('nw_clerk_b', ctx.bank.subB1, ['data_entry_clerk']);
  await ctx.addUser('nw_head', ctx.bank.ho, ['institution_head']);
  [clerkA, clerkB, headHo] = await Promise.all(['nw_clerk_a', 'nw_clerk_b', 'nw_head'].map((u) => ctx.login(u)));
});
afterAll(async () => ctx?.close());

describe('links', () => {
  it('links a customer of another branch by number; his name is masked for those without charge of him', async () => {
    const company = await open(clerkA, 'corporate');
    const guarantor = await open(clerkB, 'corporate', '青岛远方担保有限公司');
    const auditFrom = await lastAuditId(ctx);
    const made = await link(clerkA, company.id, { party: byNo(guarantor.no), role: '01', amount: '5000000.00', contractNo: 'DB2026-001' });
    expect(made).toMatchObject({ seq: 1 });
    const list = (await clerkA.get(`/api/customers/${company.id}/links`)).json();
    expect(list.partyCount).toBe(1);
    expect(list.items[0]).toMatchObject({ seq: 1, role: '01', roleZh: '担保人', amount: '5000000.00', contractNo: 'DB2026-001', current: true,
      party: { isCustomer: true, masked: true, customerId: null, customerNo: null, name: '青岛****公司' } });
    // The head office sees him in full.
    expect((await headHo.get(`/api/customers/${company.id}/links`)).json().items[0].party).toMatchObject({ masked: false, customerId: guarantor.id, name: '青岛远方担保有限公司' });
    expect((await auditSince(ctx, auditFrom)).map((a) => a.action)).toContain('customer.link.create');
  });

  it('links a stranger by document as a related party, reused by the next link; the document is validated and must match the name', async () => {
    const a = await open(clerkA, 'personal');
    const b = await open(clerkA, 'personal');
    const doc = { by: 'document', partyCategory: '2', name: '𠀀外部担保人', idType: '10', idNumber: residentId('19700101', '555') };
    await link(clerkA, a.id, { party: doc, role: '01' });
    await link(clerkA, b.id, { party: doc, role: '01' });
    const parties = await ctx.handle.db.selectFrom('related_party').selectAll().where('name', '=', '𠀀外部担保人').execute();
    expect(parties).toHaveLength(1);
    expectFieldError(await clerkA.post(`/api/customers/${a.id}/links`, { party: { ...doc, name: '别的名字' }, role: '01', contractNo: 'X' }), 'network.party_name_mismatch');
    const bad = doc.idNumber.slice(0, 17) + (doc.idNumber.endsWith('0') ? '1' : '0');
    expectFieldError(await clerkA.post(`/api/customers/${a.id}/links`, { party: { ...doc, idNumber: bad }, role: '01' }), 'customers.resident_id.check_digit');
    expectFieldError(await clerkA.post(`/api/customers/${a.id}/links`, { party: { by: 'document', partyCategory: '1', name: '某公司', idType: '08', idNumber: '91370200MA3C0000X1' }, role: '01' }), 'customers.credit_code.check_character');
  });

  it('a stranger who opens with the bank becomes the party of his links as a customer, without re-keying', async () => {
    const borrower = await open(clerkA, 'corporate');
    const idNumber = residentId('19660606', '321');
    await link(clerkA, borrower.id, { party: { by: 'document', partyCategory: '2', name: '赵新客', idType: '10', idNumber }, role: '01' });
    const res = await clerkA.post('/api/customers', { kind: 'personal', name: '赵新客', identities: [{ idType: '10', idNumber }] });
    expect(res.statusCode, res.body).toBe(201);
    const item = (await clerkA.get(`/api/customers/${borrower.id}/links`)).json().items[0];
    expect(item.party).toMatchObject({ isCustomer: true, customerId: res.json().id, name: '赵新客' });
  });

  it('finds an existing customer from his document instead of creating a stranger; a link to oneself is refused either way', async () => {
    const person = await open(clerkA, 'personal', '王关联');
    const spouse = await open(clerkA, 'personal', '李配偶');
    const spouseId = (await ctx.handle.db.selectFrom('customer_identity').select('id_number').where('customer_id', '=', spouse.id).executeTakeFirstOrThrow()).id_number;
    await link(clerkA, person.id, { party: { by: 'document', partyCategory: '2', name: '李配偶', idType: '10', idNumber: spouseId }, role: '07' });
    expect((await clerkA.get(`/api/customers/${person.id}/links`)).json().items[0].party).toMatchObject({ isCustomer: true, customerId: spouse.id });
    expectFieldError(await clerkA.post(`/api/customers/${person.id}/links`, { party: byNo(person.no), role: '01' }), 'network.self_link');
    const ownId = (await ctx.handle.db.selectFrom('customer_identity').select('id_number').where('customer_id', '=', person.id).executeTakeFirstOrThrow()).id_number;
    expectFieldError(await clerkA.post(`/api/customers/${person.id}/links`, { party: { by: 'document', partyCategory: '2', name: '王关联', idType: '10', idNumber: ownId }, role: '01' }), 'network.self_link');
  });

  it('checks who may hold a role, shares and amounts, and refuses the same open link twice', async () => {
    const company = await open(clerkA, 'corporate');
    const person = await open(clerkA, 'personal');
    const other = await open(clerkA, 'corporate');
    expectFieldError(await clerkA.post(`/api/customers/${company.id}/links`, { party: byNo(person.no), role: '07' }), 'network.family_persons_only');
    expectFieldError(await clerkA.post(`/api/customers/${company.id}/links`, { party: byNo(other.no), role: '13' }), 'network.person_in_company_only');
    expectFieldError(await clerkA.post(`/api/customers/${company.id}/links`, { party: byNo(person.no), role: '12' }), 'network.share_required');
    expectFieldError(await clerkA.post(`/api/customers/${company.id}/links`, { party: byNo(person.no), role: '13', sharePct: '10' }), 'network.share_shareholders_only');
    expectFieldError(await clerkA.post(`/api/customers/${company.id}/links`, { party: byNo(person.no), role: '13', amount: '100' }), 'network.amount_credit_only');
    expectFieldError(await clerkA.post(`/api/customers/${company.id}/links`, { party: byNo(person.no), role: '12', sharePct: '100.01' }), 'network.percent_format');
    expectFieldError(await clerkA.post(`/api/customers/${company.id}/links`, { party: byNo(other.no), role: '99' }), 'codes.item.unknown');
    await link(clerkA, company.id, { party: byNo(person.no), role: '12', sharePct: '60' });
    expectProblem(await clerkA.post(`/api/customers/${company.id}/links`, { party: byNo(person.no), role: '12', sharePct: '30' }), 409, 'network.link_exists');
    await link(clerkA, company.id, { party: byNo(person.no), role: '15' });
    expect((await clerkA.get(`/api/customers/${company.id}/links`)).json()).toMatchObject({ partyCount: 1, items: [{ seq: 2 }, { seq: 1 }] });
  });

  it('refuses hostile input and other branches\' customers without writing anything', async () => {
    const company = await open(clerkA, 'corporate');
    const theirs = await open(clerkB, 'corporate');
    const before = await ctx.handle.db.selectFrom('customer_link').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expectProblem(await clerkB.post(`/api/customers/${company.id}/links`, { party: byNo(theirs.no), role: '01' }), 404, 'common.not_found');
    for (const body of [
      { party: byNo("1' or '1'='1"), role: '01' },
      { party: { by: 'document', partyCategory: '2', name: '<script>alert(1)</script>\u202E', idType: '10', idNumber: '1' }, role: '01' },
      { party: { by: 'document', partyCategory: '3', name: 'x', idType: '10', idNumber: '1' }, role: '01' },
      { party: byNo(theirs.no), role: '01', amount: '-5' },
      { party: byNo(theirs.no), role: '01', remark: 'x'.repeat(201) },
      { party: byNo(theirs.no), role: '01', startsOn: '2026-02-30' },
      { party: byNo(theirs.no), role: 1 },
    ]) {
      const res = await clerkA.post(`/api/customers/${company.id}/links`, body);
      expect([400, 422], JSON.stringify(body)).toContain(res.statusCode);
    }
    expectFieldError(await clerkA.post(`/api/customers/${company.id}/links`, { party: byNo(theirs.no), role: '01', startsOn: '2999-01-01' }), 'network.starts_in_future');
    const after = await ctx.handle.db.selectFrom('customer_link').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});

describe('the network', () => {
  it('two hops out, with the link ended today out of the current network but in the history', async () => {
    const center = await open(clerkA, 'corporate');
    const guarantor = await open(clerkA, 'corporate');
    const second = await open(clerkB, 'corporate', '济南第二层公司');
    const third = await open(clerkA, 'corporate');
    await link(clerkA, center.id, { party: byNo(guarantor.no), role: '01' });
    await link(clerkA, guarantor.id, { party: byNo(second.no), role: '01' });
    await link(clerkB, second.id, { party: byNo(third.no), role: '01' });
    const net = (await clerkA.get(`/api/customers/${center.id}/network?hops=2`)).json();
    expect(net.nodes.map((n: { key: string; hop: number }) => [n.key, n.hop])).toEqual([[`c${center.id}`, 0], [`c${guarantor.id}`, 1], [`c${second.id}`, 2]]);
    expect(net.nodes.find((n: { key: string }) => n.key === `c${second.id}`)).toMatchObject({ masked: true, customerId: null, name: '济南****公司' });
    expect(net.edges).toEqual(expect.arrayContaining([expect.objectContaining({ source: `c${guarantor.id}`, target: `c${center.id}`, role: '01', roleZh: '担保人' })]));
    expect((await clerkA.get(`/api/customers/${center.id}/network?hops=3`)).json().nodes).toHaveLength(4);
    // Each visible node carries its open alerts (a closed one does not count); a masked node tells nothing.
    const db = ctx.handle.db;
    await db.insertInto('product').values({ id: '1010000001', name_zh: '单位定期存款', name_en: 'Corporate time deposit', category: 'deposit', sub_type: 'time', currency: 'CNY' })
      .onConflict((oc) => oc.doNothing()).execute();
    const alertFor = async (customerId: number, accountNo: string, status: 'open' | 'done') => {
      const acc = await db.insertInto('account').values({ account_no: accountNo, customer_id: customerId, product_id: '1010000001', kind: 'deposit_time',
        currency: 'CNY', institution_id: ctx.bank.subA1, opened_on: '2026-01-05', balance: '1000' }).returning('id').executeTakeFirstOrThrow();
      await db.insertInto('account_alert').values({ kind: 'large_change', account_id: acc.id, customer_id: customerId, business_date: businessToday(),
        balance: '1000', previous_balance: '0', change_amount: '1000', assignee_institution_id: ctx.bank.subA1, status }).execute();
    };
    await alertFor(guarantor.id, '6222020099000001', 'open');
    await alertFor(guarantor.id, '6222020099000002', 'open');
    await alertFor(guarantor.id, '6222020099000003', 'done');
    await alertFor(second.id, '6222020099000004', 'open');
    const alerted = (await clerkA.get(`/api/customers/${center.id}/network?hops=2`)).json().nodes;
    expect(alerted.map((n: { key: string; openAlerts: number | null }) => [n.key, n.openAlerts])).toEqual([[`c${center.id}`, 0], [`c${guarantor.id}`, 2], [`c${second.id}`, null]]);

    const linkId = (await clerkA.get(`/api/customers/${center.id}/links`)).json().items[0].id;
    const ended = await clerkA.post(`/api/customers/${center.id}/links/${linkId}/end`, { reason: '担保合同到期' });
    expect(ended.statusCode, ended.body).toBe(200);
    expect((await clerkA.get(`/api/customers/${center.id}/network?hops=2`)).json().nodes).toHaveLength(1);
    expect((await clerkA.get(`/api/customers/${center.id}/links?ended=true`)).json().items[0]).toMatchObject({ endsOn: businessToday(), endReason: '担保合同到期', current: false });
    expectFieldError(await clerkA.post(`/api/customers/${center.id}/links/${linkId}/end`, { reason: '再次结束' }), 'network.link_ended');
    // Yesterday the link was in force.
    const yesterday = new Date(Date.parse(`${businessToday()}T00:00:00Z`) - 86400000).toISOString().slice(0, 10);
    await ctx.handle.db.updateTable('customer_link').set({ starts_on: '2026-01-01' }).where('id', '=', linkId).execute();
    expect((await clerkA.get(`/api/customers/${center.id}/network?hops=1&on=${yesterday}`)).json().nodes).toHaveLength(2);
  });

  it('summarises a neighbourhood beyond the node limit instead of drawing it', async () => {
    const employer = await open(clerkA, 'corporate');
    const people = [];
    for (let i = 0; i < NODE_LIMIT + 5; i++) people.push(await open(clerkA, 'personal'));
    for (const p of people) await link(clerkA, p.id, { party: byNo(employer.no), role: '14' });
    const net = (await clerkA.get(`/api/customers/${employer.id}/network?hops=1`)).json();
    expect(net.nodes).toHaveLength(NODE_LIMIT);
    expect(net.summarised).toEqual([expect.objectContaining({ hop: 1, role: '14', count: 6, roleZh: '工作单位' })]);
  }, 60_000);
});

describe('guarantee circles', () => {
  it('a mutual guarantee keyed on two customers is a circle after the scan; each branch sees it with the other\'s member masked', async () => {
    const a = await open(clerkA, 'corporate', '青岛互保甲有限公司');
    const b = await open(clerkB, 'corporate', '济南互保乙有限公司');
    await link(clerkA, a.id, { party: byNo(b.no), role: '01', amount: '1000000.00' });
    await link(clerkB, b.id, { party: byNo(a.no), role: '01', amount: '2000000.00' });
    const result = await runGuaranteeScan(ctx.handle.db, businessToday());
    expect(result.circles).toBeGreaterThanOrEqual(1);
    const mine = (await clerkA.get('/api/guarantee-circles')).json();
    const circle = mine.items.find((c: { members: { key: string }[] }) => c.members.some((m) => m.key === `c${a.id}`));
    expect(circle).toMatchObject({ memberCount: 2, mutual: true, guaranteedAmount: '3000000.00' });
    expect(circle.members.find((m: { key: string }) => m.key === `c${b.id}`)).toMatchObject({ masked: true, name: '济南****公司' });
    const detail = (await clerkA.get(`/api/guarantee-circles/${mine.scanDate}/${circle.circleNo}`)).json();
    expect(detail.edges).toHaveLength(2);
    // A branch with no member in it does not see the circle.
    await ctx.addUser('nw_clerk_a2', ctx.bank.subA2, ['data_entry_clerk']);
    const a2 = await ctx.login('nw_clerk_a2');
    expect((await a2.get('/api/guarantee-circles')).json().items.some((c: { circleNo: number }) => c.circleNo === circle.circleNo)).toBe(false);
    expect((await a2.get(`/api/guarantee-circles/${mine.scanDate}/${circle.circleNo}`)).statusCode).toBe(404);

    // The Excel export: the list's rows, the other branch's member masked, watermarked, audited; another branch's file leaves the circle out.
    const auditFrom = await lastAuditId(ctx);
    const res = await clerkA.get('/api/guarantee-circles/export?minMembers=2');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const ws = (await readWorkbook(res.rawPayload)).worksheets[0]!;
    expect(String(ws.getRow(1).getCell(1).value)).toMatch(/^导出人 .* 仅限内部使用$/);
    const row = ws.getRows(3, ws.rowCount - 2)!.find((r) => r.getCell(2).value === circle.circleNo)!;
    expect([row.getCell(3).value, row.getCell(4).value, row.getCell(8).value]).toEqual([2, '是', 3000000]);
    expect(String(row.getCell(6).value)).toContain('青岛互保甲有限公司');
    expect(String(row.getCell(6).value)).toContain('济南****公司');
    expect(String(row.getCell(6).value)).not.toContain('济南互保乙');
    expect((await auditSince(ctx, auditFrom)).map((a) => a.action)).toContain('guarantee_circle.export');
    const other = await readWorkbook((await a2.get('/api/guarantee-circles/export')).rawPayload);
    expect(other.worksheets[0]!.rowCount).toBe(2);
    expect((await clerkA.get('/api/guarantee-circles/export?page=2')).statusCode).toBe(400);
    expect((await clerkA.get('/api/guarantee-circles/export?minMembers=1')).statusCode).toBe(400);
  });
});

describe('a large circle', () => {
  it('lists fifty of its members with the count, while the export names every one', async () => {
    const db = ctx.handle.db;
    const ids = await db.transaction().execute(async (tx) => (await bulkInsertCustomers(tx, ctx.system,
      Array.from({ length: 60 }, (_, i) => ({ kind: 'corporate' as const, name: `大担保圈成员${String(i).padStart(2, '0')}有限公司`, institutionId: ctx.bank.subA1, values: {} })),
      { flagDuplicates: false })).ids);
    // A ring of sixty guarantees: each company guarantees the next.
    await db.insertInto('customer_link').values(ids.map((id, i) => ({ customer_id: ids[(i + 1) % ids.length]!, seq: 1, party_customer_id: id, role: '01',
      amount: '100.00', starts_on: '2026-01-05' }))).execute();
    await runGuaranteeScan(db, businessToday());
    const list = (await clerkA.get('/api/guarantee-circles?minMembers=60')).json();
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ memberCount: 60, guaranteedAmount: '6000.00' });
    expect(list.items[0].members).toHaveLength(LIST_MEMBERS);
    const ws = (await readWorkbook((await clerkA.get('/api/guarantee-circles/export?minMembers=60')).rawPayload)).worksheets[0]!;
    expect(String(ws.getRow(3).getCell(6).value).split('、')).toHaveLength(60);
    const detail = (await clerkA.get(`/api/guarantee-circles/${list.scanDate}/${list.items[0].circleNo}`)).json();
    expect([detail.members.length, detail.edges.length, detail.membersShown, detail.memberCount]).toEqual([60, 60, 60, 60]);
  });
});

describe('blacklist proximity', () => {
  it('lists the customers in my charge one to three hops from a blacklisted customer, nearest first, the listed one masked outside my charge', async () => {
    const listed = await open(clerkB, 'corporate', '济南失信名单有限公司');
    const guarantor = await open(clerkA, 'corporate');  // guarantees the listed company: 1 hop
    const owner = await open(clerkA, 'personal');      // shareholder of the guarantor: 2 hops
    const spouse = await open(clerkA, 'personal');     // spouse of the owner: 3 hops
    const elsewhere = await open(clerkB, 'corporate'); // 1 hop, but another branch's customer
    const ended = await open(clerkA, 'corporate');     // linked, but the link ended
    await link(clerkB, listed.id, { party: byNo(guarantor.no), role: '01' });
    await link(clerkA, guarantor.id, { party: byNo(owner.no), role: '12', sharePct: '60' });
    await link(clerkA, spouse.id, { party: byNo(owner.no), role: '05' });
    await link(clerkB, listed.id, { party: byNo(elsewhere.no), role: '01' });
    const gone = await link(clerkA, ended.id, { party: byNo(listed.no), role: '01' });
    expect((await clerkA.post(`/api/customers/${ended.id}/links/${gone.id}/end`, { reason: '担保解除' })).statusCode).toBe(200);
    await ctx.handle.db.updateTable('customer').set({ blacklisted: true }).where('id', '=', listed.id).execute();

    const two = (await clerkA.get('/api/blacklist-proximity?hops=2&pageSize=200')).json();
    const mine = two.items.filter((i: { blacklisted: { name: string } }) => i.blacklisted.name === '济南****公司');
    expect(mine.map((i: { customerId: number; hops: number }) => [i.customerId, i.hops])).toEqual([[guarantor.id, 1], [owner.id, 2]]);
    expect(mine[0].blacklisted).toEqual({ customerId: null, customerNo: null, name: '济南****公司', masked: true });
    const three = (await clerkA.get('/api/blacklist-proximity?hops=3&pageSize=200')).json();
    const ids = three.items.map((i: { customerId: number }) => i.customerId);
    expect(ids).toEqual(expect.arrayContaining([guarantor.id, owner.id, spouse.id]));
    expect(ids).not.toContain(elsewhere.id);
    expect(ids).not.toContain(ended.id);
    // The other branch sees its own customer, and the listed company by name.
    const b = (await clerkB.get('/api/blacklist-proximity?hops=1&pageSize=200')).json();
    expect(b.items.find((i: { customerId: number }) => i.customerId === elsewhere.id)).toMatchObject({ hops: 1, blacklisted: { customerId: listed.id, name: '济南失信名单有限公司', masked: false } });
    expect(b.items.map((i: { customerId: number }) => i.customerId)).not.toContain(guarantor.id);
    for (const bad of ['hops=0', 'hops=4', 'hops=1;drop', 'pageSize=201', 'x=1']) expect((await clerkA.get(`/api/blacklist-proximity?${bad}`)).statusCode, bad).toBe(400);
  });
});

describe('merge', () => {
  it('moves the merged record\'s links to the survivor and ends the link between the two', async () => {
    const survivor = await open(clerkA, 'corporate');
    const merged = await open(clerkA, 'corporate', undefined, { noCreditCode: true }); // a second record of the same company, keyed without its code
    const guarantor = await open(clerkA, 'corporate');
    const dependant = await open(clerkA, 'corporate');
    await link(clerkA, survivor.id, { party: byNo(guarantor.no), role: '01' });
    await link(clerkA, merged.id, { party: byNo(guarantor.no), role: '01' }); // the same link the survivor has
    await link(clerkA, merged.id, { party: byNo(guarantor.no), role: '03', contractNo: 'DY-1' });
    await link(clerkA, merged.id, { party: byNo(survivor.no), role: '01' });
    await link(clerkA, dependant.id, { party: byNo(merged.no), role: '01' });
    await mergeCustomers(ctx.handle.db, ctx.system, { survivorId: survivor.id, mergedId: merged.id, reason: '重复客户' });
    const current = (await headHo.get(`/api/customers/${survivor.id}/links`)).json();
    expect(current.items.map((i: { seq: number; role: string }) => [i.seq, i.role])).toEqual([[2, '03'], [1, '01']]);
    expect((await headHo.get(`/api/customers/${dependant.id}/links`)).json().items[0].party.customerId).toBe(survivor.id);
    const left = await ctx.handle.db.selectFrom('customer_link').select(['role', 'end_reason']).where('customer_id', '=', merged.id).orderBy('seq').execute();
    expect(left).toEqual([{ role: '01', end_reason: 'merged' }, { role: '01', end_reason: 'merged' }]);
  });
});
