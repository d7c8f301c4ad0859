// The demo book: what the demo bank's staff find when they first sign in — about 2,000
// customers, their accounts and 90 days of balances and transactions ending yesterday, with the
// alerts, to-dos and daily averages the product computes from them. Built on the first start of
// the embedded database (never on a server) and by `npm run crm -- demo reset`.
//
// Nothing is written behind the product's back: customers go in through the customer import
// (each manager imports his own portfolio and so becomes its primary manager; the rest arrive as
// the go-live migration, imported by the system, unassigned), accounts and balances through the
// daily feed loader, one business day after another, and the rest through the services the
// screens use. Every figure on screen is one the product computed, and every step is audited.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { Database } from '../db/database.ts';
import { loadActorForUser, rootSystemActor } from '../modules/auth/actor.queries.ts';
import { createDemoProducts } from './demo-products.ts';
import { getSetting, putSetting } from '../modules/settings/settings.service.ts';
import type { DemoBookState } from './book-state.ts';
import { importPortfolios, planPortfolios } from './book-customers.ts';
import { loadFeedDays } from './book-feed.ts';
import { addBookDetails } from './book-details.ts';
import { businessToday } from '../common/business-date.ts';
import { isoOf, toDayNo } from './generate/feed.ts';
import { addBookApprovals, addBookMergeReview, addBookOpeningReview } from './book-approvals.ts';
import { addBookScale } from './book-scale.ts';
import { addBookTransfers } from './book-transfer.ts';
import { addBookNetwork } from './book-network.ts';
import { addBookPerformance } from './book-performance.ts';
import { addBookDocuments } from './book-documents.ts';
import { addBookImages } from './book-images.ts';
import { raiseCompletenessTodos } from '../modules/completeness/completeness.job.ts';
import type { ImageStore } from '../modules/images/image-store.ts';
import { addBookInformationReviews } from './book-information-reviews.ts';

export interface DemoBookOptions {
  /** Customers imported into the CRM before the first feed day. */
  customers: number;
  /** Business days of feed, the last one being endDate. */
  days: number;
  /** The last business day loaded: yesterday at first start, so alerts and reminders are current. */
  endDate: string;
  seed: number;
  /** Progress lines for the console. */
  log?: (line: string) => void;
  /** Where the demo's scans go (the configured image store); none: the book has no images. */
  imageStore?: ImageStore;
}

export const DEMO_BOOK_SIZE = { customers: 2000, days: 90, seed: 20261204 } as const;

export interface DemoBookSummary { customers: number; accounts: number; days: number; endDate: string; ms: number }


export async function demoBookState(db: Database): Promise<DemoBookState> {
  return getSetting(db, 'demo.book');
}

/** Builds the book on the demo bank (createDemoBank first). Deterministic for seed and endDate. */
export async function buildDemoBook(db: Database, opts: DemoBookOptions): Promise<DemoBookSummary> {
  const t0 = performance.now();
  const say = opts.log ?? (() => {});
  const log = (line: string) => say(`${line} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  say(`  Building the demo book: ${opts.customers.toLocaleString('en-US')} customers, ${opts.days} business days of feed up to ${opts.endDate} …`);
  const system = await rootSystemActor(db);
  await db.transaction().execute((tx) => putSetting(tx, system, 'demo.book', { status: 'building', seed: opts.seed, endDate: opts.endDate }));

  await createDemoProducts(db, system);
  const actorOf = async (username: string) => {
    const user = await db.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirstOrThrow();
    return (await loadActorForUser(db, user.id, { ip: null, requestId: null }))!;
  };
  const plan = planPortfolios(opts.customers, opts.seed);
  const imported = await importPortfolios(db, plan, system, actorOf);
  log(`    ${imported.length} customers imported`);

  const dir = await mkdtemp(join(tmpdir(), 'crm-demo-feed-'));
  try {
    const startDate = isoOf(toDayNo(opts.endDate) - opts.days + 1);
    await loadFeedDays(db, system, { dir, startDate, days: opts.days, seed: opts.seed, book: imported, log });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  await addBookDetails(db, { seed: opts.seed, today: businessToday(), system, actorOf });
  log('    certificates, blacklist, risk assessments, signings, channel limits and reminders recorded');
  await addBookApprovals(db, actorOf);
  log('    customer deletions under review');
  await addBookDocuments(db, actorOf, businessToday());
  log('    document-transfer flows and the archive');
  if (opts.imageStore) {
    log(`    ${await addBookImages(db, opts.imageStore, actorOf)} images imported`);
  }
  // The morning job's to-dos for new customers still incomplete three working days after opening.
  log(`    ${(await raiseCompletenessTodos(db, businessToday())).raised} completeness to-dos raised`);
  await addBookInformationReviews(db, actorOf);
  log('    customer information changes under review');
  log(`    ${await addBookScale(db, actorOf)} scale-attribute changes under review`);
  log(`    ${await addBookTransfers(db, actorOf)} transfers of primary rights under review`);
  log(`    ${await addBookNetwork(db, actorOf)} customer links keyed, guarantee circles scanned`);
  log(`    ${await addBookPerformance(db, actorOf)} performance splits (one approved, one under review)`);
  log(`    ${await addBookMergeReview(db, actorOf)} customer merge under review`);
  log(`    ${await addBookOpeningReview(db, actorOf)} customer opening under review`);

  const accounts = Number((await sql<{ n: number }>`select count(*)::int as n from account`.execute(db)).rows[0]!.n);
  const customers = Number((await sql<{ n: number }>`select count(*)::int as n from customer`.execute(db)).rows[0]!.n);
  const ms = Math.round(performance.now() - t0);
  await db.transaction().execute((tx) => putSetting(tx, system, 'demo.book',
    { status: 'complete', seed: opts.seed, endDate: opts.endDate, customers, accounts, days: opts.days, ms }));
  return { customers, accounts, days: opts.days, endDate: opts.endDate, ms };
}
