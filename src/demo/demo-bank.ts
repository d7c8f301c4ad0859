// The demo bank created on first start of the embedded database: a head office, two branches,
// six sub-branches each with a marketing team, and about twenty staff covering every built-in
// role. Never created on a PostgreSQL server (DATABASE_URL): that start creates only `admin`.
import { businessToday } from '../common/business-date.ts';
import type { Database } from '../db/database.ts';
import { systemActor } from '../modules/auth/actor.ts';
import { createInstitution } from '../modules/org/institution.service.ts';
import { createUser } from '../modules/org/user.service.ts';
import { writeAudit } from '../modules/audit/audit.service.ts';

/** Demo accounts only: printed on the console and in the README, never used outside the demo bank. */
export const DEMO_PASSWORD = 'Demo#2026';

export interface DemoLogin { username: string; displayName: string; institution: string; roles: string[] }

type Inst = { code: string; name: string; kind: 'statistical' | 'marketing'; category?: 'corporate' | 'sme'; children?: Inst[] };

const TREE: Inst[] = [
  { code: '0100', name: '青岛分行', kind: 'statistical', children: [
    { code: '0101', name: '市南支行', kind: 'statistical', children: [{ code: '0111', name: '营销一队', kind: 'marketing', category: 'corporate' }] },
    { code: '0102', name: '市北支行', kind: 'statistical', children: [{ code: '0121', name: '营销一队', kind: 'marketing', category: 'corporate' }] },
    { code: '0103', name: '崂山支行', kind: 'statistical', children: [{ code: '0131', name: '中小企业团队', kind: 'marketing', category: 'sme' }] },
  ] },
  { code: '0200', name: '济南分行', kind: 'statistical', children: [
    { code: '0201', name: '历下支行', kind: 'statistical', children: [{ code: '0211', name: '营销一队', kind: 'marketing', category: 'corporate' }] },
    { code: '0202', name: '市中支行', kind: 'statistical', children: [{ code: '0221', name: '营销一队', kind: 'marketing', category: 'corporate' }] },
    { code: '0203', name: '槐荫支行', kind: 'statistical', children: [{ code: '0231', name: '中小企业团队', kind: 'marketing', category: 'sme' }] },
  ] },
];

// username, name, home institution code, managing institution code, roles
const STAFF: [string, string, string, string, string[]][] = [
  ['admin', '王建国', '0001', '0001', ['head_office_admin']],
  ['auditor', '李审', '0001', '0001', ['auditor']],
  ['hq_head', '赵总', '0001', '0001', ['institution_head', 'report_query']],
  ['product_mgr', '钱产品', '0001', '0001', ['product_manager']],
  ['qd_admin', '孙管理', '0100', '0100', ['branch_admin', 'customer_assignment']],
  ['qd_head', '周行长', '0100', '0100', ['institution_head', 'transfer_approval', 'scale_approval']],
  ['qd_confirm', '吴确认', '0100', '0100', ['transfer_confirmation', 'scale_confirmation']],
  ['qd_perf', '郑业绩', '0100', '0100', ['performance_allocation', 'report_query']],
  ['qd_group', '冯集团', '0100', '0100', ['group_relationship']],
  ['qd_sme', '陈专营', '0103', '0103', ['sme_collect', 'sme_screen', 'sme_reassign', 'sme_phone_schedule', 'sme_visit', 'sme_marketing']],
  ['sn_head', '褚支行长', '0101', '0101', ['institution_head']],
  ['sn_mgr', '卫主办', '0111', '0111', ['primary_manager']],
  ['sn_assist', '蒋协办', '0111', '0111', ['assisting_manager']],
  ['sn_aide', '沈助理', '0111', '0111', ['manager_assistant']],
  ['sn_entry', '韩录入', '0101', '0101', ['data_entry_clerk']],
  ['sn_review', '杨复核', '0101', '0101', ['data_review_clerk']],
  ['sn_teller', '朱柜员', '0101', '0101', ['non_corporate_user']],
  ['jn_admin', '秦管理', '0200', '0200', ['branch_admin']],
  ['lx_head', '尤支行长', '0201', '0201', ['institution_head']],
  ['lx_mgr', '许主办', '0211', '0211', ['primary_manager']],
  // The branch's back office: the processing centre of document transfer (docs/documents.md).
  ['qd_entry', '何录入', '0100', '0100', ['data_entry_clerk']],
  ['qd_review', '吕复核', '0100', '0100', ['data_review_clerk']],
];

export async function createDemoBank(db: Database): Promise<{ logins: DemoLogin[]; password: string }> {
  const root = await db.transaction().execute(async (tx) => {
    const r = await tx.insertInto('institution').values({ code: '0001', name: '示范商业银行', parent_id: null, level: 1, kind: 'statistical', path: '' })
      .returningAll().executeTakeFirstOrThrow();
    await tx.updateTable('institution').set({ path: `/${r.id}/` }).where('id', '=', r.id).execute();
    await tx.insertInto('institution_history').values({ institution_id: r.id, parent_id: null, code: r.code, name: r.name, status: 'active', valid_from: businessToday(), event: 'open' }).execute();
    await writeAudit(tx, systemActor(r.id, `/${r.id}/`), { action: 'institution.create', entityType: 'institution', entityId: r.id, after: r });
    return r;
  });
  const actor = systemActor(root.id, `/${root.id}/`);
  const ids = new Map<string, number>([['0001', root.id]]);
  const names = new Map<string, string>([['0001', root.name]]);
  const plant = async (nodes: Inst[], parentId: number) => {
    for (const n of nodes) {
      const { id } = await createInstitution(db, actor, { code: n.code, name: n.name, parentId, kind: n.kind, category: n.category ?? null });
      ids.set(n.code, id);
      names.set(n.code, n.name);
      if (n.children) await plant(n.children, id);
    }
  };
  await plant(TREE, root.id);

  const roles = new Map((await db.selectFrom('role').select(['id', 'code', 'name_zh']).execute()).map((r) => [r.code, r]));
  const logins: DemoLogin[] = [];
  for (const [username, displayName, home, managing, roleCodes] of STAFF) {
    const { id } = await createUser(db, actor, {
      username, displayName, homeInstitutionId: ids.get(home)!, managingInstitutionId: ids.get(managing)!,
      roleIds: roleCodes.map((c) => roles.get(c)!.id), initialPassword: DEMO_PASSWORD,
    });
    // Demo accounts are ready to use; real accounts must change their initial password.
    await db.updateTable('app_user').set({ must_change_password: false }).where('id', '=', id).execute();
    logins.push({ username, displayName, institution: names.get(home)!, roles: roleCodes.map((c) => roles.get(c)!.name_zh) });
  }
  return { logins, password: DEMO_PASSWORD };
}
