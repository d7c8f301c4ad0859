// Corporate certificates (CIF-20…24) through the HTTP API: one form per type, licence data shown
// from the customer and never re-keyed, configured default authorities, renewal and voiding,
// optimistic locking, data scope, audit rows, hostile input.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessToday } from '../../../common/business-date.ts';
import { creditCodeCheckCharacter } from '../../../common/validators/credit-code.ts';
import { organizationCodeCheckCharacter } from '../../../common/validators/organization-code.ts';
import { residentIdCheckDigit } from '../../../common/validators/resident-id.ts';
import { auditSince, createTestContext, lastAuditId, type Client, type TestContext } from '../../../test/harness.ts';
import { addDays } from './certificate.rules.ts';
import { deleteCustomer } from '../customer.service.ts';

let ctx: TestContext;
let clerkA1: Client;
let clerkB1: Client;
let readerA1: Client;
let admin: Client;
let repId: number;
let corpId: number;       // full licence data, legal representative linked
let bareId: number;       // name only
let personalId: number;
const today = businessToday();
const EN = { 'accept-language': 'en-US' };

const residentId = (birth: string, seq: string) => { const body = `370202${birth}${seq}`; return body + residentIdCheckDigit(body); };
const codes = (body8: string) => {
  const org = body8 + organizationCodeCheckCharacter(body8);
  const first17 = `91370200${org}`;
  return { org: `${body8}-${org[8]}`, credit: first17 + creditCodeCheckCharacter(first17) };
};
const ORG = codes('MA3C4D5E');

const certs = async (customerId: number) => ctx.handle.db.selectFrom('certificate').selectAll().where('customer_id', '=', customerId).orderBy('id').execute();
const del = (c: Client, url: string, payload: unknown) =>
  ctx.app.inject({ method: 'DELETE', url, headers: { cookie: c.cookie, 'x-csrf-token': c.csrf }, payload: payload as object });
const licence = (over: Record<string, unknown> = {}) => ({
  certType: '01', number: '370200228012345', annualInspectionOn: addDays(today, -30), expiresOn: addDays(today, 3650), issuer: '青岛市市场监督管理局', ...over,
});

beforeAll(async () => {
  ctx = await createTestContext();
  await ctx.addUser('cert_clerk_a1', ctx.bank.subA1, ['data_entry_clerk']);
  await ctx.addUser('cert_clerk_b1', ctx.bank.subB1, ['data_entry_clerk']);
  await ctx.addUser('cert_reader_a1', ctx.bank.subA1, ['customer_assignment']);
  await ctx.addUser('cert_admin', ctx.bank.ho, ['head_office_admin']);
  [clerkA1, clerkB1, readerA1, admin] = await Promise.all(['cert_clerk_a1', 'cert_clerk_b1', 'cert_reader_a1', 'cert_admin'].map((u) => ctx.login(u)));
  const rep = await clerkA1.post('/api/customers', { kind: 'personal', name: '张法人', identities: [{ idType: '10', idNumber: residentId('19700101', '111'), expiresOn: addDays(today, 400) }] });
  repId = rep.json().id;
  const corp = await clerkA1.post('/api/customers', {
    kind: 'corporate', name: '青岛海通贸易有限公司', creditCode: ORG.credit, registrationType: '01', enterpriseNature: '01', legalRepCustomerId: repId,
    registeredAddress: '青岛市市南区香港中路 1 号', registeredCapitalCurrency: 'CNY', registeredCapital: '5000000', paidInCapital: '3000000',
    businessScope: '国内贸易；货物进出口', establishedOn: '2012-05-18',
  });
  expect(corp.statusCode, corp.body).toBe(201);
  corpId = corp.json().id;
  bareId = (await clerkA1.post('/api/customers', { kind: 'corporate', name: '青岛新开商行' })).json().id;
  personalId = (await clerkA1.post('/api/customers', { kind: 'personal', name: '李个人', identities: [{ idType: '10', idNumber: residentId('19800202', '222') }] })).json().id;
});
afterAll(() => ctx?.close());

