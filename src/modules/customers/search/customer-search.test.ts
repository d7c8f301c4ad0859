// The one search box finding a customer by account or card number (issue 5), within the data scope,
// without taking anything from the keys it already knew (customer number, mobile, ID number, credit code, name).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { residentIdCheckDigit } from '../../../common/validators/resident-id.ts';
import { createTestContext, type Client, type TestContext } from '../../../test/harness.ts';
import { upsertAccounts } from '../../accounts/account.service.ts';

let ctx: TestContext;
let clerkA1: Client;
let clerkB1: Client;
const ids: Record<'person' | 'company' | 'holder' | 'branchB', number> = {} as never;
const numbers: Record<keyof typeof ids, string> = {} as never;

const residentId = (birth: string, seq: string) => `370202${birth}${seq}` + residentIdCheckDigit(`370202${birth}${seq}`);
// A real all-digit credit code (its check character is a digit), 18 digits like many account numbers.
const CREDIT_CODE = '914403001922038216';
const CARD = '6222021234567891234';
const SHORTEST = '622202123456';
const LONGEST = '6'.repeat(32);
const ID_NUMBER = residentId('19850612', '123');
const found = async (client: Client, q: string) => {
  const res = await client.get(`/api/customers?q=${encodeURIComponent(q)}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items.map((i: { id: number }) => i.id) as number[];
};

async function open(client: Client, body: Record<string, unknown>) {
  const res = await client.post('/api/customers', body);
  expect(res.statusCode, res.body).toBe(201);
  return { id: res.json().id as number, no: res.json().customerNo as string };
}

beforeAll(async () => {
  ctx = await createTestContext();
  await ctx.addUser('cs_pm', ctx.bank.ho, ['product_manager']);
  await ctx.addUser('cs_clerk_a1', ctx.bank.subA1, ['data_entry_clerk']);
  await ctx.addUser('cs_clerk_b1', ctx.bank.subB1, ['data_entry_clerk']);
  const pm = await ctx.login('cs_pm');
  clerkA1 = await ctx.login('cs_clerk_a1');
  clerkB1 = await ctx.login('cs_clerk_b1');
  expect((await pm.post('/api/products', { id: '1010000001', nameZh: '个人活期存款', nameEn: 'Personal demand deposit', category: 'deposit', subType: 'demand', currency: 'CNY' })).statusCode).toBe(201);
  const created = {
    person: await open(clerkA1, { kind: 'personal', name: '孙账号', identities: [{ idType: '10', idNumber: ID_NUMBER }], mobile: '13900002222' }),
    company: await open(clerkA1, { kind: 'corporate', name: '华为技术有限公司', creditCode: CREDIT_CODE, registrationType: '01', enterpriseNature: '01' }),
    holder: await open(clerkA1, { kind: 'corporate', name: '青岛持卡测试有限公司' }),
    branchB: await open(clerkB1, { kind: 'corporate', name: '烟台乙行账号测试有限公司' }),
  };
  for (const [k, c] of Object.entries(created)) { ids[k as keyof typeof ids] = c.id; numbers[k as keyof typeof ids] = c.no; }
  const account = (accountNo: string, customerNo: string, institutionCode = 'A110', extra: Record<string, unknown> = {}) => ({ accountNo, customerNo,
    productId: '1010000001', kind: 'deposit_demand', currency: 'CNY', institutionCode, openedOn: '2024-01-02', status: 'active', balance: '100.00', ...extra });
  await ctx.handle.db.transaction().execute((tx) => upsertAccounts(tx, ctx.system, [
    account(CARD, numbers.person),
    account(SHORTEST, numbers.holder),
    account(LONGEST, numbers.holder, 'A110', { status: 'closed', closedOn: '2025-01-02' }),
    // The same 18 digits as the company's credit code, held by someone else.
    account(CREDIT_CODE, numbers.holder),
    // An 11-digit account number: 11 digits mean a customer number or a mobile, never an account.
    account('62220212345', numbers.holder),
    account('6222029999999990001', numbers.branchB, 'B110'),
  ]));
});
afterAll(() => ctx?.close());

describe('search by account or card number', () => {
  it('finds the holder of a card or account number of 12 to 32 digits, also typed in groups or of a closed account', async () => {
    expect(await found(clerkA1, CARD)).toEqual([ids.person]);
    expect(await found(clerkA1, '6222 0212 3456 7891 234')).toEqual([ids.person]);
    expect(await found(clerkA1, SHORTEST)).toEqual([ids.holder]);
    expect(await found(clerkA1, LONGEST)).toEqual([ids.holder]);
  });

  it('matches the whole number only', async () => {
    expect(await found(clerkA1, CARD.slice(0, -1))).toEqual([]);
    expect(await found(clerkA1, `${CARD}0`)).toEqual([]);
    expect(await found(clerkA1, '6'.repeat(33))).toEqual([]);
  });

  it('adds the holder to what the other keys find when the digits mean both', async () => {
    // 18 digits: the company by its credit code, and the holder of the account with that number.
    expect((await found(clerkA1, CREDIT_CODE)).sort()).toEqual([ids.company, ids.holder].sort());
  });

  it('keeps the existing keys: customer number, mobile, ID number, credit code and name', async () => {
    expect(await found(clerkA1, numbers.person)).toEqual([ids.person]);
    expect(await found(clerkA1, '13900002222')).toEqual([ids.person]);
    expect(await found(clerkA1, ID_NUMBER)).toEqual([ids.person]);
    expect(await found(clerkA1, '孙账号')).toEqual([ids.person]);
    expect(await found(clerkA1, 'hwjs')).toEqual([ids.company]);
    // 11 digits stay a customer number or mobile: an 11-digit account number finds nobody.
    expect(await found(clerkA1, '62220212345')).toEqual([]);
  });

  it('finds no holder outside the caller\'s scope', async () => {
    expect(await found(clerkB1, CARD)).toEqual([]);
    expect(await found(clerkB1, '6222029999999990001')).toEqual([ids.branchB]);
    expect(await found(clerkA1, '6222029999999990001')).toEqual([]);
  });

  it('takes hostile input as text', async () => {
    expect(await found(clerkA1, `${CARD}' or '1'='1`)).toEqual([]);
    expect(await found(clerkA1, `${SHORTEST}%`)).toEqual([]);
  });
});
