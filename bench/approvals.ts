// Approval engine benchmark (issue 13 targets), on a fresh PostgreSQL database:
//  1. 100,000 open requests bank-wide (and as many closed ones): a head-office reviewer's inbox
//     first page and badge count, p50/p95, beside the plain query of the same table without the
//     engine's role, scope and "not mine, not acted" predicates (the baseline);
//  2. 1,000 customer deletions submitted and decided (two steps each, the last one applying the
//     deletion) through the services, end to end, in decisions per second, beside the same number
//     of bare "update the request, insert a decision" transactions.
import { sql } from 'kysely';
import { businessToday } from '../src/common/business-date.ts';
import { loadActorForUser } from '../src/modules/auth/actor.queries.ts';
import { createUser } from '../src/modules/org/user.service.ts';
import { decide, submitRequest } from '../src/modules/approvals/approval.service.ts';
import { countInbox, listInbox } from '../src/modules/approvals/inbox.service.ts';
import { customerDeletion } from '../src/modules/customers/deletion/customer-deletion.workflow.ts';
import { bulkInsertCustomers } from '../src/modules/customers/import/bulk-insert.ts';
import '../src/server/workflow-types.ts';
import { bankTree, freshDatabase } from './customers.ts';
import { countingDatabase } from './round-trips.ts';
import { fmt, sample } from './timing.ts';

export interface ApprovalBenchOptions { open: number; loop: number; samples: number; profile: number; explain: boolean }

