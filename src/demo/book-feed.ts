// The demo book's accounts, balances and transactions: the generated core-banking feed, one
// folder per business day, loaded by the daily feed loader as the inbox job loads it. One day's
// first delivery carries a bad balance line and is refused whole, as the loader refuses any day
// with a rejected row; the corrected delivery then loads — so the feed history shows both.
import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Database } from '../db/database.ts';
import type { Actor } from '../modules/auth/actor.ts';
import { loadFeed } from '../modules/feed/feed.service.ts';
import { vacuumUnlessAutovacuum } from '../db/vacuum.ts';
import { computeRelationshipLevels } from '../modules/network/level/level.service.ts';
import { BOOK_INSTITUTIONS } from './book-customers.ts';
import { feedDays, type BookCustomer, type GeneratedDay } from './generate/feed.ts';

export interface FeedDaysOptions { dir: string; startDate: string; days: number; seed: number; book: BookCustomer[]; log: (line: string) => void }

/** The last days after which the relationship levels are computed, as the daily job does: their moves are on first start. */
const LEVEL_DAYS = 10;

/** The day, counted from the last, whose first delivery is refused. */
const REFUSED_DAY_FROM_END = 12;

/** A copy of the day's folder whose balances file has one amount with three decimals. */
async function badDelivery(day: GeneratedDay): Promise<string> {
  const dir = `${day.dir}-first`;
  await cp(day.dir, dir, { recursive: true });
  const file = join(dir, day.files.find((f) => f.kind === 'balances')!.file);
  const lines = (await readFile(file, 'utf8')).split('\n');
  lines[0] = lines[0]!.replace(/\|(-?\d+)\.(\d\d)$/, '|$1.$20');
  await writeFile(file, lines.join('\n'));
  return dir;
}

export async function loadFeedDays(db: Database, system: Actor, o: FeedDaysOptions): Promise<void> {
  let n = 0;
  for await (const day of feedDays({ outDir: o.dir, customers: 0, days: o.days, startDate: o.startDate, seed: o.seed, book: o.book, institutions: BOOK_INSTITUTIONS, opening: true })) {
    n++;
    if (n === o.days - REFUSED_DAY_FROM_END + 1) {
      const bad = await badDelivery(day);
      const refused = await loadFeed(db, system, bad, day.date, 'inbox');
      if (refused.status !== 'rejected') throw new Error(`demo book: the bad delivery of ${day.date} was ${refused.status}, not rejected`);
      await rm(bad, { recursive: true, force: true });
    }
    const result = await loadFeed(db, system, day.dir, day.date, 'inbox');
    if (result.status !== 'loaded') {
      throw new Error(`demo book: feed day ${day.date} ${result.status}: ${result.error ?? JSON.stringify(result.rejected.slice(0, 5))}`);
    }
    await rm(day.dir, { recursive: true, force: true });
    if (n > o.days - LEVEL_DAYS) await computeRelationshipLevels(db, day.date);
    if (n % 15 === 0 || n === o.days) {
      // What the nightly vacuum job does for a live embedded bank: without it the averages
      // rewritten every day would leave the new demo database mostly dead rows.
      await vacuumUnlessAutovacuum(db);
      o.log(`    feed day ${n}/${o.days} ${day.date} loaded`);
    }
  }
}
