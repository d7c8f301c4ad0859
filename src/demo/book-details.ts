// What the back office and the managers record about the demo book's customers once their
// accounts exist, each through its service (validated, audited): certificates (some expiring
// within the reminder week), blacklist entries, risk assessments of wealth customers, signings,
// channel limits; then the certificate-expiry job, as the scheduler runs it, turns the expiring
// certificates into to-dos. Choices are drawn from the seed, so the book stays deterministic.
import type { Database } from '../db/database.ts';
import type { Actor } from '../modules/auth/actor.ts';
import { createCertificate } from '../modules/customers/certificates/certificate.service.ts';
import { addBlacklistEntry } from '../modules/customers/blacklist/blacklist.service.ts';
import { createRiskAssessment } from '../modules/customers/risk-assessment/risk-assessment.service.ts';
import { registerSigning } from '../modules/accounts/signings/signing.service.ts';
import { setChannelLimit } from '../modules/accounts/channel-limits/channel-limit.service.ts';
import { JOBS, runJob } from '../server/jobs.ts';
import { addDays } from '../modules/customers/certificates/certificate.rules.ts';
import { mix, pad, rng } from './generate/random.ts';

interface BookAccount { id: number; account_no: string; kind: string; status: string; opened_on: string; product_id: string }
interface BookRow { id: number; kind: 'personal' | 'corporate'; institution: string; city: string; manager: string | null; creditCode: string | null; establishedOn: string | null; accounts: BookAccount[] }

/** The book as the CRM holds it after the feed: customers in number order with their open accounts. */
async function readBook(db: Database): Promise<BookRow[]> {
  const customers = await db.selectFrom('customer as c')
    .innerJoin('institution as i', 'i.id', 'c.institution_id')
    .leftJoin('corporate_customer as cc', 'cc.customer_id', 'c.id')
    .leftJoin('customer_manager as m', (j) => j.onRef('m.customer_id', '=', 'c.id').on('m.role', '=', 'primary').on('m.ends_on', 'is', null))
    .leftJoin('app_user as u', 'u.id', 'm.user_id')
    .select(['c.id', 'c.kind', 'i.code', 'u.username', 'cc.credit_code', 'cc.established_on', 'cc.registered_address'])
    .where('c.origin', '=', 'crm').orderBy('c.customer_no').execute();
  const accounts = await db.selectFrom('account').select(['id', 'customer_id', 'account_no', 'kind', 'status', 'opened_on', 'product_id'])
    .where('status', '<>', 'closed').orderBy('account_no').execute();
  const byCustomer = new Map<number, BookAccount[]>();
  for (const a of accounts) byCustomer.set(a.customer_id, [...(byCustomer.get(a.customer_id) ?? []), a]);
  return customers.map((c) => ({
    id: c.id, kind: c.kind, institution: c.code, manager: c.username, creditCode: c.credit_code, establishedOn: c.established_on,
    city: c.code.startsWith('02') ? '济南' : '青岛', accounts: byCustomer.get(c.id) ?? [],
  }));
}

export interface BookDetailsOptions { seed: number; today: string; system: Actor; actorOf: (username: string) => Promise<Actor> }

