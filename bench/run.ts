// `npm run bench -- <name> [options]`: benchmarks on generated data, printing figures.
import { Command } from 'commander';
import { benchCustomers } from './customers.ts';

const program = new Command('bench').description('Bank CRM benchmarks (real PostgreSQL; BENCH_DATABASE_URL)');
program.command('customers')
  .description('import throughput beside raw COPY, and p50/p95 of search and the customer view at 10,000 and at --count customers')
  .option('--count <n>', 'customers to generate', (v) => Number(v), 1_000_000)
  .option('--samples <n>', 'timed queries per search key', (v) => Number(v), 200)
  .action(async (o: { count: number; samples: number }) => { await benchCustomers(o); });

await program.parseAsync(process.argv);