describe('forms', () => {
  it('describes every certificate type of the code table, with the licence data each shows', async () => {
    const forms = (await readerA1.get('/api/certificate-forms')).json() as { type: string; shown: string[]; shownRequired: boolean; fields: { key: string; required?: boolean }[] }[];
    const items = (await readerA1.get('/api/code-tables/corporate_certificate_type/items')).json();
    const codesInTable = (Array.isArray(items) ? items : items.items).map((i: { code: string }) => i.code).sort();
    expect(forms.map((f) => f.type).sort()).toEqual(codesInTable);
    const licenceForm = forms.find((f) => f.type === '01')!;
    expect(licenceForm.shownRequired).toBe(true);
    expect(licenceForm.fields.filter((f) => f.required).map((f) => f.key).sort()).toEqual(['annualInspectionOn', 'expiresOn', 'issuer', 'number']);
    expect(forms.find((f) => f.type === '03')!.shown).toEqual(['registeredAddress', 'legalRep', 'registrationType', 'businessScope']);
  });
});

describe('business licence (CIF-21)', () => {
  it('refuses a licence while the customer lacks licence data, naming every missing field, and stores nothing', async () => {
    const res = await clerkA1.post(`/api/customers/${bareId}/certificates`, { certType: '01', annualInspectionOn: addDays(today, -1) });
    expect(res.statusCode).toBe(422);
    const paths = res.json().errors.map((e: { path: string }) => e.path).sort();
    expect(paths).toEqual(['customer.businessScope', 'customer.enterpriseNature', 'customer.establishedOn', 'customer.legalRepCustomerId',
      'customer.paidInCapital', 'customer.registeredAddress', 'customer.registeredCapital', 'customer.registeredCapitalCurrency',
      'customer.registrationType', 'expiresOn', 'issuer', 'number'].sort());
    expect(res.json().errors.find((e: { path: string }) => e.path === 'customer.registeredAddress').message).toBe('营业执照信息不完整：请先在客户资料中填写“注册地址”');
    const en = await clerkA1.post(`/api/customers/${bareId}/certificates`, { certType: '01' }, EN);
    expect(en.json().errors.find((e: { path: string }) => e.path === 'issuer').message).toContain('no default authority');
    expect(await certs(bareId)).toHaveLength(0);
  });

  it('records the licence, shows the licence data from the customer, and refuses it keyed again', async () => {
    const before = await lastAuditId(ctx);
    const res = await clerkA1.post(`/api/customers/${corpId}/certificates`, licence({ number: '370200228012345' }));
    expect(res.statusCode, res.body).toBe(201);
    const one = (await clerkA1.get(`/api/customers/${corpId}/certificates/${res.json().id}`)).json();
    expect(one.fields).toMatchObject({ number: '370200228012345', annualInspectionOn: addDays(today, -30), issuer: '青岛市市场监督管理局' });
    expect(one.shown).toMatchObject({
      name: '青岛海通贸易有限公司', registeredAddress: '青岛市市南区香港中路 1 号', registrationType: '01', enterpriseNature: '01',
      registeredCapital: '5000000.00', businessScope: '国内贸易；货物进出口', establishedOn: '2012-05-18',
      legalRep: { customerId: repId, name: '张法人', customerNo: expect.stringMatching(/^\d{11}$/), status: 'active' },
    });
    expect(one.expiryStatus).toBe('valid');
    const audit = await auditSince(ctx, before);
    expect(audit.map((a) => a.action)).toEqual(['certificate.create']);
    expect(audit[0]).toMatchObject({ entity_type: 'certificate', entity_id: String(res.json().id), actor_name: 'cert_clerk_a1' });
    expect(audit[0]!.after).toMatchObject({ customerId: corpId, certType: '01', number: '370200228012345' });

    const rekeyed = await clerkA1.post(`/api/customers/${corpId}/certificates`, licence({ registeredAddress: '别处', businessScope: '其他' }));
    expect(rekeyed.statusCode).toBe(400);
    expect(rekeyed.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.businessScope', 'body.registeredAddress']);
  });

  it('refuses dates out of order and inspection dates in the future', async () => {
    const res = await clerkA1.post(`/api/customers/${corpId}/certificates`, licence({ issuedOn: '2020-01-10', expiresOn: '2020-01-10', annualInspectionOn: addDays(today, 1) }));
    expect(res.statusCode).toBe(422);
    expect(res.json().errors.map((e: { path: string; code: string }) => `${e.path}:${e.code}`).sort())
      .toEqual(['annualInspectionOn:certificates.date_in_future', 'expiresOn:certificates.expiry_before_issue']);
  });
});

describe('configured default authorities', () => {
  it('pre-fills omitted authorities from the setting; a keyed authority wins', async () => {
    expect((await clerkA1.get('/api/settings/certificate-authorities')).statusCode).toBe(403);
    const put = await admin.put('/api/settings/certificate-authorities', { '03': { issuer: '国家税务总局青岛市税务局', approvalAuthority: '青岛市市场监督管理局' }, '06': { issuer: '中国人民银行青岛市中心支行' } });
    expect(put.statusCode, put.body).toBe(200);
    expect((await ctx.handle.db.selectFrom('audit_log').select(['action', 'entity_id']).orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow()))
      .toEqual({ action: 'setting.update', entity_id: 'customers.certificate_authorities' });
    expect((await admin.get('/api/settings/certificate-authorities')).json()['06']).toEqual({ issuer: '中国人民银行青岛市中心支行' });

    const tax = await clerkA1.post(`/api/customers/${corpId}/certificates`, { certType: '03', number: '370202MA3C4D5E0', expiresOn: addDays(today, 900) });
    expect(tax.statusCode, tax.body).toBe(201);
    const stored = (await clerkA1.get(`/api/customers/${corpId}/certificates/${tax.json().id}`)).json();
    expect(stored.fields).toMatchObject({ issuer: '国家税务总局青岛市税务局', approvalAuthority: '青岛市市场监督管理局', number: '370202MA3C4D5E0' });
    expect(stored.shown).toEqual({ customerNo: expect.any(String), name: '青岛海通贸易有限公司', registeredAddress: '青岛市市南区香港中路 1 号',
      legalRep: expect.objectContaining({ customerId: repId }), registrationType: '01', businessScope: '国内贸易；货物进出口' });

    const local = await clerkA1.post(`/api/customers/${corpId}/certificates`, { certType: '04', number: '370202MA3C4D5E0', expiresOn: addDays(today, 900), approvalAuthority: '市南区政府', issuer: '青岛市地方税务局' });
    expect(local.statusCode, local.body).toBe(201);
    const noDefault = await clerkA1.post(`/api/customers/${corpId}/certificates`, { certType: '02', number: ORG.org, expiresOn: addDays(today, 900) });
    expect(noDefault.statusCode).toBe(422);
    expect(noDefault.json().errors).toEqual([expect.objectContaining({ path: 'issuer', code: 'certificates.authority_required' })]);
    expect((await clerkA1.get(`/api/customers/${corpId}/certificates`)).json().defaults['03'].issuer).toBe('国家税务总局青岛市税务局');
  });

  it('refuses settings for unknown types, for the ID document, and overlong authorities', async () => {
    for (const body of [{ '42': { issuer: 'x' } }, { '05': { issuer: 'x' } }, { '01': { issuer: 'x'.repeat(101) } }, { '01': { approvalAuthority: 'x' } }]) {
      const res = await admin.put('/api/settings/certificate-authorities', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
    }
    expect((await admin.get('/api/settings/certificate-authorities')).json()['06']).toEqual({ issuer: '中国人民银行青岛市中心支行' });
  });
});

describe('type-specific forms', () => {
  it('checks an organisation code (GB 11714) and its agreement with the customer record', async () => {
    const body8 = ORG.org.slice(0, 8);
    const wrongCheck = `${body8}-${ORG.org[9] === '0' ? '1' : '0'}`;
    const other = codes('MA3C4D5F').org;
    const bad = await clerkA1.post(`/api/customers/${corpId}/certificates`, { certType: '02', number: wrongCheck, expiresOn: addDays(today, 900), issuer: '青岛市质量技术监督局' });
    expect(bad.json().errors[0]).toMatchObject({ path: 'number', code: 'customers.organization_code.check_character' });
    const mismatch = await clerkA1.post(`/api/customers/${corpId}/certificates`, { certType: '02', number: other, expiresOn: addDays(today, 900), issuer: '青岛市质量技术监督局' });
    expect(mismatch.json().errors[0]).toMatchObject({ path: 'number', code: 'certificates.number_mismatch' });
    const ok = await clerkA1.post(`/api/customers/${corpId}/certificates`, { certType: '02', number: ORG.org.replace('-', '').toLowerCase(), expiresOn: addDays(today, 900), issuer: '青岛市质量技术监督局' });
    expect(ok.statusCode, ok.body).toBe(201);
    expect((await certs(corpId)).find((c) => c.id === ok.json().id)!.number).toBe(ORG.org);
  });

  it('basic-account permit: approval number, bank, digits-only account, issuing authority, issue date', async () => {
    const missing = await clerkA1.post(`/api/customers/${bareId}/certificates`, { certType: '06', number: 'J4520001234501' });
    expect(missing.statusCode).toBe(422);
    expect(missing.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['accountBank', 'accountNo', 'issuedOn']);
    const letters = await clerkA1.post(`/api/customers/${bareId}/certificates`, { certType: '06', number: 'J4520001234501', accountBank: '本行', accountNo: '6222abc', issuedOn: '2019-03-01' });
    expect(letters.statusCode).toBe(400);
    expect(letters.json().errors[0]).toMatchObject({ path: 'body.accountNo', message: '账号只能是数字，最长 30 位' });
    const ok = await clerkA1.post(`/api/customers/${bareId}/certificates`, { certType: '06', number: 'j4520001234501', accountBank: '本行市南支行', accountNo: '802100012345678', issuedOn: '2019-03-01' });
    expect(ok.statusCode, ok.body).toBe(201);
    expect((await certs(bareId)).find((c) => c.id === ok.json().id)).toMatchObject({ number: 'J4520001234501', issuer: '中国人民银行青岛市中心支行', details: { accountBank: '本行市南支行', accountNo: '802100012345678' } });
  });

  it('other certificate: up to three key facts of bounded length; text stored verbatim', async () => {
    const four = Array.from({ length: 4 }, (_, i) => ({ type: `k${i}`, content: 'v' }));
    const base = { certType: '99', number: '鲁食药监械经营许20150123号', issuer: '青岛市食品药品监督管理局', issuedOn: '2020-06-01' };
    for (const keyInfo of [four, [{ type: '12345678901', content: 'x' }], [{ type: 'a', content: 'x'.repeat(101) }], [{ type: 'a' }]]) {
      expect((await clerkA1.post(`/api/customers/${bareId}/certificates`, { ...base, keyInfo })).statusCode).toBe(400);
    }
    const hostile = { ...base, certName: '<script>alert(1)</script>', keyInfo: [{ type: "x' or 1=1", content: "'; drop table certificate; --" }, { type: '许可范围', content: '<img src=x onerror=alert(1)>' }] };
    const ok = await clerkA1.post(`/api/customers/${bareId}/certificates`, hostile);
    expect(ok.statusCode, ok.body).toBe(201);
    const back = (await clerkA1.get(`/api/customers/${bareId}/certificates/${ok.json().id}`)).json();
    expect(back.fields).toMatchObject({ certName: hostile.certName, keyInfo: hostile.keyInfo, number: base.number });
    expect(back.fields.expiresOn).toBeNull();
    expect(back.expiryStatus).toBeNull();
  });

  it("legal representative's document is read from the linked personal customer, masked", async () => {
    const none = await clerkA1.post(`/api/customers/${bareId}/certificates`, { certType: '05' });
    expect(none.json().errors[0]).toMatchObject({ path: 'customer.legalRepCustomerId', code: 'certificates.legal_rep_missing' });
    const noSecond = await clerkA1.post(`/api/customers/${corpId}/certificates`, { certType: '05', identitySeq: 2 });
    expect(noSecond.json().errors[0]).toMatchObject({ path: 'identitySeq', code: 'certificates.identity_missing' });
    const keyed = await clerkA1.post(`/api/customers/${corpId}/certificates`, { certType: '05', number: residentId('19700101', '111') });
    expect(keyed.statusCode).toBe(400);
    const ok = await clerkA1.post(`/api/customers/${corpId}/certificates`, { certType: '05' });
    expect(ok.statusCode, ok.body).toBe(201);
    const full = residentId('19700101', '111');
    const one = (await clerkA1.get(`/api/customers/${corpId}/certificates/${ok.json().id}`)).json();
    expect(one.fields).toMatchObject({ number: `370202********${full.slice(-4)}`, expiresOn: addDays(today, 400), idType: '10', legalRepCustomerId: repId });
    expect(one.shown.legalRepDocument.number).toBe(one.fields.number);
    expect(JSON.stringify(await certs(corpId))).not.toContain(full);

    // The person renews his ID card: the filed document follows when the clerk refreshes it.
    await ctx.handle.db.updateTable('customer_identity').set({ expires_on: addDays(today, 3650) }).where('customer_id', '=', repId).execute();
    const refreshed = await clerkA1.patch(`/api/customers/${corpId}/certificates/${ok.json().id}`, { version: one.version });
    expect(refreshed.json()).toMatchObject({ changed: 1 });
    expect((await clerkA1.get(`/api/customers/${corpId}/certificates/${ok.json().id}`)).json().fields.expiresOn).toBe(addDays(today, 3650));
  });
});

describe('renewal, correction, voiding', () => {
  it('a renewed licence supersedes the current one; the old stays in the file and cannot be changed', async () => {
    const first = (await clerkA1.get(`/api/customers/${corpId}/certificates`)).json().items.find((c: { certType: string }) => c.certType === '01');
    const renewed = await clerkA1.post(`/api/customers/${corpId}/certificates`, licence({ number: '91370200MA3C4D5E', expiresOn: addDays(today, 7300) }));
    expect(renewed.statusCode).toBe(201);
    expect(renewed.json().supersededId).toBe(first.id);
    const current = (await clerkA1.get(`/api/customers/${corpId}/certificates`)).json().items.filter((c: { certType: string }) => c.certType === '01');
    expect(current.map((c: { id: number }) => c.id)).toEqual([renewed.json().id]);
    const all = (await clerkA1.get(`/api/customers/${corpId}/certificates?status=all`)).json().items.filter((c: { certType: string }) => c.certType === '01');
    expect(all.find((c: { id: number }) => c.id === first.id)).toMatchObject({ status: 'superseded', supersededBy: renewed.json().id });
    const patchOld = await clerkA1.patch(`/api/customers/${corpId}/certificates/${first.id}`, { version: first.version + 1, issuer: '别处' });
    expect(patchOld.statusCode).toBe(422);
    expect(patchOld.json().errors[0].code).toBe('certificates.not_current');
  });

  it('corrects fields with the version, audits only what changed, refuses a stale version and a type change', async () => {
    const created = await clerkA1.post(`/api/customers/${bareId}/certificates`, { certType: '07', number: 'L4520009876501', accountBank: '本行', accountNo: '802100099999', issuedOn: '2024-01-02', expiresOn: addDays(today, 200), issuer: '中国人民银行青岛市中心支行' });
    expect(created.statusCode, created.body).toBe(201);
    const url = `/api/customers/${bareId}/certificates/${created.json().id}`;
    const before = await lastAuditId(ctx);
    const ok = await clerkA1.patch(url, { version: 1, accountBank: '本行市北支行', issuer: '人民银行市北支行' });
    expect(ok.json()).toMatchObject({ version: 2, changed: 2 });
    const audit = await auditSince(ctx, before);
    expect(audit.map((a) => a.action)).toEqual(['certificate.update']);
    expect(audit[0]!.before).toEqual({ accountBank: '本行', issuer: '中国人民银行青岛市中心支行' });
    expect(audit[0]!.after).toMatchObject({ accountBank: '本行市北支行', issuer: '人民银行市北支行' });
    const stale = await clerkA1.patch(url, { version: 1, accountBank: '又改' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('common.conflict');
    const same = await clerkA1.patch(url, { version: 2, accountBank: '本行市北支行' });
    expect(same.json()).toMatchObject({ version: 2, changed: 0 });
    expect(await lastAuditId(ctx)).toBe(audit[0]!.id);
    expect((await clerkA1.patch(url, { version: 2, certType: '99' })).statusCode).toBe(400);
    const cleared = await clerkA1.patch(url, { version: 2, expiresOn: null });
    expect(cleared.json().errors[0]).toMatchObject({ path: 'expiresOn', code: 'certificates.required' });
  });

  it('voids a certificate keyed by mistake with a reason, keeps it, audits it; never twice', async () => {
    const created = await clerkA1.post(`/api/customers/${bareId}/certificates`, { certType: '99', number: 'X1', issuer: '某局', issuedOn: '2021-01-01' });
    const url = `/api/customers/${bareId}/certificates/${created.json().id}`;
    expect((await del(clerkA1, url, { version: 9, reason: '录错客户' })).statusCode).toBe(409);
    expect((await del(readerA1, url, { version: 1, reason: '录错客户' })).statusCode).toBe(403);
    const before = await lastAuditId(ctx);
    const ok = await del(clerkA1, url, { version: 1, reason: '录错客户' });
    expect(ok.json()).toMatchObject({ status: 'voided', version: 2 });
    const audit = await auditSince(ctx, before);
    expect(audit.map((a) => a.action)).toEqual(['certificate.void']);
    expect(audit[0]!.after).toMatchObject({ status: 'voided', reason: '录错客户' });
    expect((await certs(bareId)).find((c) => c.id === created.json().id)).toMatchObject({ status: 'voided', status_reason: '录错客户' });
    expect((await clerkA1.get(`/api/customers/${bareId}/certificates`)).json().items.map((c: { id: number }) => c.id)).not.toContain(created.json().id);
    expect((await del(clerkA1, url, { version: 2, reason: '再删' })).statusCode).toBe(422);
  });
});

describe('who may see and change certificates', () => {
  it('hides another branch customer as not found, refuses personal customers and readers, refuses deleted customers', async () => {
    const mine = (await clerkA1.get(`/api/customers/${corpId}/certificates`)).json().items[0];
    for (const res of [
      await clerkB1.get(`/api/customers/${corpId}/certificates`),
      await clerkB1.get(`/api/customers/${corpId}/certificates/${mine.id}`),
      await clerkB1.post(`/api/customers/${corpId}/certificates`, { certType: '99', number: 'B', issuer: 'B', issuedOn: '2021-01-01' }),
      await clerkB1.patch(`/api/customers/${corpId}/certificates/${mine.id}`, { version: mine.version, issuer: 'B' }),
      await clerkA1.get(`/api/customers/${bareId}/certificates/${mine.id}`), // a certificate of another customer
    ]) {
      expect(res.statusCode).toBe(404);
    }
    expect(mine.fields.issuer).not.toBe('B');
    const personal = await clerkA1.post(`/api/customers/${personalId}/certificates`, { certType: '99', number: 'P', issuer: 'P', issuedOn: '2021-01-01' });
    expect(personal.statusCode).toBe(422);
    expect(personal.json().errors[0]).toMatchObject({ code: 'certificates.corporate_only', message: '只有对公客户登记企业证件' });
    expect((await clerkA1.get(`/api/customers/${personalId}/certificates`)).statusCode).toBe(422);
    expect((await readerA1.get(`/api/customers/${corpId}/certificates`)).statusCode).toBe(200);
    expect((await readerA1.post(`/api/customers/${corpId}/certificates`, { certType: '99', number: 'R', issuer: 'R', issuedOn: '2021-01-01' })).statusCode).toBe(403);

    const gone = (await clerkA1.post('/api/customers', { kind: 'corporate', name: '青岛将注销公司' })).json().id;
    // Deleting through the screen is a request under review (approvals); here the deletion itself.
    await deleteCustomer(ctx.handle.db, ctx.system, gone, '注销');
    const onDeleted = await clerkA1.post(`/api/customers/${gone}/certificates`, { certType: '99', number: 'D', issuer: 'D', issuedOn: '2021-01-01' });
    expect(onDeleted.statusCode).toBe(422);
    expect(onDeleted.json().errors[0].code).toBe('customers.not_active');
  });

  it('refuses hostile ids, types and numbers without touching the data', async () => {
    const count = (await certs(corpId)).length;
    for (const url of [`/api/customers/abc/certificates`, `/api/customers/${corpId}/certificates/1e99`, `/api/customers/${corpId}/certificates/-1`, `/api/customers/${corpId}/certificates?status=deleted`]) {
      expect((await clerkA1.get(url)).statusCode, url).toBe(400);
    }
    for (const body of [
      { certType: '../01' }, { certType: 1 }, licence({ number: "1'; drop table certificate; --" }), licence({ number: 'x'.repeat(51) }),
      licence({ expiresOn: '2025-02-30' }), licence({ issuer: 42 }), licence({ issuer: '局'.repeat(101) }), licence({ number: '  ' }),
    ]) {
      const res = await clerkA1.post(`/api/customers/${corpId}/certificates`, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
    }
    expect(await certs(corpId)).toHaveLength(count);
  });
});
