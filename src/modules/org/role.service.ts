// Roles (USR-1, USR-3…7, USR-11): named sets of permission codes with a data scope. Built-in
// roles come from builtin-roles.ts; administrators add custom ones. Granting is guarded by
// separation of duties: nobody grants himself, and audit reading never sits with administration.
import type { Database, Executor, Tx } from '../../db/database.ts';
import { AppError, conflict, invalid, notFound } from '../../common/http/errors.ts';
import { writeAudit } from '../audit/audit.service.ts';
import type { Actor } from '../auth/actor.ts';
import { ADMINISTRATION_PERMISSIONS, PERMISSION_CODES, PERMISSIONS } from './permissions.ts';
import type { CreateRole, UpdateRole } from './role.schema.ts';

export const listPermissions = () => PERMISSIONS.map((p) => ({ code: p.code, domain: p.domain, nameZh: p.zh, nameEn: p.en }));

export async function listRoles(db: Executor) {
  const [roles, perms, usage] = await Promise.all([
    db.selectFrom('role').select(['id', 'code', 'name_zh as nameZh', 'name_en as nameEn', 'category', 'description', 'builtin', 'data_scope as dataScope', 'version'])
      .orderBy('builtin', 'desc').orderBy('id').execute(),
    db.selectFrom('role_permission').select(['role_id', 'permission_code']).execute(),
    db.selectFrom('user_role').innerJoin('app_user', 'app_user.id', 'user_role.user_id').where('app_user.status', '<>', 'left')
      .select(['user_role.role_id', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('user_role.role_id').execute(),
  ]);
  return roles.map((r) => ({
    ...r,
    permissions: perms.filter((p) => p.role_id === r.id).map((p) => p.permission_code),
    userCount: Number(usage.find((u) => u.role_id === r.id)?.n ?? 0),
  }));
}

export async function getRole(db: Executor, id: number) {
  const role = (await listRoles(db)).find((r) => r.id === id);
  if (!role) throw notFound('role');
  return role;
}

function checkPermissions(codes: string[]) {
  const unknown = codes.filter((c) => !PERMISSION_CODES.has(c));
  if (unknown.length) throw invalid({ path: 'permissions', code: 'org.role.unknown_permission', params: { codes: unknown.join(', ') } });
  const sod = sodConflict(new Set(codes));
  if (sod) throw invalid({ path: 'permissions', code: 'org.role.sod_conflict', params: { permissions: sod } });
}

/** USR-11: the reader of the audit log may not also administer users and roles. */
function sodConflict(perms: ReadonlySet<string>): string | null {
  if (!perms.has('audit.read')) return null;
  const admin = ADMINISTRATION_PERMISSIONS.filter((p) => perms.has(p));
  return admin.length ? ['audit.read', ...admin].join(' + ') : null;
}

export async function createRole(db: Database, actor: Actor, input: CreateRole) {
  const permissions = [...new Set(input.permissions)];
  checkPermissions(permissions);
  return db.transaction().execute(async (tx) => {
    if (await tx.selectFrom('role').select('id').where('code', '=', input.code).executeTakeFirst()) {
      throw invalid({ path: 'code', code: 'org.role.code_taken', params: { code: input.code } });
    }
    const role = await tx.insertInto('role').values({
      code: input.code, name_zh: input.nameZh, name_en: input.nameEn, description: input.description ?? null,
      category: 'custom', builtin: false, data_scope: input.dataScope,
    }).returningAll().executeTakeFirstOrThrow();
    if (permissions.length) await tx.insertInto('role_permission').values(permissions.map((permission_code) => ({ role_id: role.id, permission_code }))).execute();
    await writeAudit(tx, actor, { action: 'role.create', entityType: 'role', entityId: role.id, after: { ...role, permissions } });
    return { id: role.id };
  });
}

export async function updateRole(db: Database, actor: Actor, id: number, input: UpdateRole) {
  if (input.permissions) checkPermissions([...new Set(input.permissions)]);
  return db.transaction().execute(async (tx) => {
    const before = await tx.selectFrom('role').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!before) throw notFound('role');
    if (before.builtin) throw new AppError('org.role.builtin_readonly', 409);
    if (before.version !== input.version) throw conflict();
    const beforePerms = (await tx.selectFrom('role_permission').select('permission_code').where('role_id', '=', id).execute()).map((p) => p.permission_code);
    const after = await tx.updateTable('role').set({
      name_zh: input.nameZh ?? before.name_zh, name_en: input.nameEn ?? before.name_en,
      description: input.description === undefined ? before.description : input.description,
      data_scope: input.dataScope ?? before.data_scope, version: before.version + 1, updated_at: new Date(),
    }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    const permissions = input.permissions ? [...new Set(input.permissions)] : beforePerms;
    if (input.permissions) {
      await tx.deleteFrom('role_permission').where('role_id', '=', id).execute();
      if (permissions.length) await tx.insertInto('role_permission').values(permissions.map((permission_code) => ({ role_id: id, permission_code }))).execute();
      // A widened role must not give any current holder a forbidden combination.
      const holders = await tx.selectFrom('user_role').select('user_id').where('role_id', '=', id).execute();
      for (const h of holders) await assertNoSodForUser(tx, h.user_id, []);
    }
    await writeAudit(tx, actor, { action: 'role.update', entityType: 'role', entityId: id, before: { ...before, permissions: beforePerms }, after: { ...after, permissions } });
    return { id };
  });
}

export async function deleteRole(db: Database, actor: Actor, id: number) {
  return db.transaction().execute(async (tx) => {
    const role = await tx.selectFrom('role').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!role) throw notFound('role');
    if (role.builtin) throw new AppError('org.role.builtin_readonly', 409);
    // Users who left and revoked tokens keep their roles frozen (neither can change any more), so
    // counting them as holders would make a role once granted undeletable; as in listRoles, they do not count.
    const holders = await tx.selectFrom('user_role').innerJoin('app_user', 'app_user.id', 'user_role.user_id')
      .select(['user_role.user_id as userId', 'app_user.status']).where('user_role.role_id', '=', id).execute();
    const leftHolders = holders.filter((h) => h.status === 'left').map((h) => h.userId);
    const tokens = await tx.selectFrom('api_token_role').innerJoin('api_token', 'api_token.id', 'api_token_role.token_id')
      .select(['api_token.id', 'api_token.revoked_at']).where('api_token_role.role_id', '=', id).execute();
    const revokedTokens = tokens.filter((t) => t.revoked_at !== null).map((t) => t.id);
    const count = holders.length - leftHolders.length + tokens.length - revokedTokens.length;
    if (count > 0) throw new AppError('org.role.in_use', 409, { count });
    await tx.deleteFrom('user_role').where('role_id', '=', id).execute();
    await tx.deleteFrom('api_token_role').where('role_id', '=', id).execute();
    await tx.deleteFrom('role_permission').where('role_id', '=', id).execute();
    await tx.deleteFrom('role').where('id', '=', id).execute();
    await writeAudit(tx, actor, { action: 'role.delete', entityType: 'role', entityId: id, before: { ...role, leftHolders, revokedTokens } });
  });
}

async function assertNoSodForUser(tx: Executor, userId: number, extraRoleIds: number[]) {
  const current = (await tx.selectFrom('user_role').select('role_id').where('user_id', '=', userId).execute()).map((r) => r.role_id);
  await assertNoSod(tx, [...current, ...extraRoleIds]);
}

async function assertNoSod(tx: Executor, roleIds: number[]) {
  if (!roleIds.length) return;
  const perms = await tx.selectFrom('role_permission').select('permission_code').where('role_id', 'in', roleIds).execute();
  const sod = sodConflict(new Set(perms.map((p) => p.permission_code)));
  if (sod) throw invalid({ path: 'roleIds', code: 'org.role.sod_conflict', params: { permissions: sod } });
}

/**
 * May `actor` give `targetUserId` exactly these roles? Not to himself; system roles only by a
 * holder of role.manage (head office); and the resulting set must respect separation of duties.
 */
export async function assertGrantable(tx: Tx, actor: Actor, targetUserId: number, roleIds: number[]) {
  if (actor.personId === targetUserId) throw new AppError('org.role.self_grant', 403);
  if (actor.kind !== 'system' && !actor.permissions.has('role.grant')) throw new AppError('common.forbidden', 403, { permission: 'role.grant' });
  if (!roleIds.length) return;
  const roles = await tx.selectFrom('role').select(['id', 'category']).where('id', 'in', roleIds).execute();
  if (roles.length !== new Set(roleIds).size) throw invalid({ path: 'roleIds', code: 'common.not_found', params: { entity: 'entity.role' } });
  const headOffice = actor.kind === 'system' || actor.permissions.has('role.manage');
  if (roles.some((r) => r.category === 'system') && !headOffice) {
    throw new AppError('org.role.system_role_grant', 403);
  }
  // No escalation through a grant: below head office a grantor hands out only permissions he
  // holds himself (as for API tokens). Otherwise a branch administrator could open an account
  // with a password he knows and give it customer.sensitive.read.
  if (!headOffice) {
    const excess = await permissionsBeyond(tx, actor, roleIds);
    if (excess.length) throw new AppError('org.role.escalation', 403, { permissions: excess.join(', ') });
  }
  await assertNoSod(tx, roleIds);
}

/** Permissions of these roles that the actor does not hold. */
export async function permissionsBeyond(tx: Executor, actor: Actor, roleIds: number[]): Promise<string[]> {
  if (!roleIds.length) return [];
  const perms = await tx.selectFrom('role_permission').select('permission_code').distinct().where('role_id', 'in', roleIds).execute();
  return perms.map((p) => p.permission_code).filter((p) => !actor.permissions.has(p)).sort();
}
