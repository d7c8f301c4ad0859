// Document transfer and the archive in the demo book, made through the services as people would:
// 市南支行's entry clerk (sn_entry) sends the paper of seven accounts to 青岛分行's processing
// centre. One flow is still a draft, one waits for the centre's receipt (qd_entry's to-do), one
// for keying, one for review (qd_review's inbox), three are completed. The centre's cabinet holds
// the received files; one file is out and overdue (a reminder to-do for qd_entry), one is out.
import { sql } from 'kysely';
import type { Database } from '../db/database.ts';
import { addDays } from '../modules/calendar/working-days.ts';
import type { Actor } from '../modules/auth/actor.ts';
import { decide } from '../modules/approvals/approval.service.ts';
import { acceptFlow, createFlow, submitFlow } from '../modules/documents/transfer/flow.service.ts';
import { submitEntry } from '../modules/documents/transfer/entry.service.ts';
import { createCabinet, fileFlows } from '../modules/documents/archive/archive.service.ts';
import { checkOut, raiseOverdueReminders } from '../modules/documents/archive/archive-loan.service.ts';
import { DEFAULT_CERTIFICATES } from '../modules/documents/transfer/flow.schema.ts';

const ITEMS = DEFAULT_CERTIFICATES.map((certKind, i) => ({ certKind, pages: i === 0 ? 2 : 1, copies: i === 4 ? 2 : 1 }));
// How far each of the seven flows goes.
const STAGES = ['completed', 'completed', 'completed', 'in_review', 'received', 'submitted', 'draft'] as const;

async function keyedPhone(db: Database, flowId: number, i: number) {
  const c = await db.selectFrom('document_flow as f').innerJoin('customer as c', 'c.id', 'f.customer_id').select('c.version').where('f.id', '=', flowId).executeTakeFirstOrThrow();
  return { version: c.version, officePhone: `0532-8586${String(1000 + i)}` };
}

export async function addBookDocuments(db: Database, actorOf: (username: string) => Promise<Actor>, today: string): Promise<number> {
  const [sender, centre, reviewer] = [await actorOf('sn_entry'), await actorOf('qd_entry'), await actorOf('qd_review')];
  const accounts = await db.selectFrom('account as a').innerJoin('customer as c', 'c.id', 'a.customer_id').innerJoin('institution as ci', 'ci.id', 'c.institution_id')
    .select('a.account_no').where('c.kind', '=', 'corporate').where('c.status', '=', 'active').where('a.status', '=', 'active')
    .where(sql<boolean>`ci.path like (select path from institution where code = '0101') || '%'`)
    .orderBy('a.account_no').limit(STAGES.length).execute();
  const filed: number[] = [];
  for (const [i, stage] of STAGES.entries()) {
    const account = accounts[i];
    if (!account) break;
    const { id } = await createFlow(db, sender, { accountNo: account.account_no, items: ITEMS });
    if (stage === 'draft') continue;
    await submitFlow(db, sender, id);
    if (stage === 'submitted') continue;
    await acceptFlow(db, centre, id);
    filed.push(id);
    if (stage === 'received') continue;
    // The centre keyed the company's office phone from the paper (the one in review shows it old →
    // new to qd_review; the first completed one has it in the field history with maker and checker);
    // the other paper matched the customer.
    const patch = i === 0 || stage === 'in_review' ? await keyedPhone(db, id, i) : undefined;
    const { requestId } = await submitEntry(db, centre, id, patch);
    if (stage === 'completed') await decide(db, reviewer, requestId, { decision: 'approve', step: 1, reason: '资料与录入一致' });
  }
  const qd = await db.selectFrom('institution').select('id').where('code', '=', '0100').executeTakeFirstOrThrow();
  const cabinet = await createCabinet(db, centre, { institutionId: qd.id, code: 'QD01', name: '青岛分行一号档案柜', cellCount: 20, copiesPerCell: 10 });
  if (filed.length) {
    const positions = (await fileFlows(db, centre, cabinet.id, filed)).items;
    // A loan registered three weeks late: long overdue. And one out this week, not yet due.
    if (positions[0]) await checkOut(db, centre, positions[0].id, { borrower: '卫主办', purpose: '授信审查调阅原件', workingDays: 5, checkedOutOn: addDays(today, -21) });
    if (positions[1]) await checkOut(db, centre, positions[1].id, { borrower: '褚支行长', purpose: '年检核对营业执照', workingDays: 5 });
    await raiseOverdueReminders(db, today);
  }
  return accounts.length;
}
