// A production start on an empty database: the head office and one administrator whose
// password comes from CRM_ADMIN_PASSWORD and must be changed at first sign-in.
import type { Database } from '../db/database.ts';
import { writeAudit } from '../modules/audit/audit.service.ts';
import { systemActor } from '../modules/auth/actor.ts';
import { assertAcceptablePassword, setPassword } from '../modules/auth/session.service.ts';
import { AppError } from '../common/http/errors.ts';
import { t } from '../common/i18n/i18n.ts';

export async function createFirstAdministrator(db: Database, password: string, bank = { code: process.env.CRM_HEAD_OFFICE_CODE ?? '0001', name: process.env.CRM_BANK_NAME ?? '总行' }) {
  try {
    await assertAcceptablePassword(db, null, 'admin', password, 0, 'CRM_ADMIN_PASSWORD');
  } catch (err) {
    if (err instanceof AppError) throw new Error(`CRM_ADMIN_PASSWORD: ${err.fieldErrors.map((f) => t('en-US', f.code, f.params)).join('; ')}`);
    throw err;
  }
  await db.transaction().execute(async (tx) => {
    const root = await tx.insertInto('institution').values({ code: bank.code, name: bank.name, parent_id: null, level: 1, kind: 'statistical', path: '' })
      .returningAll().executeTakeFirstOrThrow();
    await tx.updateTable('institution').set({ path: `/${root.id}/` }).where('id', '=', root.id).execute();
    const admin = await tx.insertInto('app_user').values({
      username: 'admin', display_name: '系统管理员', home_institution_id: root.id, managing_institution_id: root.id, password_hash: 'unset',
    }).returning('id').executeTakeFirstOrThrow();
    await setPassword(tx, admin.id, password, true);
    const role = await tx.selectFrom('role').select('id').where('code', '=', 'head_office_admin').executeTakeFirstOrThrow();
    await tx.insertInto('user_role').values({ user_id: admin.id, role_id: role.id, granted_by: null }).execute();
    await writeAudit(tx, systemActor(root.id, `/${root.id}/`), { action: 'system.first_admin', entityType: 'user', entityId: admin.id, after: { username: 'admin', institution: bank } });
  });
}
