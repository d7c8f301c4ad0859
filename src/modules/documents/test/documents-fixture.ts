// Test data of the documents domain: two branches' clerks, centres and reviewers, corporate
// customers with accounts loaded as the core-banking feed loads them, and a helper that takes a
// flow to a given state through the API.
import { expect } from 'vitest';
import { upsertAccounts } from '../../accounts/account.service.ts';
import type { Client, TestContext } from '../../../test/harness.ts';

export interface DocumentActors {
  clerkA1: Client; clerkB1: Client; centreA: Client; centreA2: Client; reviewA: Client; centreB: Client;
}

export async function documentActors(ctx: TestContext, prefix: string): Promise<DocumentActors> {
  const { subA1, subB1, branchA, branchB } = ctx.bank;
  const users: [string, number, string[]][] = [
    ['clerk_a1', subA1, ['data_entry_clerk']], ['clerk_b1', subB1, ['data_entry_clerk']],
    ['centre_a', branchA, ['data_entry_clerk']], ['centre_a2', branchA, ['data_entry_clerk']],
    ['review_a', branchA, ['data_review_clerk']], ['centre_b', branchB, ['data_entry_clerk']],
  ];
  for (const [name, inst, roles] of users) await ctx.addUser(`${prefix}_${name}`, inst, roles);
  const [clerkA1, clerkB1, centreA, centreA2, reviewA, centreB] = await Promise.all(users.map(([name]) => ctx.login(`${prefix}_${name}`)));
  return { clerkA1: clerkA1!, clerkB1: clerkB1!, centreA: centreA!, centreA2: centreA2!, reviewA: reviewA!, centreB: centreB! };
}

let productsMade = false;
/** A corporate customer opened by `by`, with one demand account at `institutionCode`. */
export async function customerWithAccount(ctx: TestContext, by: Client, name: string, accountNo: string, institutionCode: string) {
  if (!productsMade) {
    await ctx.addUser('doc_pm', ctx.bank.ho, ['product_manager']);
    const pm = await ctx.login('doc_pm');
    const res = await pm.post('/api/products', { id: '1010000001', nameZh: '单位活期存款', nameEn: 'Corporate demand deposit', category: 'deposit', subType: 'demand', currency: 'CNY' });
    expect(res.statusCode, res.body).toBe(201);
    productsMade = true;
  }
  const res = await by.post('/api/customers', { kind: 'corporate', name });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id as number;
  const { customer_no } = await ctx.handle.db.selectFrom('customer').select('customer_no').where('id', '=', id).executeTakeFirstOrThrow();
  await addAccount(ctx, customer_no, accountNo, institutionCode);
  return { id, customerNo: customer_no, accountNo, name };
}

/** One more demand account of a customer, loaded as the feed loads it. */
export async function addAccount(ctx: TestContext, customerNo: string, accountNo: string, institutionCode: string) {
  await ctx.handle.db.transaction().execute((tx) => upsertAccounts(tx, ctx.system, [{ accountNo, customerNo, productId: '1010000001', kind: 'deposit_demand',
    currency: 'CNY', institutionCode, openedOn: '2024-03-15', status: 'active', balance: '1000.00' }]));
}

export const ITEMS = [{ certKind: '营业执照', certNo: '91370200MA3C0001X1', pages: 2, copies: 1 }, { certKind: '法人身份证', pages: 1, copies: 2 }];

/** Opens a flow and takes it as far as `to` through the API; returns its id and number. */
export async function flowAt(a: DocumentActors, accountNo: string, to: 'draft' | 'submitted' | 'received' | 'in_review' = 'draft', sender = a.clerkA1, centre = a.centreA) {
  const res = await sender.post('/api/documents/flows', { accountNo, items: ITEMS });
  expect(res.statusCode, res.body).toBe(201);
  const { id, flowNo } = res.json() as { id: number; flowNo: string };
  const steps: [string, Client, string][] = [['submitted', sender, 'submit'], ['received', centre, 'accept'], ['in_review', centre, 'entry']];
  for (const [state, who, action] of steps.slice(0, ['draft', 'submitted', 'received', 'in_review'].indexOf(to))) {
    const r = await who.post(`/api/documents/flows/${id}/${action}`);
    expect(r.statusCode, `${state}: ${r.body}`).toBeLessThan(300);
  }
  return { id, flowNo };
}
