// The bulk path on its own, as a benchmark or a data migration calls it: chunks, mixed kinds,
// numbers in row order, everything single opening writes, and all-or-nothing in the caller's
// transaction.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/harness.ts';
import type { Actor } from '../../auth/actor.ts';
import { loadActorForUser } from '../../auth/actor.queries.ts';
import { bulkInsertCustomers, type BulkCustomer } from './bulk-insert.ts';
import { isValidCustomerNo } from '../customer-number.ts';
import { creditCode, residentId } from './import.test-helpers.ts';

let ctx: TestContext;
let clerk: Actor;
let manager: Actor;

const person = (name: string, idNumber: string, values: Record<string, unknown> = {}): BulkCustomer => ({
  kind: 'personal', name, institutionId: ctx.bank.subA1, values: { birthDate: `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`, ...values },
  identities: [{ idType: '10', idNumber, expiresOn: null }],
});

beforeAll(async () => {
  ctx = await createTestContext();
  const clerkId = await ctx.addUser('bulk_clerk', ctx.bank.subA1, ['data_entry_clerk']);
  const managerId = await ctx.addUser('bulk_manager', ctx.bank.subA1, ['primary_manager']);
  clerk = (await loadActorForUser(ctx.handle.db, clerkId, { ip: null, requestId: 'bulk-test-1' }))!;
  manager = (await loadActorForUser(ctx.handle.db, managerId, { ip: null, requestId: null }))!;
});
afterAll(() => ctx?.close());

describe('bulkInsertCustomers', () => {
  it('opens personal and corporate customers across chunks with everything single opening writes', async () => {
    const rows: BulkCustomer[] = [
      person('欧阳批量', residentId('19800101', '011'), { mobile: '13700000001', shareholder: true, monthlyIncome: '1234.50' }),
      { kind: 'corporate', name: '青岛批量贸易有限公司', institutionId: ctx.bank.subA2, scale: 'small',
        values: { creditCode: creditCode(60001), organizationCode: `00060001-${creditCode(60001)[16]}`, industryCode: '5191', registeredCapital: '500000.00' } },
      person('同名同生', residentId('19800202', '021')),
      person('同名同生', residentId('19800202', '031'), { mobile: '13700000001' }),
      person("O'Brien <x>", residentId('19800303', '041'), { employee: null }),
    ];
    const done = await ctx.handle.db.transaction().execute((tx) => bulkInsertCustomers(tx, clerk, rows, { chunkSize: 2 }));
    expect(done.count).toBe(5);
    expect(done.customerNos.every(isValidCustomerNo)).toBe(true);
    expect([...done.customerNos].sort()).toEqual(done.customerNos);
    const db = ctx.handle.db;
    const masters = await db.selectFrom('customer').select(['id', 'customer_no', 'kind', 'name', 'institution_id', 'created_by', 'search_terms']).where('id', 'in', done.ids).orderBy('id').execute();
    expect(masters.map((m) => [m.customer_no, m.kind, m.name, m.institution_id])).toEqual(rows.map((r, i) => [done.customerNos[i], r.kind, r.name, r.institutionId]));
    expect(masters[0]!.search_terms).toEqual(expect.arrayContaining(['欧', '欧阳', 'py:oypl']));
    expect(masters[4]!.search_terms).toEqual([]);
    expect(masters.every((m) => m.created_by === clerk.id)).toBe(true);

    const p = await db.selectFrom('personal_customer').selectAll().where('customer_id', '=', done.ids[0]!).executeTakeFirstOrThrow();
    expect(p).toMatchObject({ birth_date: '1980-01-01', mobile: '13700000001', shareholder: true, employee: false });
    expect(Number(p.monthly_income)).toBe(1234.5);
    const c = await db.selectFrom('corporate_customer').selectAll().where('customer_id', '=', done.ids[1]!).executeTakeFirstOrThrow();
    expect(c).toMatchObject({ credit_code: creditCode(60001), scale: 'small', industry_code: '5191' });
    const docs = await db.selectFrom('customer_identity').select(['customer_id', 'seq', 'id_number']).where('customer_id', 'in', done.ids).orderBy('customer_id').execute();
    expect(docs.map((d) => d.customer_id)).toEqual([done.ids[0], done.ids[2], done.ids[3], done.ids[4]]);
    const history = await db.selectFrom('customer_history').select(['customer_id', 'field', 'new_value', 'source', 'changed_by', 'request_id']).where('customer_id', 'in', done.ids).orderBy('customer_id').execute();
    expect(history).toEqual(done.ids.map((id, i) => ({ customer_id: id, field: '_created', new_value: done.customerNos[i], source: 'import', changed_by: clerk.id, request_id: 'bulk-test-1' })));
    // An institution-scoped clerk becomes nobody's manager.
    expect(await db.selectFrom('customer_manager').select('customer_id').where('customer_id', 'in', done.ids).execute()).toEqual([]);
    // Rows 3 and 4 fall into different chunks and are still flagged: same name and birth, same mobile as row 1.
    const dups = await db.selectFrom('customer_duplicate').select(['customer_id', 'other_id', 'reason']).where('customer_id', 'in', done.ids).orderBy('reason').execute();
    expect(dups.map((d) => [d.reason, [d.customer_id, d.other_id].sort()])).toEqual([
      ['mobile', [done.ids[0], done.ids[3]].sort()], ['name_birth', [done.ids[2], done.ids[3]].sort()],
    ]);
  });

  it('flags by name and birth date among many rows sharing a placeholder birth date, and only those', async () => {
    // Migrated data often writes 1900-01-01 for "unknown": 1,500 such rows, two of them namesakes.
    const rows: BulkCustomer[] = Array.from({ length: 1500 }, (_, i) => ({
      kind: 'personal', name: i === 1499 ? '占位同名' : i === 700 ? '占位同名' : `占位${i}号`, institutionId: ctx.bank.subA1, values: { birthDate: '1900-01-01' },
    }));
    const done = await ctx.handle.db.transaction().execute((tx) => bulkInsertCustomers(tx, clerk, rows, { chunkSize: 500 }));
    const dups = await ctx.handle.db.selectFrom('customer_duplicate').select(['customer_id', 'other_id', 'reason']).where('customer_id', 'in', done.ids).execute();
    expect(dups.map((d) => [d.reason, [d.customer_id, d.other_id].sort()])).toEqual([['name_birth', [done.ids[700], done.ids[1499]].sort()]]);
  });

  it('makes a customer manager the primary manager of every row', async () => {
    const done = await ctx.handle.db.transaction().execute((tx) => bulkInsertCustomers(tx, manager, [person('经理甲', residentId('19810101', '111')), person('经理乙', residentId('19810101', '121'))]));
    const m = await ctx.handle.db.selectFrom('customer_manager').select(['customer_id', 'user_id', 'role']).where('customer_id', 'in', done.ids).orderBy('customer_id').execute();
    expect(m).toEqual(done.ids.map((id) => ({ customer_id: id, user_id: manager.id, role: 'primary' })));
  });

  it('leaves nothing behind when the caller’s transaction fails, including on a duplicate document', async () => {
    const count = async () => Number((await ctx.handle.db.selectFrom('customer').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const before = await count();
    const same = residentId('19820101', '211');
    await expect(ctx.handle.db.transaction().execute((tx) => bulkInsertCustomers(tx, clerk, [person('重甲', same), person('重乙', same)], { chunkSize: 1 })))
      .rejects.toMatchObject({ code: '23505' });
    expect(await count()).toBe(before);
    expect(await ctx.handle.db.selectFrom('customer_identity').select('id_number').where('id_number', '=', same).execute()).toEqual([]);
  });
});
