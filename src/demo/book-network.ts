// The relationship network of the demo book (issue 15): around sn_mgr's customers, keyed by the
// sub-branch's entry clerk through the link service as a clerk would — a family, a company's
// shareholders, legal representative, executive and employee, a mutual guarantee, two circles
// sharing a member (one circle with two cycles), a guarantor banking at another branch (masked
// for sn_mgr) and one who is not a customer, chains of three guarantees through the circles —
// then the day's guarantee scan, so the circles screen has something true on first start.
import type { Database } from '../db/database.ts';
import type { Actor } from '../modules/auth/actor.ts';
import { businessToday } from '../common/business-date.ts';
import { residentIdCheckDigit } from '../common/validators/resident-id.ts';
import { createLink } from '../modules/network/link.service.ts';
import type { CreateLink } from '../modules/network/link.schema.ts';
import { runGuaranteeScan } from '../modules/network/guarantee-scan.service.ts';

export async function addBookNetwork(db: Database, actorOf: (username: string) => Promise<Actor>) {
  const clerk = await actorOf('sn_entry');
  const mgr = await actorOf('sn_mgr');
  const mine = (kind: 'personal' | 'corporate', n: number) => db.selectFrom('customer as c')
    .innerJoin('customer_manager as m', (j) => j.onRef('m.customer_id', '=', 'c.id').on('m.role', '=', 'primary').on('m.user_id', '=', mgr.id!))
    .select(['c.id', 'c.customer_no']).where('c.kind', '=', kind).where('c.status', '=', 'active').orderBy('c.id').limit(n).execute();
  const companies = await mine('corporate', 6);
  const people = await mine('personal', 6);
  // A company of another branch (the last opened): his name is masked on sn_mgr's screens.
  const elsewhere = await db.selectFrom('customer as c').innerJoin('institution as i', 'i.id', 'c.institution_id')
    .select(['c.id', 'c.customer_no']).where('c.kind', '=', 'corporate').where('c.status', '=', 'active')
    .where('i.path', 'not like', `${(await actorOf('qd_admin')).scopePath}%`) // another branch than 青岛分行
    .orderBy('c.id', 'desc').limit(1).execute();
  if (companies.length < 6 || people.length < 6) return 0;
  const C = companies.map((c) => c.customer_no);
  const P = people.map((p) => p.customer_no);
  const no = (customerNo: string) => ({ by: 'customerNo' as const, customerNo });
  const idOf = (customerNo: string) => [...companies, ...people].find((c) => c.customer_no === customerNo)!.id;
  let made = 0;
  const link = async (of: string, body: CreateLink) => {
    await createLink(db, clerk, idOf(of), body);
    made++;
  };
  // A family, and the company the father owns and runs.
  await link(P[0]!, { party: no(P[1]!), role: '07' });
  await link(P[0]!, { party: no(P[2]!), role: '06' });
  await link(C[0]!, { party: no(P[0]!), role: '12', sharePct: '60.00' });
  await link(C[0]!, { party: no(C[1]!), role: '12', sharePct: '40.00' });
  await link(C[0]!, { party: no(P[0]!), role: '15' });
  await link(C[0]!, { party: no(P[3]!), role: '13' });
  await link(P[4]!, { party: no(C[0]!), role: '14' });
  // A mutual guarantee (互保) between the company and its corporate shareholder.
  await link(C[0]!, { party: no(C[1]!), role: '01', amount: '2000000.00', contractNo: 'BZ2026-0601' });
  await link(C[1]!, { party: no(C[0]!), role: '01', amount: '2000000.00', contractNo: 'BZ2026-0602' });
  // Two circles sharing C4: C2 → C3 → C4 → C2, and C4 ⇄ C5 — one circle of four with two cycles.
  await link(C[3]!, { party: no(C[2]!), role: '01', amount: '5000000.00', contractNo: 'BZ2026-0520' });
  await link(C[4]!, { party: no(C[3]!), role: '01', amount: '4000000.00', contractNo: 'BZ2026-0521' });
  await link(C[2]!, { party: no(C[4]!), role: '01', amount: '6000000.00', contractNo: 'BZ2026-0522' });
  await link(C[5]!, { party: no(C[4]!), role: '01', amount: '3500000.00', contractNo: 'BZ2026-0523' });
  await link(C[4]!, { party: no(C[5]!), role: '04', amount: '3500000.00', contractNo: 'ZY2026-0524' });
  // The chains into them: a guarantor at another branch and one who is not a customer secure C0;
  // C1 secures C2's loan; C5 guarantees the personal loan of P5.
  if (elsewhere[0]) await link(C[0]!, { party: no(elsewhere[0].customer_no), role: '01', amount: '8000000.00', contractNo: 'BZ2026-0107' });
  const stranger = '37020219720415003';
  await link(C[0]!, { party: { by: 'document', partyCategory: '2', name: '孙保证', idType: '10', idNumber: stranger + residentIdCheckDigit(stranger) }, role: '03', amount: '1500000.00', contractNo: 'DY2026-0311' });
  await link(C[2]!, { party: no(C[1]!), role: '01', amount: '3000000.00', contractNo: 'BZ2026-0412' });
  await link(C[5]!, { party: no(P[5]!), role: '02', amount: '500000.00', contractNo: 'BZ2026-0413' });
  await runGuaranteeScan(db, businessToday());
  return made;
}
