// `npm run bench -- <name> [options]`: benchmarks on generated data, printing figures.
import { Command } from 'commander';
import { benchCustomers } from './customers.ts';
import type { ApprovalBenchOptions } from './approvals.ts';
import type { FeedBenchOptions } from './feed.ts';

const program = new Command('bench').description('Bank CRM benchmarks (real PostgreSQL; BENCH_DATABASE_URL)');
program.command('customers')
  .description('import throughput beside raw COPY, and p50/p95 of search and the customer view at 10,000 and at --count customers')
  .option('--count <n>', 'customers to generate', (v) => Number(v), 1_000_000)
  .option('--samples <n>', 'timed queries per search key', (v) => Number(v), 200)
  .option('--reuse', 'measure again on the crm_bench a previous run left, if it holds --count customers (no import)', false)
  .action(async (o: { count: number; samples: number; reuse: boolean }) => { await benchCustomers(o); });
program.command('feed')
  .description('daily feed: day 1 (the whole book) then days 2..N through loadFeed, beside raw COPY of the balances file; customer view p50/p95')
  .option('--customers <n>', 'customers in the book', (v) => Number(v), 1_000_000)
  .option('--days <n>', 'business days to generate and load', (v) => Number(v), 30)
  .option('--layout <layout>', 'delimited or fixed', 'delimited')
  .option('--encoding <encoding>', 'UTF-8 or GB18030', 'UTF-8')
  .option('--dir <dir>', 'write the feed folders here and keep them (default: a temporary folder, each day removed once loaded)')
  .option('--keep', 'keep the database crm_bench_feed afterwards', false)
  .option('--generate-only', 'only write the folders into --dir, no database', false)
  .option('--samples <n>', 'customers timed in the customer view', (v) => Number(v), 200)
  .option('--seed <n>', 'generator seed', (v) => Number(v), 20261125)
  .option('--start <date>', 'first business date, YYYY-MM-DD (default: the last day is yesterday)')
  .action(async (o: FeedBenchOptions) => {
    if (!['delimited', 'fixed'].includes(o.layout) || !['UTF-8', 'GB18030'].includes(o.encoding)) throw new Error('--layout delimited|fixed, --encoding UTF-8|GB18030');
    const { benchFeed } = await import('./feed.ts');
    await benchFeed(o);
  });

program.command('network')
  .description('a customer\'s two-hop network p50/p95 beside an index lookup, and the whole-bank guarantee scan beside a plain aggregate')
  .option('--customers <n>', 'customers', (v) => Number(v), 1_000_000)
  .option('--links <n>', 'links generated', (v) => Number(v), 3_000_000)
  .option('--samples <n>', 'timed networks each', (v) => Number(v), 200)
  .action(async (o: { customers: number; links: number; samples: number }) => {
    const { benchNetwork } = await import('./network.ts');
    await benchNetwork(o);
  });

program.command('approvals')
  .description('approval inbox first page and count over --open open requests, and a submit+decide loop, each beside a plain baseline')
  .option('--open <n>', 'open requests bank-wide', (v) => Number(v), 100_000)
  .option('--loop <n>', 'customer deletions submitted and decided (two steps each)', (v) => Number(v), 1_000)
  .option('--samples <n>', 'timed inbox queries each', (v) => Number(v), 200)
  .option('--profile <n>', 'after the loop, requests whose round trips are counted per submission and decision (0: none)', (v) => Number(v), 50)
  .option('--explain', 'with --profile: planning and execution time of each statement counted', false)
  .action(async (o: ApprovalBenchOptions) => {
    const { benchApprovals } = await import('./approvals.ts');
    await benchApprovals(o);
  });

program.command('warnings')
  .description('the early-warning daily run over --customers customers beside a plain aggregate, and the warning list for a head with --open open alerts')
  .option('--customers <n>', 'customers (three accounts each)', (v) => Number(v), 1_000_000)
  .option('--open <n>', 'open alerts in the head\'s subtree', (v) => Number(v), 10_000)
  .option('--samples <n>', 'timed list queries each', (v) => Number(v), 200)
  .action(async (o: { customers: number; open: number; samples: number }) => {
    const { benchWarnings } = await import('./warnings.ts');
    await benchWarnings(o);
  });

await program.parseAsync(process.argv);
