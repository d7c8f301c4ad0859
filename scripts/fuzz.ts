// npm run fuzz [-- --cases N --seed S --customers C --days D]: the contract fuzzer over every
// operation of the OpenAPI document against a fresh demo book (docs/api.md). Exit code 1 on any finding.
import { readFileSync, writeFileSync } from 'node:fs';
import { describeAnswers } from '../src/test/contract/describe-answers.ts';
import { ANSWERS } from '../src/common/http/openapi.ts';
import { parseArgs } from 'node:util';
import { openFuzzBook } from '../src/test/contract/fuzz-book.ts';
import { fuzz } from '../src/test/contract/fuzz.ts';

const { values } = parseArgs({ options: {
  cases: { type: 'string', default: '12' }, seed: { type: 'string', default: String(Date.now() % 100000) },
  customers: { type: 'string', default: '60' }, days: { type: 'string', default: '4' },
  successes: { type: 'string' },
  answers: { type: 'boolean', default: false },
} });
const seed = Number(values.seed);
const t0 = performance.now();
const book = await openFuzzBook({ customers: Number(values.customers), days: Number(values.days) });
console.log(`book ready in ${((performance.now() - t0) / 1000).toFixed(1)} s; fuzzing with seed ${seed}, ${values.cases} cases per operation and caller …`);
const report = await fuzz(book.app, book.doc, { seed, casesPerOperation: Number(values.cases), callers: book.callers, ids: book.ids, pathValues: book.pathValues, protectedIds: book.protectedIds, recipes: book.recipes });
await book.close();
// --successes file: the success answers seen, per operation (to describe or check answers by).
if (values.successes) writeFileSync(values.successes, JSON.stringify(report.successes, null, 1));
// --answers: (re)write the loose answer schemas of the operations that declare none (describe-answers.ts).
if (values.answers) {
  const own = new Set(Object.entries(book.doc.paths).flatMap(([p, ms]) => Object.entries(ms).filter(([, o]) => !o.responses['2XX'] && !JSON.stringify(o.responses).includes('(loose')).map(([m]) => `${m.toUpperCase()} ${p}`)));
  const previous = JSON.parse(readFileSync(ANSWERS, 'utf8')) as Record<string, unknown>;
  const seen = describeAnswers(report.successes);
  // Per operation and status: a status seen in an earlier run (a 202 a request under review
  // answers, say) stays declared when this run's requests happened to get another.
  const ops = [...new Set([...Object.keys(previous), ...Object.keys(seen)])].filter((op) => !own.has(op)).sort((a, b) => a.localeCompare(b));
  const merged = Object.fromEntries(ops.map((op) => [op, { ...(previous[op] as object | undefined), ...seen[op] }]));
  writeFileSync(ANSWERS, `${JSON.stringify(merged, null, 1)}\n`);
  console.log(`${Object.keys(merged).length} operations described loosely in ${ANSWERS}`);
}
const unreached = Object.entries(report.byOperation).filter(([, st]) => !Object.keys(st).some((c) => c < '300'));
console.log(`operations no request succeeded on (${unreached.length}):\n${unreached.map(([op, st]) => `  ${op} ${JSON.stringify(st)}`).join('\n')}`);
const staleRecipes = Object.entries(report.recipes).filter(([, r]) => !/^2\d\d$/.test(r));
console.log(`${Object.keys(report.recipes).length} recipes sent (valid-requests.ts), ${staleRecipes.length} without a success${staleRecipes.map(([op, r]) => `\n  ${op}: ${r}`).join('')}`);
if (process.env.FUZZ_DEBUG) for (const [op, r] of Object.entries(report.validRefused)) console.log(`valid but 400: ${op}\n  ${r}`);
for (const f of report.findings) console.log(`\n✗ ${f.operation} as ${f.caller}: ${f.problem}\n  ${f.request}\n  → ${f.status} ${f.body}`);
console.log(`\n${report.operations} operations, ${report.requests} requests, statuses ${JSON.stringify(report.statuses)}, ${report.reSignIns} sign-ins again, ${report.findings.length} findings (seed ${seed}) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
process.exit(report.findings.length ? 1 : 0);
