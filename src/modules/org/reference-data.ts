// Reference data the code defines: institution level names (defaults only), the permission
// catalogue and the built-in roles. Applied at every start, idempotently.
import type { Database } from '../../db/database.ts';
import { BUILTIN_ROLES } from './builtin-roles.ts';
import { PERMISSIONS } from './permissions.ts';

const DEFAULT_LEVELS = [
  { level: 1, name_zh: '总行', name_en: 'Head office' },
  { level: 2, name_zh: '分行', name_en: 'Branch' },
  { level: 3, name_zh: '支行', name_en: 'Sub-branch' },
  { level: 4, name_zh: '营销团队', name_en: 'Marketing team' },
];

export async function seedOrgReferenceData(db: Database): Promise<void> {
  await db.transaction().execute(async (tx) => {
    // Level names are configuration: only missing levels get the defaults.
    await tx.insertInto('institution_level').values(DEFAULT_LEVELS).onConflict((oc) => oc.column('level').doNothing()).execute();
    await tx.insertInto('permission').values(PERMISSIONS.map((p) => ({ code: p.code, domain: p.domain, name_zh: p.zh, name_en: p.en })))
      .onConflict((oc) => oc.column('code').doUpdateSet((eb) => ({ domain: eb.ref('excluded.domain'), name_zh: eb.ref('excluded.name_zh'), name_en: eb.ref('excluded.name_en') })))
      .execute();
    for (const r of BUILTIN_ROLES) {
      const role = await tx.insertInto('role').values({ code: r.code, name_zh: r.zh, name_en: r.en, category: r.category, builtin: true, data_scope: r.dataScope })
        .onConflict((oc) => oc.column('code').doUpdateSet({ name_zh: r.zh, name_en: r.en, category: r.category, builtin: true, data_scope: r.dataScope }))
        .returning('id').executeTakeFirstOrThrow();
      await tx.deleteFrom('role_permission').where('role_id', '=', role.id).execute();
      await tx.insertInto('role_permission').values(r.permissions.map((permission_code) => ({ role_id: role.id, permission_code }))).execute();
    }
  });
}