export async function benchApprovals(o: ApprovalBenchOptions) {
  const { handle, url } = await freshDatabase('crm_bench_approvals');
  const db = handle.db;
  const { actor: system, outlets } = await bankTree(handle);
  const root = system.managingInstitutionId;
  const outlet = outlets[0]!;
  const roleId = async (code: string) => (await db.selectFrom('role').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
  const user = async (username: string, institution: number, role: string) => {
    const { id } = await createUser(db, system, { username, displayName: username, homeInstitutionId: institution, managingInstitutionId: institution, roleIds: [await roleId(role)], initialPassword: 'Bench#Pass1' });
    return (await loadActorForUser(db, id, { ip: null, requestId: null }))!;
  };
  const maker = await user('bench_entry', outlet, 'data_entry_clerk');
  const reviewer = await user('bench_review', outlet, 'data_review_clerk');
  const head = await user('bench_head', outlet, 'institution_head');
  const hqReviewer = await user('bench_hq_review', root, 'data_review_clerk');
  console.log(`Approval benchmark on ${new URL(url).host}, PostgreSQL ${(await sql<{ v: string }>`select current_setting('server_version') as v`.execute(db)).rows[0]!.v}`);

  // 1. The inbox over o.open open requests spread over every sub-branch and due date, plus as many closed.
  const t0 = performance.now();
  await sql`
    insert into approval_request (workflow_type, subject_type, subject_id, subject_label, payload, maker_id, maker_institution_id, plan, step_count,
      current_step, step_role, acting_institution_id, due_on, status, submitted_at, closed_at)
    select 'customer.delete', 'customer', 'bench-' || g, '基准客户 ' || g, jsonb_build_object('customerId', g, 'reason', '基准'),
      ${maker.id}, o.id, '[{"roleCode":"data_review_clerk","actingInstitution":"own","timeLimitDays":2},{"roleCode":"institution_head","actingInstitution":"own","timeLimitDays":3}]'::jsonb,
      2, 1, 'data_review_clerk', o.id, current_date + (g % 30) - 10,
      case when g <= ${o.open} then 'pending' else 'approved' end, now() - (g % 1000) * interval '1 minute',
      case when g <= ${o.open} then null else now() end
    from generate_series(1, ${o.open * 2}) g
    join lateral (select (${sql.raw(`array[${outlets.join(',')}]`)})[1 + g % ${outlets.length}] as id) o on true`.execute(db);
  await sql`insert into approval_decision (request_id, round, step_no, actor_id, decision) select id, 1, 1, maker_id, 'submit' from approval_request`.execute(db);
  // What autovacuum does to a table of this age: the visibility map lets the inbox read its index only.
  await sql`vacuum analyze approval_request`.execute(db);
  await sql`vacuum analyze approval_decision`.execute(db);
  console.log(`  ${o.open.toLocaleString()} open and ${o.open.toLocaleString()} closed requests generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const page = (a: typeof reviewer) => () => listInbox(db, a, { page: 1, pageSize: 20 });
  const count = (a: typeof reviewer) => () => countInbox(db, a);
  const rows: [string, () => Promise<unknown>][] = [
    ['inbox first page, head-office reviewer', page(hqReviewer)],
    ['inbox count, head-office reviewer', count(hqReviewer)],
    ['inbox first page, sub-branch reviewer', page(reviewer)],
    ['inbox count, sub-branch reviewer', count(reviewer)],
    ['baseline: plain first page (no predicates)', () => sql`select * from approval_request where status = 'pending' order by due_on, id limit 21`.execute(db)],
    ['baseline: plain count of pending', () => sql`select count(*) from approval_request where status = 'pending'`.execute(db)],
  ];
  const visible = await countInbox(db, hqReviewer);
  console.log(`\nInbox with ${o.open.toLocaleString()} open items bank-wide (head office sees ${visible.pending.toLocaleString()}, ${visible.overdue.toLocaleString()} overdue); ${o.samples} samples (ms)`);
  console.log(`  ${'query'.padEnd(44)}     p50      p95      max`);
  for (const [name, fn] of rows) {
    await fn();
    const s = await sample(o.samples, fn);
    console.log(`  ${name.padEnd(44)}${fmt(s.p50, 2)} ${fmt(s.p95, 2)} ${fmt(s.max, 2)}`);
  }

  // 2. Submit and decide o.loop deletions of customers without holdings at the reviewers' sub-branch.
  const today = businessToday();
  const customers = Array.from({ length: o.loop + o.profile }, (_, i) => ({ kind: 'corporate' as const, name: `基准注销测试公司${i}`, institutionId: outlet, values: {}, identities: undefined }));
  const { ids } = await db.transaction().execute((tx) => bulkInsertCustomers(tx, system, customers, { source: 'import', flagDuplicates: false }));
  await sql`analyze`.execute(db);
  const profiled = ids.splice(o.loop);
  let t = performance.now();
  for (const id of ids) {
    const { requestId } = await submitRequest(db, maker, customerDeletion, { customerId: id, reason: '基准测试' });
    await decide(db, reviewer, requestId, { decision: 'approve', step: 1 });
    await decide(db, head, requestId, { decision: 'approve', step: 2 });
  }
  const loopMs = performance.now() - t;
  const deleted = Number((await sql<{ n: number }>`select count(*)::int as n from customer where id = any(${ids}::int8[]) and status = 'deleted'`.execute(db)).rows[0]!.n);
  // Baseline: the bare writes of a decision — move the request, record the decision — without checks, audit or apply.
  const bare = (await db.selectFrom('approval_request').select('id').where('status', '=', 'approved').limit(o.loop * 2).execute()).map((r) => r.id);
  t = performance.now();
  for (const id of bare) {
    await db.transaction().execute(async (tx) => {
      await tx.updateTable('approval_request').set({ updated_at: new Date() }).where('id', '=', id).execute();
      // A 'return' row: the same write as an approval, outside the one-approval-per-person index the loop's approvals already hold.
      await tx.insertInto('approval_decision').values({ request_id: id, round: 1, step_no: 1, actor_id: reviewer.id!, decision: 'return' }).execute();
    });
  }
  const bareMs = performance.now() - t;
  const decisions = o.loop * 2;
  console.log(`\n${o.loop.toLocaleString()} deletions submitted and decided through the services (${today}): ${deleted.toLocaleString()} customers deleted`);
  console.log(`  submit + 2 decisions each: ${(loopMs / 1000).toFixed(2)} s, ${fmt(decisions / (loopMs / 1000), 0)} decisions/s (${fmt((o.loop * 3) / (loopMs / 1000), 0)} submits+decisions/s)`);
  console.log(`  baseline, bare update + insert per decision: ${fmt(bare.length / (bareMs / 1000), 0)} transactions/s`);

  // Round trips: a few more requests through a database that counts what it sends, untimed above.
  if (profiled.length) {
    const counted = countingDatabase(url);
    for (const id of profiled) {
      const { requestId } = await counted.measure('submit', () => submitRequest(counted.db, maker, customerDeletion, { customerId: id, reason: '基准测试' }));
      await counted.measure('decide, step 1 of 2', () => decide(counted.db, reviewer, requestId, { decision: 'approve', step: 1 }));
      await counted.measure('decide, step 2 of 2 (apply)', () => decide(counted.db, head, requestId, { decision: 'approve', step: 2 }));
    }
    console.log(`\nRound trips per call (BEGIN and COMMIT included), ${profiled.length} more requests:`);
    counted.report(o.profile > 0);
    if (o.explain) {
      console.log('\nPlanning + execution of each statement (EXPLAIN ANALYZE, rolled back):');
      await counted.explain();
    }
    await counted.close();
  }
  await handle.close();
}