export async function addBookDetails(db: Database, o: BookDetailsOptions): Promise<void> {
  const r = rng(mix(o.seed, 17));
  const uniform = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const book = await readBook(db);
  // Managers record for their own customers; the back office (the system, in the demo) for the rest.
  const actors = new Map<string, Actor>();
  const actorFor = async (c: BookRow) => {
    if (!c.manager) return o.system;
    if (!actors.has(c.manager)) actors.set(c.manager, await o.actorOf(c.manager));
    return actors.get(c.manager)!;
  };
  const ago = (days: number) => addDays(o.today, -days);

  // Certificates: the managed companies' credit-code certificates and every third of the others'
  // (no end date since the 2015 reform); every fourth company a temporary deposit account permit,
  // which expires — the first of each portfolio, and a few of the rest, within the reminder week.
  // (Not every company: each is a transaction of its own, and the first start has a minute.)
  const companies = book.filter((c) => c.kind === 'corporate');
  const firstOfPortfolio = new Set<string | null>();
  for (const [k, c] of companies.entries()) {
    const actor = await actorFor(c);
    if (c.manager || k % 3 === 0) {
      await createCertificate(db, actor, c.id, { certType: '08', number: c.creditCode, issuer: `${c.city}市市场监督管理局`,
        issuedOn: c.establishedOn && c.establishedOn > '2016-01-01' ? c.establishedOn : `2016-${pad(uniform(1, 12), 2)}-${pad(uniform(1, 28), 2)}` });
    }
    const current = c.accounts.find((a) => a.kind === 'deposit_demand');
    if (k % 4 !== 0 || !current) continue;
    const soon = !firstOfPortfolio.has(c.manager) || r() < 0.2;
    firstOfPortfolio.add(c.manager);
    await createCertificate(db, actor, c.id, { certType: '07', number: `L${c.city === '青岛' ? '4520' : '4510'}${pad(uniform(0, 999_999_999), 9)}`,
      accountBank: `示范商业银行${c.city}分行`, accountNo: current.account_no, issuer: `中国人民银行${c.city}市中心支行`,
      issuedOn: ago(uniform(200, 600)), expiresOn: soon ? addDays(o.today, uniform(1, 7)) : addDays(o.today, uniform(30, 500)) });
  }

  // Blacklist: a handful, from the bank's risk department and from the courts' list of dishonest judgment debtors.
  const persons = book.filter((c) => c.kind === 'personal');
  const listed = [persons[7], persons[40], persons[95], companies[3], persons.find((c) => c.manager === 'sn_mgr')].filter((c) => c !== undefined);
  for (const [k, c] of listed.entries()) {
    const court = k % 2 === 1;
    await addBlacklistEntry(db, o.system, {
      customerId: c.id, listKind: court ? 'external' : 'internal', listedOn: ago(uniform(10, 400)),
      source: court ? '最高人民法院失信被执行人名单' : '本行风险管理部', reason: court ? '有履行能力而拒不履行生效法律文书确定义务' : '个人贷款逾期超过90天，经催收未还',
    });
  }

  // Risk assessments: wealth customers answer the questionnaire before buying; valid for a year.
  for (const c of persons.filter((p) => p.accounts.some((a) => a.kind === 'wealth')).slice(0, 50)) {
    const assessedOn = ago(uniform(20, 500));
    await createRiskAssessment(db, await actorFor(c), c.id, { assessedOn, validUntil: addDays(assessedOn, 365), result: `${uniform(1, 4)}0`,
      score: uniform(20, 95), channel: r() < 0.6 ? 'counter' : 'mobile' });
  }

  // Signings at the counter: utility bills from a card, securities settlement from a current account, the cash-management service.
  for (const c of persons.filter((_, k) => k % 40 === 3)) {
    const card = c.accounts.find((a) => a.kind === 'card' && a.status === 'active');
    const current = c.accounts.find((a) => a.kind === 'deposit_demand' && a.status === 'active');
    if (card) {
      await registerSigning(db, o.system, c.id, { kind: 'collection_payment', productId: card.product_id, accountId: card.id, counterpartyCode: 'SDEPC0201',
        counterpartyName: '国网山东省电力公司青岛供电公司', payerNo: `0201${pad(uniform(0, 99_999_999), 8)}`, channel: 'counter', signedOn: maxDate(card.opened_on, ago(uniform(5, 300))) });
    }
    if (current && r() < 0.5) {
      await registerSigning(db, o.system, c.id, { kind: 'third_party', productId: current.product_id, accountId: current.id, counterpartyCode: 'ZXZQ',
        counterpartyName: '中信证券股份有限公司', channel: 'counter', signedOn: maxDate(current.opened_on, ago(uniform(5, 300))) });
    }
    if (r() < 0.5) await registerSigning(db, o.system, c.id, { kind: 'product_service', productId: '3010000002', channel: 'mobile_banking', signedOn: ago(uniform(5, 300)) });
  }

  // Channel limits the customers asked for: mobile-banking transfers capped per transaction and per day.
  for (const c of persons.filter((_, k) => k % 90 === 11)) {
    const per = uniform(1, 10) * 10_000;
    await setChannelLimit(db, o.system, c.id, { channel: 'mobile_banking', perTransaction: `${per}.00`, dailyAmount: `${per * 5}.00`, dailyCount: 20,
      effectiveFrom: o.today, remark: '客户申请调低手机银行转账限额' });
  }

  // The morning's certificate-expiry run, as the scheduler makes it.
  const job = JOBS.find((j) => j.name === 'certificate-expiry')!;
  const run = await runJob(db, job, { businessDate: o.today, trigger: 'schedule' });
  if (run.status !== 'ok') throw new Error(`demo book: the certificate-expiry job ${run.status}`);
}

const maxDate = (a: string, b: string) => (a > b ? a : b);
